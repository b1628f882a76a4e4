import CLibPQ

/// Owns one `PGresult` and clears it when the last row referring to it is gone.
final class ResultBox {
    let pointer: OpaquePointer
    init(_ pointer: OpaquePointer) { self.pointer = pointer }
    deinit { PQclear(pointer) }
}

/// A whole result held in memory: use it for small results; stream large ones.
public struct QueryResult: Sequence {
    let box: ResultBox

    init(_ pointer: OpaquePointer) { box = ResultBox(pointer) }

    public var count: Int { Int(PQntuples(box.pointer)) }
    public var columnNames: [String] {
        (0..<PQnfields(box.pointer)).map { String(cString: PQfname(box.pointer, $0)) }
    }
    /// Rows changed by an INSERT, UPDATE or DELETE.
    public var affectedRows: Int { Int(String(cString: PQcmdTuples(box.pointer))) ?? 0 }

    public subscript(index: Int) -> Row { Row(box: box, index: Int32(index)) }

    public func makeIterator() -> AnyIterator<Row> {
        var i = 0
        let n = count
        return AnyIterator {
            guard i < n else { return nil }
            defer { i += 1 }
            return Row(box: box, index: Int32(i))
        }
    }
}

/// One row of a result, decoded column by column from PostgreSQL's text format.
public struct Row {
    let box: ResultBox
    let index: Int32

    public var columnCount: Int { Int(PQnfields(box.pointer)) }

    public func columnName(_ column: Int) -> String {
        String(cString: PQfname(box.pointer, Int32(column)))
    }

    /// The raw text of a column, nil for NULL.
    public func text(_ column: Int) -> String? {
        if PQgetisnull(box.pointer, index, Int32(column)) == 1 { return nil }
        return String(cString: PQgetvalue(box.pointer, index, Int32(column)))
    }

    /// Decodes a column; a failure names the column, the value and the type expected.
    public func decode<T: PostgresDecodable>(_ column: Int, as type: T.Type = T.self) throws(PostgresError) -> T {
        guard column < columnCount else {
            throw PostgresError(kind: .decode, message: "result has no column \(column) (it has \(columnCount))")
        }
        do {
            if let raw = text(column) { return try T(postgresText: raw) }
            return try T.postgresNull()
        } catch {
            let shown = text(column).map { "'\($0.prefix(60))'" } ?? "NULL"
            throw PostgresError(kind: .decode,
                                message: "column \(columnName(column)): value \(shown) is not \(error.expected)")
        }
    }

    /// The position of a column by its name, for a reader of many rows to look up once per
    /// statement (the names are the same in every row of a result).
    public func column(named name: String) throws(PostgresError) -> Int {
        let quoted = name.utf8.contains(UInt8(ascii: "\""))
            ? "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : "\"\(name)\""
        let column = Int(PQfnumber(box.pointer, quoted))
        guard column >= 0 else { throw PostgresError(kind: .decode, message: "result has no column named \(name)") }
        return column
    }

    /// Decodes a column by its name (every aggregate is aliased, so a statement's columns can move
    /// without breaking its reader).
    public func decode<T: PostgresDecodable>(named name: String, as type: T.Type = T.self) throws(PostgresError) -> T {
        // Quoted, so the name is matched exactly (PQfnumber folds unquoted names to lower case).
        // Names without a double quote, i.e. all of ours, skip Foundation's replacingOccurrences:
        // it was a sixth of the job's CPU when called for every column of every streamed row.
        let quoted = name.utf8.contains(UInt8(ascii: "\""))
            ? "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : "\"\(name)\""
        let column = Int(PQfnumber(box.pointer, quoted))
        guard column >= 0 else {
            throw PostgresError(kind: .decode, message: "result has no column named \(name)")
        }
        return try decode(column, as: type)
    }
}
