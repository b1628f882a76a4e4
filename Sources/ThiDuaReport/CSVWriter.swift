import Foundation
import ThiDuaCore

/// A CSV cell: text is NFC-normalised and, when it starts like a formula, neutralised; numbers,
/// dates and booleans are written as they are (SPEC §5).
public enum CSVCell: Sendable, Equatable {
    case text(String)
    case number(String)
    case empty

    public static func int(_ v: Int?) -> CSVCell { v.map { .number(String($0)) } ?? .empty }
    public static func rate(_ f: Fraction?) -> CSVCell { f.map { .number($0.formatted(places: 6)) } ?? .empty }
    public static func score(_ d: Decimal?) -> CSVCell { d.map { .number(Score.format($0)) } ?? .empty }
    public static func day(_ d: Day?) -> CSVCell { d.map { .number($0.description) } ?? .empty }
    public static func bool(_ b: Bool?) -> CSVCell { b.map { .number($0 ? "true" : "false") } ?? .empty }
    public static func string(_ s: String?) -> CSVCell { s.map { .text($0) } ?? .empty }
}

extension CSVCell {
    /// The cell with its text in Unicode NFC (ASCII, most cells, is NFC already), so a row written to
    /// the CSV file and to the workbook is normalised once.
    public var normalized: CSVCell {
        guard case .text(let s) = self else { return self }
        return .text(CSVCell.nfc(s))
    }

    static func nfc(_ s: String) -> String {
        s.utf8.allSatisfy({ $0 < 0x80 }) ? s : s.precomposedStringWithCanonicalMapping
    }
}

/// RFC 4180 writer: CRLF line ends, fields quoted when they hold a comma, quote, CR or LF, UTF-8 with
/// an optional byte-order mark so Excel shows Vietnamese correctly. Rows go as bytes into one
/// buffer, written to the file (and hashed) 64 KiB at a time, so a streamed file never sits whole in
/// memory.
public final class CSVWriter {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    public private(set) var rows = 0
    private let digest = SHA256()
    private static let flushAt = 1 << 16

    public init(path: String, header: [String], byteOrderMark: Bool) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
        handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        buffer.reserveCapacity(CSVWriter.flushAt + 4096)
        if byteOrderMark { buffer += [0xEF, 0xBB, 0xBF] }
        try write(header.map { .text($0) })
        rows = 0
    }

    /// Writes one row; `normalized` says its text cells are NFC already (`CSVCell.normalized`).
    public func write(_ cells: [CSVCell], normalized: Bool = false) throws {
        for (i, cell) in cells.enumerated() {
            if i > 0 { buffer.append(0x2C) }
            append(cell, normalized: normalized)
        }
        buffer.append(0x0D)
        buffer.append(0x0A)
        rows += 1
        if buffer.count >= CSVWriter.flushAt { try flush() }
    }

    /// Flushes and closes; returns the SHA-256 of every byte written. (The publisher syncs the whole
    /// staged run to disk once, before it is renamed into place.)
    public func close() throws -> String {
        try flush()
        try handle.close()
        return digest.finish()
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        buffer.withUnsafeBytes { digest.update($0) }
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    private func append(_ cell: CSVCell, normalized: Bool) {
        switch cell {
        case .empty: return
        case .number(let s): appendQuoted(s, formula: false)
        case .text(let s):
            let nfc = normalized ? s : CSVCell.nfc(s)
            // A cell Excel would run as a formula gets a leading apostrophe (SPEC §5).
            appendQuoted(nfc, formula: nfc.unicodeScalars.first.map { CSVWriter.formulaStarts.contains($0) } ?? false)
        }
    }

    private static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    private func appendQuoted(_ raw: String, formula: Bool) {
        let quoted = raw.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0D || $0 == 0x0A })
        if quoted { buffer.append(0x22) }
        if formula { buffer.append(0x27) }
        if quoted {
            for b in raw.utf8 {
                buffer.append(b)
                if b == 0x22 { buffer.append(0x22) }
            }
            buffer.append(0x22)
        } else {
            buffer.append(contentsOf: raw.utf8)
        }
    }

    /// One field as it appears in the file.
    public static func field(_ cell: CSVCell) -> String {
        let raw: String
        switch cell {
        case .empty: return ""
        case .number(let s): raw = s
        case .text(let s):
            let nfc = CSVCell.nfc(s)
            raw = (nfc.unicodeScalars.first.map { formulaStarts.contains($0) } ?? false) ? "'" + nfc : nfc
        }
        if raw.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0D || $0 == 0x0A }) {
            return "\"" + raw.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return raw
    }
}
