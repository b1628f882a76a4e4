import CLibXLSX
import Foundation
import ThiDuaCore
import ThiDuaReport

/// Why the workbook could not be written.
public struct WorkbookError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

/// `thidua.xlsx`: the run's tables for Excel (issue 16). One sheet per CSV table with the same
/// columns, written with libxlsxwriter in its constant-memory mode (each row goes to a temporary
/// file as soon as the next begins), so memory stays flat whatever the number of rows. Cells are
/// typed from the data dictionary: numbers as numbers with a number format, dates as dates,
/// booleans as booleans, text always as a string cell (never a formula).
///
/// Several threads may write (the staff are streamed on the second session while the records to
/// fix stream on the first): every call into the library takes one lock.
public final class Workbook: @unchecked Sendable {
    private let book: UnsafeMutablePointer<lxw_workbook>
    private let lock = NSLock()
    private let path: String
    private var closed = false
    let header, integer, rate, score, date, datetime, wrap: UnsafeMutablePointer<lxw_format>
    /// Rows per sheet, the header included (Excel's limit; lowered by tests).
    let maxRows: Int

    /// Creates the file's workbook; `tmpdir` holds libxlsxwriter's temporary files (the staging
    /// folder, so they never outlive the run and never fill /tmp).
    public init(path: String, tmpdir: String, maxRows: Int = Int(LXW_ROW_MAX)) throws(WorkbookError) {
        var options = lxw_workbook_options()
        options.constant_memory = UInt8(LXW_TRUE.rawValue)
        options.use_zip64 = UInt8(LXW_TRUE.rawValue)
        let made = tmpdir.withCString { dir -> UnsafeMutablePointer<lxw_workbook>? in
            options.tmpdir = UnsafeMutablePointer(mutating: dir)
            return workbook_new_opt(path, &options)
        }
        guard let made else { throw WorkbookError(message: "cannot create the workbook \(path)") }
        book = made
        self.path = path
        self.maxRows = max(2, maxRows)
        func format(_ set: (UnsafeMutablePointer<lxw_format>) -> Void) -> UnsafeMutablePointer<lxw_format> {
            let f = workbook_add_format(made)!
            set(f)
            return f
        }
        header = format { format_set_bold($0); format_set_bg_color($0, 0xE8EEF4); format_set_bottom($0, UInt8(LXW_BORDER_THIN.rawValue)) }
        integer = format { format_set_num_format($0, "#,##0") }
        // Rates keep their 6 decimals in the cell value; shown as a percentage.
        rate = format { format_set_num_format($0, "0.00%") }
        score = format { format_set_num_format($0, "0.0000") }
        date = format { format_set_num_format($0, "dd/mm/yyyy") }
        datetime = format { format_set_num_format($0, "dd/mm/yyyy hh:mm:ss") }
        wrap = format { format_set_text_wrap($0) }
    }

    deinit {
        // A run that failed still frees the library's memory; its file is removed with the staging folder.
        if !closed { _ = workbook_close(book) }
    }

    /// A sheet for one table, its header written, frozen and filtered.
    public func sheet(for table: DataTable) throws(WorkbookError) -> Sheet {
        try locked { () throws(WorkbookError) -> Sheet in
            try Sheet(workbook: self, name: table.id, columns: table.columns)
        }
    }

    /// A sheet of label/value rows (the run's information) or of plain text rows.
    public func textSheet(name: String, header: [String], rows: [[CSVCell]], types: [ColumnType]) throws(WorkbookError) {
        try locked { () throws(WorkbookError) in
            let columns = zip(header, types).map { Column($0.0, $0.1, "", "", "") }
            let s = try Sheet(workbook: self, name: name, columns: columns)
            for r in rows { try s.writeLocked(r) }
            s.finishLocked()
        }
    }

    /// Writes the file. Every sheet must be finished.
    public func close() throws(WorkbookError) {
        try locked { () throws(WorkbookError) in
            closed = true
            let rc = workbook_close(book)
            guard rc == LXW_NO_ERROR else {
                throw WorkbookError(message: "cannot write the workbook \(path): \(String(cString: lxw_strerror(rc)))")
            }
        }
    }

    func addWorksheet(_ name: String) throws(WorkbookError) -> UnsafeMutablePointer<lxw_worksheet> {
        guard let ws = workbook_add_worksheet(book, name) else {
            throw WorkbookError(message: "cannot add the sheet '\(name)' to the workbook")
        }
        return ws
    }

    func locked<T>(_ body: () throws(WorkbookError) -> T) throws(WorkbookError) -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }
}

/// One table's sheet. Rows beyond Excel's limit continue on a sheet named "<table> (2)", and so on.
public final class Sheet: @unchecked Sendable {
    private unowned let workbook: Workbook
    private let name: String
    private let columns: [Column]
    private var worksheet: UnsafeMutablePointer<lxw_worksheet>
    private var part = 1
    private var row: UInt32 = 0
    private var widths: [Int]
    /// Longest text written in a cell (Excel's limit is 32,767 characters).
    static let maxText = 32_767

