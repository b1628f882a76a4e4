import CLibPQ
import Foundation

/// How to reach the warehouse. `conninfo` is a libpq conninfo string or URI; when it is nil or
/// empty, libpq's own defaults apply (`PG*` variables, service file, `.pgpass`).
public struct ConnectionSettings: Sendable {
    public var conninfo: String?
    public var connectTimeoutSeconds: Int
    /// Server-side limit per statement (`statement_timeout`), nil for the server's default.
    public var statementTimeoutMilliseconds: Int?
    /// Client-side limit per statement: past it the statement is cancelled with `PQcancel`.
    /// This also catches a backend that no longer answers at all.
    public var clientDeadlineSeconds: Double?
    public var applicationName: String

    public init(conninfo: String? = nil, connectTimeoutSeconds: Int = 10,
                statementTimeoutMilliseconds: Int? = nil, clientDeadlineSeconds: Double? = nil,
                applicationName: String = "thidua") {
        self.conninfo = conninfo
        self.connectTimeoutSeconds = connectTimeoutSeconds
        self.statementTimeoutMilliseconds = statementTimeoutMilliseconds
        self.clientDeadlineSeconds = clientDeadlineSeconds
        self.applicationName = applicationName
    }
}

/// One libpq connection. Not `Sendable`: it lives in one task.
public final class Connection {
    let handle: OpaquePointer
    /// Where it is connected (host, port, database, user), safe to print.
    public let target: String
    let redactor: Redactor
    let deadline: Double?
    private var noticeBox: Unmanaged<NoticeBox>?

    /// Opens a connection, or throws an error that names where it tried (never the password).
    /// The conninfo is parsed by libpq first: one that does not parse is refused without being
    /// echoed (`.settings`, never retried).
    public static func connect(_ settings: ConnectionSettings) throws(PostgresError) -> Connection {
        var redactor = Redactor()
        let conninfo = settings.conninfo.flatMap { $0.isEmpty ? nil : $0 }
        if let conninfo {
            do { redactor.learn(try ConnInfo(parsing: conninfo)) } catch {
                throw PostgresError(kind: .settings, message: error.message)
            }
        }
        if let env = ProcessInfo.processInfo.environment["PGPASSWORD"] { redactor.add(secret: env) }

        // TCP keepalives notice a silent network or server within about a minute; the conninfo
        // that follows may override any of these.
        var keys = ["connect_timeout", "application_name", "client_encoding", "keepalives", "keepalives_idle",
                    "keepalives_interval", "keepalives_count"]
        var values = [String(settings.connectTimeoutSeconds), settings.applicationName, "UTF8", "1", "30", "10", "3"]
        if let conninfo {
            keys.append("dbname")
            values.append(conninfo)
        }
        let handle: OpaquePointer? = withCStringArray(keys) { k in
            withCStringArray(values) { v in PQconnectdbParams(k, v, 1) }
        }
        guard let handle else {
            throw PostgresError(kind: .connect, message: "libpq could not allocate a connection")
        }
        let (target, printable) = describeTarget(handle)
        redactor.printable = printable
        guard PQstatus(handle) == CONNECTION_OK else {
            let message = redactor.cleanConnectError(errorText(handle))
            PQfinish(handle)
            // libpq refuses some option values before it tries the network: not worth a retry.
            let invalid = message.hasPrefix("invalid ") || message.contains("could not match")
            throw PostgresError(kind: invalid ? .settings : .connect, message: message, target: target)
        }
        let connection = Connection(handle: handle, target: target, redactor: redactor,
                                    deadline: settings.clientDeadlineSeconds)
        if let ms = settings.statementTimeoutMilliseconds {
            _ = try connection.query("SELECT set_config('statement_timeout', \(String(ms)), false)")
        }
        return connection
    }

    private init(handle: OpaquePointer, target: String, redactor: Redactor, deadline: Double?) {
        self.handle = handle
        self.target = target
        self.redactor = redactor
        self.deadline = deadline
    }

    deinit {
        noticeBox?.release()
        PQfinish(handle)
    }

    /// Server notices (NOTICE, WARNING) go to `handler` instead of libpq's stderr default.
    public func onNotice(_ handler: @escaping (String) -> Void) {
        noticeBox?.release()
        let box = Unmanaged.passRetained(NoticeBox(handler: handler, redactor: redactor))
        noticeBox = box
        PQsetNoticeReceiver(handle, { arg, result in
            guard let arg, let result else { return }
            let box = Unmanaged<NoticeBox>.fromOpaque(arg).takeUnretainedValue()
            let text = String(cString: PQresultErrorMessage(result))
            box.handler(box.redactor.clean(text).trimmingCharacters(in: .whitespacesAndNewlines))
        }, box.toOpaque())
    }

