import Foundation
import ThiDuaCore

/// Reads CSV text written by `CSVWriter` (RFC 4180, optional BOM) into header-keyed rows.
public enum CSVReader {
    public static func rows(_ text: String) -> [[String: String]] {
        var records: [[String]] = []
        var field = "", record: [String] = [], quoted = false, afterQuote = false
        var body = Substring(text)
        if body.hasPrefix("\u{FEFF}") { body = body.dropFirst() }
        for c in body.unicodeScalars {
            if quoted {
                if c == "\"" { quoted = false; afterQuote = true } else { field.unicodeScalars.append(c) }
                continue
            }
            switch c {
            case "\"":
                if afterQuote { field.append("\"") }
                quoted = true
                afterQuote = false
            case ",":
                record.append(field); field = ""; afterQuote = false
            case "\r":
                afterQuote = false
            case "\n":
                record.append(field); field = ""; afterQuote = false
                records.append(record); record = []
            default:
                afterQuote = false
                field.unicodeScalars.append(c)
            }
        }
        if !field.isEmpty || !record.isEmpty { record.append(field); records.append(record) }
        guard let header = records.first else { return [] }
        return records.dropFirst().map { r in
            var row: [String: String] = [:]
            for (i, h) in header.enumerated() where i < r.count { row[h] = r[i] }
            return row
        }
    }
}
