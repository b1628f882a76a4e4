import Foundation
import Postgres
import Testing
import TestSupport

@Suite("connection failures: clear, one line, the right exit code, no password")
struct ConnectFailureTests {
    static let secret = "Sup3r-Secret-Pw!42"

    @Test("wrong port: exit 75 (the server may be down: try again later), says where it tried, no password anywhere")
    func wrongPort() throws {
        let host = ProcessInfo.processInfo.environment["PGHOST"] ?? "/tmp"
        let out = try runThidua(["check", "--db", "host=\(host) port=1 dbname=postgres password=\(Self.secret)"])
        #expect(out.status == 75)
        #expect(out.stderr.contains("port=1"))
        #expect(out.stderr.split(separator: "\n").count == 1, "expected one line, got: \(out.stderr)")
        #expect(!out.all.contains(Self.secret))
    }

    @Test("wrong password: exit 69, authentication named, no password anywhere")
    func wrongPassword() throws {
        try ensurePasswordRole()
        let host = ProcessInfo.processInfo.environment["PGHOST"] ?? "/tmp"
        let out = try runThidua(["check", "--db", "postgresql://thidua_pw:\(Self.secret)@/postgres?host=\(host)"])
        #expect(out.status == 69)
        #expect(out.stderr.contains("password authentication failed"))
        #expect(out.stderr.split(separator: "\n").count == 1)
        #expect(!out.all.contains(Self.secret))
        let viaEnv = try runThidua(["check", "--db", "user=thidua_pw dbname=postgres host=\(host)"],
                                   environment: ["PGPASSWORD": Self.secret])
        #expect(viaEnv.status == 69)
        #expect(!viaEnv.all.contains(Self.secret))
    }

    @Test("a malformed connection string is a usage error (64), not retried and not echoed; a bad option value is 78")
    func malformed() throws {
        let out = try runThidua(["check", "--db", "host=x password=\(Self.secret) nonsense"])
        #expect(out.status == 64)
        #expect(out.stderr.contains("does not parse"))
        #expect(!out.stderr.contains("attempt"))
        #expect(!out.all.contains(Self.secret))
        let sslmode = try runThidua(["check", "--db", "host=x sslmode=sometimes"])
        #expect(sslmode.status == 78, "\(sslmode.all)")
        #expect(sslmode.stderr.contains("invalid sslmode value"))
        #expect(!sslmode.stderr.contains("sometimes"))
    }

    @Test("libpq defaults (PG* variables) are used when --db is absent")
    func libpqDefaults() throws {
        let db = try TestDatabase()
        defer { db.drop() }
        let out = try runThidua(["check"], environment: ["PGDATABASE": db.name])
        #expect(out.status == 0, "\(out.all)")
        #expect(out.stdout.contains("dbname=\(db.name)"))
    }
}
