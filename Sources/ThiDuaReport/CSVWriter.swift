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

/// RFC 4180 writer: CRLF line ends, fields quoted when they hold a comma, quote, CR or LF, UTF-8 with
/// an optional byte-order mark so Excel shows Vietnamese correctly. Writes through a buffer to a
/// file handle, so a streamed file never sits whole in memory.
public final class CSVWriter {
    private let handle: FileHandle
    private var buffer = Data()
    public private(set) var rows = 0
    private let digest = SHA256()

    public init(path: String, header: [String], byteOrderMark: Bool) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
        handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        if byteOrderMark { append(Data([0xEF, 0xBB, 0xBF])) }
        try writeLine(header.map { CSVWriter.field(.text($0)) })
        rows = 0
    }

    public func write(_ cells: [CSVCell]) throws {
        try writeLine(cells.map(CSVWriter.field))
        rows += 1
    }

    /// Flushes and closes; returns the SHA-256 of every byte written. (The publisher syncs the whole
    /// staged run to disk once, before it is renamed into place.)
    public func close() throws -> String {
        try flush()
        try handle.close()
        return digest.finish()
    }

    private func writeLine(_ fields: [String]) throws {
        var line = fields.joined(separator: ",")
        line += "\r\n"
        append(Data(line.utf8))
        if buffer.count >= 1 << 16 { try flush() }
    }

    private func append(_ data: Data) {
        buffer.append(data)
        digest.update(data)
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// One field as it appears in the file.
    public static func field(_ cell: CSVCell) -> String {
        let raw: String
        switch cell {
        case .empty: return ""
        case .number(let s): raw = s
        case .text(let s):
            // ASCII is already NFC: skip Foundation's normalisation for most cells.
            let nfc = s.utf8.allSatisfy({ $0 < 0x80 }) ? s : s.precomposedStringWithCanonicalMapping
            // A cell Excel would run as a formula gets a leading apostrophe (SPEC §5).
            if let first = nfc.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) {
                raw = "'" + nfc
            } else {
                raw = nfc
            }
        }
        if raw.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0D || $0 == 0x0A }) {
            return "\"" + raw.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return raw
    }
}
