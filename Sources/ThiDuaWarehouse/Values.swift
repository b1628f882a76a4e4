import Postgres
import ThiDuaCore

extension Day: PostgresEncodable, PostgresDecodable {
    public var postgresText: String? { description }

    public init(postgresText text: String) throws(DecodeFailure) {
        guard let d = Day(iso: text) else { throw DecodeFailure(expected: "date (YYYY-MM-DD)") }
        self = d
    }
}
