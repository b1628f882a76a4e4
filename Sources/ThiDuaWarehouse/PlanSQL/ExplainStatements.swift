import Postgres
import ThiDuaCore

extension PlanStatements {
    /// PostgreSQL's plan of every compiled statement, read-only (`EXPLAIN` without ANALYZE runs
    /// nothing): what `thidua plan check --explain --db` prints under each statement. The staff
    /// statement's unit tree is bound empty.
    public func serverPlans(_ c: Connection) throws(PostgresError) -> [(title: String, plan: String)] {
        var out: [(String, String)] = []
        for s in statements {
            var binds = s.parameters.map(\.text)
            for i in binds.indices where s.parameters[i].cast == "text[]" && binds[i] == nil { binds[i] = "{}" }
            let rows = try c.query(Query(sql: "EXPLAIN " + s.sql, binds: binds))
            var lines: [String] = []
            for row in rows { lines.append(try row.decode(0, as: String.self)) }
            out.append((s.title, lines.joined(separator: "\n")))
        }
        return out
    }
}