    /// Whether the connection is still usable (libpq may report a broken one without a SQLSTATE).
    public var isAlive: Bool { PQstatus(handle) == CONNECTION_OK }

    /// The server's process id for this session (tests use it to stop or kill the backend).
    public var backendPID: Int32 { PQbackendPID(handle) }

    // MARK: Statements

    /// Runs one statement with bound parameters and returns its whole result.
    @discardableResult
    public func query(_ query: Query) throws(PostgresError) -> QueryResult {
        try send(query, singleRow: false)
        var final: QueryResult?
        var failure: PostgresError?
        while let result = try nextResult() {
            let status = PQresultStatus(result)
            if status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK {
                if final == nil { final = QueryResult(result) } else { PQclear(result) }
            } else {
                if failure == nil { failure = error(from: result) }
                PQclear(result)
            }
        }
        if let failure { throw failure }
        guard let final else { throw lostError() }
        return final
    }

    /// Streams a result row by row (libpq single-row mode): memory does not grow with the row count.
    public func stream(_ query: Query, _ body: (Row) throws -> Void) throws {
        try send(query, singleRow: true)
        var failure: Error?
        while let result = try nextResult() {
            let status = PQresultStatus(result)
            let box = ResultBox(result)
            if status == PGRES_SINGLE_TUPLE {
                if failure == nil {
                    do { try body(Row(box: box, index: 0)) } catch {
                        failure = error
                        cancel()
                    }
                }
            } else if status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK {
                if failure == nil { failure = self.error(from: result) }
            }
        }
        if let failure { throw failure }
    }

    /// Runs one or more statements without parameters (a script such as sql/schema.sql).
    public func execute(_ sql: String) throws(PostgresError) {
        guard PQsendQuery(handle, sql) == 1 else { throw lostError() }
        var failure: PostgresError?
        while let result = try nextResult() {
            let status = PQresultStatus(result)
            if status == PGRES_FATAL_ERROR || status == PGRES_BAD_RESPONSE, failure == nil {
                failure = error(from: result)
            }
            PQclear(result)
        }
        if let failure { throw failure }
    }

