import Foundation
import Testing
import TestSupport
import ThiDuaCore
@testable import ThiDuaPlan
import ThiDuaReport

/// Random text with the characters that break CSV and HTML writers.
func randomText(_ rng: inout some RandomNumberGenerator, maxLength: Int = 40) -> String {
    let alphabet: [String] = ["a", "Z", "0", " ", ",", "\"", "\r", "\n", "\r\n", "=", "+", "-", "@", "\t", "'", ";", "<", ">", "&",
                              "ễ", "Đ", "e\u{0301}", "🚀", "\u{FEFF}", "\\", "|", "%"]
    let n = Int.random(in: 0...maxLength, using: &rng)
    return (0..<n).map { _ in alphabet.randomElement(using: &rng)! }.joined()
}

@Suite("fuzzing the CSV writer and the plan checker")
struct FuzzTests {
    @Test("random rows round-trip through the writer and a reader, neutralised and NFC", arguments: 1...5)
    func csvRoundTrip(seed: Int) throws {
        var rng = SeededGenerator(seed: UInt64(seed))
        let path = NSTemporaryDirectory() + "fuzz-\(UUID().uuidString).csv"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let header = ["a", "b", "c"]
        let writer = try CSVWriter(path: path, header: header, byteOrderMark: seed % 2 == 0)
        var expected: [[String]] = []
        for _ in 0..<300 {
            let row = (0..<3).map { _ in randomText(&rng) }
            try writer.write(row.map { CSVCell.text($0) })
            expected.append(row.map { s in
                let nfc = s.precomposedStringWithCanonicalMapping
                return ["=", "+", "-", "@", "\t", "\r"].contains(where: { nfc.unicodeScalars.first.map(String.init) == $0 }) ? "'" + nfc : nfc
            })
        }
        let digest = try writer.close()
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(SHA256.hex(data) == digest)
        let rows = CSVReader.rows(String(decoding: data, as: UTF8.self))
        #expect(rows.count == expected.count)
        for (got, want) in zip(rows, expected) {
            #expect([got["a"] ?? "", got["b"] ?? "", got["c"] ?? ""] == want)
        }
    }

    @Test("numbers are never neutralised")
    func numbers() {
        #expect(CSVWriter.field(.number("-1")) == "-1")
        #expect(CSVWriter.field(.text("-1")) == "'-1")
        #expect(CSVWriter.field(.text("a,b")) == "\"a,b\"")
        #expect(CSVWriter.field(.text("say \"hi\"")) == "\"say \"\"hi\"\"\"")
    }

    /// Every error code of PLAN-LANGUAGE.md §17's table (and `internal`, the checker's own defect report, never expected).
    static let planErrorCodes: Set<String> = [
        "syntax", "duplicate_key", "yaml_feature", "language_version", "unknown_key", "missing_key", "value_type", "expression",
        "duplicate_id", "reserved_name", "unknown_relation", "unknown_column", "unknown_link", "operator_type", "unknown_code",
        "not_summable", "unknown_day", "unknown_window", "unknown_measure", "unknown_metric", "unknown_criterion",
        "unknown_column_ref", "cycle", "day_range", "window_order", "dynamic_deadline", "replay_unsafe", "weights_sum",
        "negative_weight", "kind_mismatch", "milestone_items", "quota_tiers", "rate_range", "duplicate_column", "layout",
    ]

    @Test("mutated plan files check clean or fail with §17 error codes at positions in the file, never a crash", arguments: 1...4)
    func planChecker(seed: Int) {
        var rng = SeededGenerator(seed: UInt64(seed) &* 7919)
        let lines = shippedPlanYAML.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var refused = 0
        for _ in 0..<150 {
            var mutated = lines
            for _ in 0..<Int.random(in: 1...3, using: &rng) {
                let i = Int.random(in: 0..<mutated.count, using: &rng)
                switch Int.random(in: 0...4, using: &rng) {
                case 0: mutated[i] = randomText(&rng)
                case 1: mutated.remove(at: i)
                case 2: mutated[i] = mutated[i].replacingOccurrences(of: ":", with: randomText(&rng, maxLength: 3))
                case 3: mutated.insert(randomText(&rng) + ": " + randomText(&rng), at: i)
                default: mutated[i] = String(mutated[i].shuffled(using: &rng))
                }
            }
            let text = mutated.joined(separator: "\n")
            switch PlanReader.check(text: text, file: "fuzz.yaml") {
            case .success(let checked):
                #expect(checked.sha256 == SHA256.hex(Data(text.utf8)))
            case .failure(let errors):
                refused += 1
                #expect(!errors.issues.isEmpty)
                let lineCount = mutated.count + 1
                for issue in errors.issues {
                    #expect(Self.planErrorCodes.contains(issue.code), "\(issue)")
                    #expect(issue.file == "fuzz.yaml" && issue.description.hasPrefix("fuzz.yaml:"), "\(issue)")
                    #expect(issue.line >= 1 && issue.line <= lineCount && issue.column >= 1, "\(issue)")
                    #expect(!issue.isWarning, "\(issue)")
                }
            }
        }
        #expect(refused > 0)
    }
}
