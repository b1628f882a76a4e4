import Foundation
import ThiDuaCore

/// A unit id as a file name that is also a safe URL: ASCII letters, digits and `-` stay; every
/// other byte becomes `_XX` (hex), so two ids never share a file; a very long id is shortened with a
/// digest (`~` marks it, and cannot come from the escaping).
public func unitFileName(_ id: String) -> String {
    var out = ""
    for b in id.utf8 {
        let c = Character(Unicode.Scalar(b))
        if c.isASCII && (c.isLetter || c.isNumber || c == "-") { out.append(c) } else { out += String(format: "_%02X", b) }
    }
    // A file name has at most 255 bytes (with ".records.csv" after it): a long id keeps its first
    // 60 characters and a digest of the whole, so it still names one unit only.
    if out.utf8.count > 100 { out = String(out.prefix(60)) + "~" + String(SHA256.hex(Data(id.utf8)).prefix(24)) }
    return out.isEmpty ? "_" : out
}