    /// Opens the run's one consistent snapshot: every later statement reads the same data.
    public func beginReadOnlySnapshot() throws(PostgresError) {
        try execute("BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
    }

    public func rollback() {
        try? execute("ROLLBACK")
    }

    // MARK: Internals

    /// `THIDUA_SQL_TRACE=FILE` appends every statement with its parameters as a JSON line, so that
    /// the benchmark can replay the job's own SQL through psql (its "SQL floor").
    private static let tracePath = ProcessInfo.processInfo.environment["THIDUA_SQL_TRACE"]

    /// Two sessions may trace at once (the run reads on two cores): one line at a time.
    private static let traceLock = NSLock()

    private func trace(_ query: Query) {
        guard let path = Self.tracePath else { return }
        Self.traceLock.lock()
        defer { Self.traceLock.unlock() }
        let object: [String: Any] = ["sql": query.sql, "binds": query.binds.map { $0 as Any? ?? NSNull() }]
        guard var data = try? JSONSerialization.data(withJSONObject: object) else { return }
        data.append(0x0A)
        if let h = FileHandle(forWritingAtPath: path) ?? (FileManager.default.createFile(atPath: path, contents: nil) ? FileHandle(forWritingAtPath: path) : nil) {
            h.seekToEndOfFile()
            h.write(data)
            h.closeFile()
        }
    }

    private func send(_ query: Query, singleRow: Bool) throws(PostgresError) {
        trace(query)
        let sent: Int32 = withOptionalCStringArray(query.binds) { params in
            PQsendQueryParams(handle, query.sql, Int32(query.binds.count), nil, params, nil, nil, 0)
        }
        guard sent == 1 else { throw lostError() }
        if singleRow { PQsetSingleRowMode(handle) }
    }

    /// Waits for the next result with the client deadline; nil when the statement is done.
    private func nextResult() throws(PostgresError) -> OpaquePointer? {
        let start = Date()
        let socket = PQsocket(handle)
        while PQisBusy(handle) == 1 {
            var waitMs: Int32 = 1000
            if let deadline {
                let left = deadline - Date().timeIntervalSince(start)
                if left <= 0 {
                    cancel()
                    // Not waiting for the server's answer to the cancel: a hung backend may never send
                    // one. The caller drops this connection; the run starts again on a new one.
                    throw PostgresError(kind: .timeout,
                                        message: "no answer from the server within \(Int(deadline)) s; the statement was cancelled",
                                        target: target)
                }
                waitMs = Int32(min(1000, max(1, left * 1000)))
            }
            var fds = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            let ready = poll(&fds, 1, waitMs)
            if ready < 0 && errno != EINTR { throw lostError() }
            if ready > 0, PQconsumeInput(handle) == 0 { throw lostError() }
        }
        return PQgetResult(handle)
    }

    /// Asks the server to cancel the running statement (a separate connection, as libpq does it).
    public func cancel() {
        guard let c = PQgetCancel(handle) else { return }
        var buffer = [CChar](repeating: 0, count: 256)
        _ = PQcancel(c, &buffer, 256)
        PQfreeCancel(c)
    }

    private func lostError() -> PostgresError {
        PostgresError(kind: .connectionLost, message: redactor.clean(errorText(handle)).isEmpty
                      ? "connection to the server was lost" : redactor.clean(errorText(handle)),
                      target: target)
    }

    private func error(from result: OpaquePointer) -> PostgresError {
        func field(_ code: Int32) -> String? {
            guard let p = PQresultErrorField(result, code) else { return nil }
            return redactor.clean(String(cString: p))
        }
        let state = field(THIDUA_DIAG_SQLSTATE)
        let message = field(THIDUA_DIAG_MESSAGE_PRIMARY) ?? redactor.clean(errorText(handle))
        let lost = state == nil && PQstatus(handle) != CONNECTION_OK
        return PostgresError(kind: lost ? .connectionLost : .query, sqlState: state,
                             message: message.isEmpty ? "connection to the server was lost" : message,
                             detail: field(THIDUA_DIAG_MESSAGE_DETAIL), hint: field(THIDUA_DIAG_MESSAGE_HINT),
                             target: target)
    }
}

final class NoticeBox {
    let handler: (String) -> Void
    let redactor: Redactor
    init(handler: @escaping (String) -> Void, redactor: Redactor) {
        self.handler = handler
        self.redactor = redactor
    }
}

func errorText(_ handle: OpaquePointer) -> String {
    guard let p = PQerrorMessage(handle) else { return "" }
    return String(cString: p)
        .split(whereSeparator: \.isNewline)
        .map { $0.trimmingCharacters(in: .whitespaces) }
        .filter { !$0.isEmpty }
        .joined(separator: "; ")
}

/// `host=… port=… dbname=… user=…`: where a connection went or tried to go, never a secret. A value
/// with characters no host, port, database or user name has is shown as `(not shown)`: it may be a
/// piece of a password that a malformed string put in the wrong place. Also returns the values a
/// libpq message may quote (those shown, and the unix socket paths built from them).
func describeTarget(_ handle: OpaquePointer) -> (String, Set<String>) {
    var printable: Set<String> = []
    func value(_ p: UnsafeMutablePointer<CChar>?, digits: Bool = false) -> String {
        guard let p else { return "?" }
        let s = String(cString: p)
        if s.isEmpty { return "?" }
        guard let shown = ConnInfo.displayable(s), !digits || shown.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ",") }) else {
            return "(not shown)"
        }
        printable.insert(shown)
        return shown
    }
    let host = value(PQhost(handle)), port = value(PQport(handle), digits: true)
    let target = "host=\(host) port=\(port) dbname=\(value(PQdb(handle))) user=\(value(PQuser(handle)))"
    for h in host.split(separator: ",") where h.hasPrefix("/") {
        for p in port.split(separator: ",") { printable.insert("\(h)/.s.PGSQL.\(p)") }
    }
    return (target, printable)
}

func withCStringArray<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R) -> R {
    let copies = strings.map { strdup($0) }
    defer { copies.forEach { free($0) } }
    var pointers: [UnsafePointer<CChar>?] = copies.map { UnsafePointer($0) }
    pointers.append(nil)
    return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
}

func withOptionalCStringArray<R>(_ strings: [String?], _ body: (UnsafePointer<UnsafePointer<CChar>?>?) -> R) -> R {
    let copies = strings.map { $0.map { strdup($0) } ?? nil }
    defer { copies.forEach { free($0) } }
    var pointers: [UnsafePointer<CChar>?] = copies.map { $0.map { UnsafePointer($0) } }
    pointers.append(nil)
    return pointers.withUnsafeBufferPointer { body($0.baseAddress) }
}
