import Foundation
import Postgres

/// The repository's root folder (tests read sql/ and plans/ from it).
public let repositoryRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
}()

public func readRepositoryFile(_ relative: String) throws -> String {
    try String(contentsOfFile: "\(repositoryRoot)/\(relative)", encoding: .utf8)
}

public struct TestSetupError: Error, CustomStringConvertible {
    public var description: String
    public init(_ d: String) { description = d }
}

/// A fresh database of its own for one test, on the server that `make test` started (PG*
/// variables). With THIDUA_TEST_REQUIRE_DB set, no server is a failure, never a skip.
public final class TestDatabase {
    public let name: String
    /// A conninfo for this database (no password: the test cluster trusts its unix socket).
    public let conninfo: String
    public let connection: Connection

    public init(loadSchema: Bool = true) throws {
        name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        let admin = try TestDatabase.admin()
        try admin.execute("CREATE DATABASE \(name)")
        conninfo = "dbname=\(name)"
        connection = try Connection.connect(ConnectionSettings(conninfo: conninfo, applicationName: "thidua-test"))
        if loadSchema { try connection.execute(try readRepositoryFile("sql/schema.sql")) }
    }

    /// Runs SQL in the `thidua` schema.
    public func sql(_ text: String) throws {
        try connection.execute("SET search_path TO thidua;\n" + text)
    }

    private var dropped = false

    public func drop() {
        guard !dropped else { return }
        dropped = true
        guard let admin = try? TestDatabase.admin() else { return }
        try? admin.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }

    deinit { drop() }

    /// A connection to the server's maintenance database; a failure says how to get a server.
    public static func admin() throws -> Connection {
        do {
            let c = try Connection.connect(ConnectionSettings(conninfo: "dbname=postgres", applicationName: "thidua-test"))
            c.onNotice { _ in }
            return c
        } catch {
            throw TestSetupError("no PostgreSQL for the tests (\(error)); run them with `make test`, which starts one")
        }
    }
}

/// What a run of the `thidua` binary printed and how it ended.
public struct ProcessOutcome {
    public var status: Int32
    public var stdout: String
    public var stderr: String
    public var all: String { stdout + stderr }
}

/// The built `thidua` binary the tests run: THIDUA_BIN (set by make test), or .build/debug/thidua.
public let thiduaBinary: String =
    ProcessInfo.processInfo.environment["THIDUA_BIN"] ?? "\(repositoryRoot)/.build/debug/thidua"

/// Runs the built `thidua` binary and waits for it.
public func runThidua(_ arguments: [String], environment extra: [String: String] = [:],
                      removing: [String] = []) throws -> ProcessOutcome {
    try runProcess(thiduaBinary, arguments, environment: extra, removing: removing)
}

public func runProcess(_ path: String, _ arguments: [String], environment extra: [String: String] = [:],
                       removing: [String] = []) throws -> ProcessOutcome {
    try Spawned(path, arguments, environment: extra, removing: removing).wait()
}

/// A child process started with posix_spawn, its output going to files (no pipe can fill up or be
/// held open by a grandchild such as a database server), reaped with waitpid. Foundation's
/// Process is not used: its waitUntilExit was seen to hang here.
public final class Spawned {
    public let pid: pid_t
    let outPath: String
    let errPath: String

    public init(_ path: String, _ arguments: [String], environment extra: [String: String] = [:], removing: [String] = []) throws {
        var env = ProcessInfo.processInfo.environment
        for k in removing { env.removeValue(forKey: k) }
        for (k, v) in extra { env[k] = v }
        let base = NSTemporaryDirectory() + "thidua-spawn-" + UUID().uuidString
        outPath = base + ".out"
        errPath = base + ".err"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { argv.forEach { free($0) }; envp.forEach { free($0) } }
        var child = pid_t()
        let rc = posix_spawn(&child, path, &actions, nil, argv, envp)
        guard rc == 0 else { throw TestSetupError("cannot start \(path): \(String(cString: strerror(rc)))") }
        pid = child
    }

    /// Waits for the child and returns what it printed.
    public func wait() -> ProcessOutcome {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let out = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        let err = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(atPath: outPath)
        try? FileManager.default.removeItem(atPath: errPath)
        let exited = status & 0x7f == 0
        return ProcessOutcome(status: exited ? (status >> 8) & 0xff : 128 + (status & 0x7f), stdout: out, stderr: err)
    }

    public func signal(_ sig: Int32) { kill(pid, sig) }
}

/// A scratch folder removed when the value goes away.
public final class ScratchFolder {
    public let path: String
    public init() throws {
        path = NSTemporaryDirectory() + "thidua-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// Resident memory of this process, in bytes (from /proc/self/statm).
public func residentBytes() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
    let parts = text.split(separator: " ")
    guard parts.count > 1, let pages = Int(parts[1]) else { return 0 }
    return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
}

/// A role that must authenticate with a password (`right-password-251`); the test cluster's
/// pg_hba asks this role, and only it, for a password.
public func ensurePasswordRole() throws {
    let admin = try TestDatabase.admin()
    try admin.execute("""
        DO $$ BEGIN
          CREATE ROLE thidua_pw LOGIN PASSWORD 'right-password-251';
        EXCEPTION WHEN duplicate_object THEN NULL; WHEN unique_violation THEN NULL;
        END $$;
        """)
}

/// A small deterministic generator (SplitMix64) for property and fuzz tests.
public struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
}
