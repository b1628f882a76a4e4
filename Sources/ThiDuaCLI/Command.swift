import ArgumentParser
import Foundation
import Postgres
import ThiDuaConfig
import ThiDuaCore
import ThiDuaWarehouse

public struct ThiDuaCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "thidua",
        abstract: "Leaderboards, milestones and award shortlists of plan 251/KH-VKSTC, from the PostgreSQL warehouse.",
        version: thiduaVersion,
        subcommands: [RunCommand.self, CheckCommand.self])

    public init() {}
}

public let thiduaVersion = "0.1.0"

/// Options every command that reads the warehouse takes.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: "libpq conninfo or URI; default: libpq's own (PG* variables, service file, .pgpass).")
    var db: String?

    @Option(name: .long, help: "Schema holding the warehouse relations.")
    var schema: String = "thidua"

    @Option(name: .long, help: "Seconds to wait for a connection.")
    var connectTimeout: Int = 10

    @Option(name: .long, help: "Seconds any one statement may run before it is cancelled.")
    var statementTimeout: Int = 900

    var settings: ConnectionSettings {
        ConnectionSettings(conninfo: db, connectTimeoutSeconds: connectTimeout,
                           statementTimeoutMilliseconds: statementTimeout * 1000,
                           clientDeadlineSeconds: Double(statementTimeout) + 30)
    }
}

/// Runs a command body, printing a failure as one line on stderr and exiting with its code.
func perform(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let failure as CommandFailure {
        FileHandle.standardError.write(Data("thidua: \(failure.message)\n".utf8))
        throw failure.status.code
    }
}

func connect(_ options: DatabaseOptions) throws -> Connection {
    do {
        let connection = try Connection.connect(options.settings)
        connection.onNotice { note in FileHandle.standardError.write(Data("thidua: database notice: \(note)\n".utf8)) }
        return connection
    } catch {
        throw CommandFailure(.unavailable, "cannot connect to the warehouse: \(error)")
    }
}

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Checks the connection and the warehouse contract (SPEC §3); exit 0 when it holds, 65 when not, 69 when unreachable.")

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        try perform {
            let connection = try connect(database)
            let problems: [String]
            do { problems = try Contract.check(connection, schema: database.schema) } catch {
                throw CommandFailure(.unavailable, "cannot read the catalogue: \(error)")
            }
            if problems.isEmpty {
                print("ok: \(connection.target) schema \(database.schema): all \(Contract.relations.count) relations of the contract are present with the expected types")
                return
            }
            for p in problems { print(p) }
            throw CommandFailure(.dataError, "the warehouse breaks the contract: \(problems.count) problem(s), listed above")
        }
    }
}