    init(workbook: Workbook, name: String, columns: [Column]) throws(WorkbookError) {
        self.workbook = workbook
        self.name = name
        self.columns = columns
        widths = columns.map { max(8, $0.name.count + 3) }
        worksheet = try workbook.addWorksheet(name)
        startPart()
    }

    private func startPart() {
        for (i, c) in columns.enumerated() {
            _ = worksheet_write_string(worksheet, 0, UInt16(i), c.name, workbook.header)
        }
        worksheet_freeze_panes(worksheet, 1, 0)
        row = 1
    }

    /// Writes one row of cells typed by the table's columns; `normalized` says its text cells are NFC
    /// already (`CSVCell.normalized`).
    public func write(_ cells: [CSVCell], normalized: Bool = false) throws(WorkbookError) {
        try workbook.locked { () throws(WorkbookError) in try writeLocked(cells, normalized: normalized) }
    }

    /// Sets the filter and the column widths.
    public func finish() {
        try? workbook.locked { () throws(WorkbookError) in finishLocked() }
    }

    func writeLocked(_ cells: [CSVCell], normalized: Bool = false) throws(WorkbookError) {
        if Int(row) >= workbook.maxRows {
            finishLocked()
            part += 1
            worksheet = try workbook.addWorksheet("\(name) (\(part))")
            startPart()
        }
        for (i, cell) in cells.enumerated() where i < columns.count {
            let rc = write(cell, column: i, normalized: normalized)
            guard rc == LXW_NO_ERROR else {
                throw WorkbookError(message: "cannot write row \(row + 1), column \(columns[i].name) of sheet \(name): \(String(cString: lxw_strerror(rc)))")
            }
        }
        row += 1
    }

    func finishLocked() {
        if row > 1 { _ = worksheet_autofilter(worksheet, 0, 0, row - 1, UInt16(max(0, columns.count - 1))) }
        for (i, w) in widths.enumerated() {
            _ = worksheet_set_column(worksheet, UInt16(i), UInt16(i), Double(min(w, 60)), nil)
        }
    }

    private func write(_ cell: CSVCell, column i: Int, normalized: Bool) -> lxw_error {
        let col = UInt16(i)
        switch cell {
        case .empty:
            return LXW_NO_ERROR
        case .text(let s):
            return string(s, column: i, normalized: normalized)
        case .number(let s):
            let b = workbook
            switch columns[i].type {
            case .integer:
                // Exact in a double up to 2^53; a larger (absurd) value stays exact as text.
                guard let v = Int64(s), v.magnitude <= 1 << 53 else { return string(s, column: i) }
                note(s.count + s.count / 3, column: i)
                return worksheet_write_number(worksheet, row, col, Double(v), b.integer)
            case .rate, .score:
                guard let v = Double(s) else { return string(s, column: i) }
                note(columns[i].type == .rate ? 9 : s.count, column: i)
                return worksheet_write_number(worksheet, row, col, v, columns[i].type == .rate ? b.rate : b.score)
            case .date:
                // Excel's dates run from 1900 to 9999; anything else stays as its ISO text.
                guard let d = Day(iso: s)?.civil, (1900...9999).contains(d.year) else { return string(s, column: i) }
                var dt = lxw_datetime(year: Int32(d.year), month: Int32(d.month), day: Int32(d.day), hour: 0, min: 0, sec: 0)
                note(10, column: i)
                return worksheet_write_datetime(worksheet, row, col, &dt, b.date)
            case .datetime:
                let p = s.split(whereSeparator: { "-T:Z".contains($0) }).compactMap { Int($0) }
                guard p.count == 6 else { return string(s, column: i) }
                var dt = lxw_datetime(year: Int32(p[0]), month: Int32(p[1]), day: Int32(p[2]), hour: Int32(p[3]), min: Int32(p[4]), sec: Double(p[5]))
                note(19, column: i)
                return worksheet_write_datetime(worksheet, row, col, &dt, b.datetime)
            case .boolean:
                note(5, column: i)
                return worksheet_write_boolean(worksheet, row, col, s == "true" ? 1 : 0, nil)
            case .text:
                return string(s, column: i)
            }
        }
    }

    /// A string cell, never a formula (no leading apostrophe either: the cell is text already).
    private func string(_ s: String, column i: Int, normalized: Bool = false) -> lxw_error {
        // ASCII is NFC already and one column per byte: skip Foundation's normalisation and the
        // grapheme count for most cells (they were a tenth of the job's time at scale 1).
        let ascii = s.utf8.allSatisfy { $0 < 0x80 }
        var text = ascii || normalized ? s : s.precomposedStringWithCanonicalMapping
        if text.utf8.count > Sheet.maxText, text.unicodeScalars.count > Sheet.maxText {
            text = String(String.UnicodeScalarView(text.unicodeScalars.prefix(Sheet.maxText - 1))) + "…"
        }
        note(ascii ? text.utf8.count : text.unicodeScalars.count, column: i)
        return worksheet_write_string(worksheet, row, UInt16(i), text, nil)
    }

    private func note(_ width: Int, column i: Int) {
        if width + 2 > widths[i] { widths[i] = width + 2 }
    }
}
