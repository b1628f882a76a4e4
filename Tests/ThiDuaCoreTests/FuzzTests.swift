import Foundation
import Testing
import ThiDuaConfig
import ThiDuaCore
import ThiDuaReport
import TestSupport

/// Random text with the characters that break CSV and HTML writers.
func randomText(_ rng: inout some RandomNumberGenerator, maxLength: Int = 40) -> String {
    let alphabet: [String] = ["a", "Z", "0", " ", ",", "\"", "\r", "\n", "\r\n", "=", "+", "-", "@", "\t", "'", ";", "<", ">", "&",
                              "ễ", "Đ", "e\u{0301}", "🚀", "\u{FEFF}", "\\", "|", "%"]
    let n = Int.random(in: 0...maxLength, using: &rng)
    return (0..<n).map { _ in alphabet.randomElement(using: &rng)! }.joined()
}

@Suite("fuzzing the CSV writer and the plan parser")
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

    @Test("mutated plan files parse or fail with a ConfigError, never a crash", arguments: 1...4)
    func planParser(seed: Int) {
        var rng = SeededGenerator(seed: UInt64(seed) &* 7919)
        let lines = defaultPlanYAML.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
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
            do {
                _ = try PlanFile.parse(mutated.joined(separator: "\n"), file: "fuzz.yaml")
            } catch {
                refused += 1
                #expect(error.description.hasPrefix("fuzz.yaml"), "\(error)")
            }
        }
        #expect(refused > 0)
    }
}

