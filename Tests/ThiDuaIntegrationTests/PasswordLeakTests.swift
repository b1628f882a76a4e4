import Foundation
import Testing
import TestSupport

/// Issue 13: no fragment of a password (three characters or more) appears in anything thidua
/// prints or logs, whatever form the password comes in and whatever goes wrong. Passwords are
/// generated with spaces, quotes, backslashes, `=`, `@`, `/`, `%` and non-ASCII characters; every
/// other character is one that thidua's own messages never contain (Q, X, Z, J, K, W, đ, ữ, 中, ä,
/// €), so any three characters of a password in the output can only have come from the password.
@Suite("passwords: no fragment anywhere, in any form, on any path", .serialized)
struct PasswordLeakTests {
    static let rare: [Character] = ["Q", "X", "Z", "J", "K", "W", "đ", "ữ", "中", "ä", "€"]
    static let special: [Character] = [" ", "\"", "'", "\\", "=", "@", "/", "%", "#", "?", "&", ":", "đ", "Z"]

    static func passwords(count: Int, seed: UInt64) -> [String] {
        var rng = SeededGenerator(seed: seed)
        return (0..<count).map { _ in
            let length = 8 + Int(rng.next() % 7)
            return String((0..<length).map { i in
                let set = i % 2 == 0 ? rare : special
                return set[Int(rng.next() % UInt64(set.count))]
            })
        }
    }

    /// Every run of three characters of `password` that `text` contains.
    static func fragments(of password: String, in text: String) -> [String] {
        let chars = Array(password)
        guard chars.count >= 3 else { return [] }
        return (0...(chars.count - 3)).map { String(chars[$0..<$0 + 3]) }.filter { text.contains($0) }
    }

    static func conninfoQuoted(_ v: String) -> String {
        "'" + v.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
    }

    static func percentEncoded(_ v: String) -> String {
        v.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? v
    }

    @Test("generated passwords in conninfo, URI, config file, THIDUA_DB and PGPASSWORD; unreachable, malformed, wrong, config, human and JSON logs")
    func noFragment() throws {
        try ensurePasswordRole()
        let host = ProcessInfo.processInfo.environment["PGHOST"] ?? "/tmp"
        let port = ProcessInfo.processInfo.environment["PGPORT"] ?? "5432"
        let scratch = try ScratchFolder()
        let retries = scratch.path + "/retries.yaml"
        try "database:\n  retries: 2\n  retry_backoff_seconds: 0\n".write(toFile: retries, atomically: true, encoding: .utf8)
        var checked = 0
        var failures: [String] = []
        for password in Self.passwords(count: 5, seed: 251) {
            var forms: [(name: String, db: String?, env: [String: String])] = []
            for (label, p) in [("reachable", port), ("unreachable", "1")] {
                let base = "host=\(host) port=\(p) dbname=postgres user=thidua_pw"
                forms.append(("conninfo \(label)", "\(base) password=\(Self.conninfoQuoted(password))", [:]))
                forms.append(("conninfo raw \(label)", "\(base) password=\(password)", [:]))
                forms.append(("conninfo malformed \(label)", "\(base) password=\(Self.conninfoQuoted(password)) nonsense", [:]))
                forms.append(("URI \(label)", "postgresql://thidua_pw:\(Self.percentEncoded(password))@/postgres?host=\(host)&port=\(p)", [:]))
                forms.append(("URI raw \(label)", "postgresql://thidua_pw:\(password)@/postgres?host=\(host)&port=\(p)", [:]))
                forms.append(("PGPASSWORD \(label)", base, ["PGPASSWORD": password]))
                forms.append(("THIDUA_DB \(label)", nil, ["THIDUA_DB": "\(base) password=\(Self.conninfoQuoted(password))"]))
            }
            let yaml = scratch.path + "/with-password.yaml"
            let quoted = "host=\(host) dbname=postgres user=thidua_pw password=\(Self.conninfoQuoted(password))"
            try "database:\n  conninfo: \"\(quoted.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\""))\"\n"
                .write(toFile: yaml, atomically: true, encoding: .utf8)
            for form in forms {
                let db = form.db.map { ["--db", $0] } ?? []
                let commands: [[String]] = [
                    ["check"] + db,
                    ["check", "--log-format", "json"] + db,
                    ["run", "--config", retries, "--log-format", "json", "--out", scratch.path + "/out"] + db,
                    ["run", "--config", retries, "--out", scratch.path + "/out"] + db,
                    ["config"] + db,
                ]
                for args in commands {
                    let out = try runThidua(args, environment: form.env)
                    checked += 1
                    let leaked = Self.fragments(of: password, in: out.all)
                    if !leaked.isEmpty { failures.append("\(form.name) \(args.first ?? ""): \(leaked.prefix(3)) in \(out.all.prefix(300))") }
                    #expect(out.status != 0 || args.first == "config", "\(form.name): a wrong password cannot succeed")
                    #expect(out.status < 128, "\(form.name): ended by a signal")
                }
            }
            for args in [["config", "--config", yaml], ["check", "--config", yaml], ["run", "--config", yaml, "--log-format", "json"]] {
                let out = try runThidua(args)
                checked += 1
                #expect(out.status == 78, "a password in the configuration file is refused: \(out.stderr.prefix(200))")
                let leaked = Self.fragments(of: password, in: out.all)
                if !leaked.isEmpty { failures.append("config file \(args[0]): \(leaked.prefix(3))") }
            }
        }
        #expect(failures.isEmpty, "\(failures.count) leaks: \(failures.prefix(5))")
        #expect(checked >= 350)
    }

    @Test("the fragment check itself finds a leak")
    func detectorWorks() {
        #expect(Self.fragments(of: "QxZ=J", in: "error near \"xZ=\"") == ["xZ="])
        #expect(Self.fragments(of: "Q=Z đ", in: "host=/tmp port=5432").isEmpty)
    }
}
