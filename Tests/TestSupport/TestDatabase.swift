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
        connection = try Connection.connect(ConnectionSettings(conninfo: conninfo))
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
            let c = try Connection.connect(ConnectionSettings(conninfo: "dbname=postgres"))
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

/// Runs the built `thidua` binary (THIDUA_BIN, or .build/debug/thidua).
public func runThidua(_ arguments: [String], environment extra: [String: String] = [:],
                      removing: [String] = []) throws -> ProcessOutcome {
    let binary = ProcessInfo.processInfo.environment["THIDUA_BIN"] ?? "\(repositoryRoot)/.build/debug/thidua"
    return try runProcess(binary, arguments, environment: extra, removing: removing)
}

public func runProcess(_ path: String, _ arguments: [String], environment extra: [String: String] = [:],
                       removing: [String] = []) throws -> ProcessOutcome {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: path)
    p.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    for k in removing { env.removeValue(forKey: k) }
    for (k, v) in extra { env[k] = v }
    p.environment = env
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    try p.run()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return ProcessOutcome(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
                          stderr: String(decoding: e, as: UTF8.self))
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
