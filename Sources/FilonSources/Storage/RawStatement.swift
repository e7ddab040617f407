import GRDB
import GRDBSQLite

/// A prepared statement driven through the SQLite C API. The stock importer binds values straight
/// from the CSV reader's buffer with it: no Swift string per value, which is what makes it fast.
final class RawStatement {
    private let statement: Statement
    private let handle: OpaquePointer
    private let connection: OpaquePointer

    init(_ db: Database, sql: String) throws {
        statement = try db.makeStatement(sql: sql)
        handle = statement.sqliteStatement
        connection = db.sqliteConnection!
    }

    /// SQLITE_STATIC: the bytes stay valid until the statement is stepped.
    private static let noCopy = unsafeBitCast(0, to: sqlite3_destructor_type.self)
    private static let copy = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    @inline(__always)
    func bind(_ index: Int32, bytes: UnsafeBufferPointer<UInt8>) {
        bytes.withMemoryRebound(to: CChar.self) {
            _ = sqlite3_bind_text(handle, index, $0.baseAddress, Int32($0.count), Self.noCopy)
        }
    }

    @inline(__always)
    func bind(_ index: Int32, text: String?) {
        guard let text else { return bindNull(index) }
        _ = sqlite3_bind_text(handle, index, text, -1, Self.copy)
    }

    @inline(__always)
    func bind(_ index: Int32, int: Int64) { _ = sqlite3_bind_int64(handle, index, int) }

    @inline(__always)
    func bind(_ index: Int32, double: Double) { _ = sqlite3_bind_double(handle, index, double) }

    @inline(__always)
    func bindNull(_ index: Int32) { _ = sqlite3_bind_null(handle, index) }

    /// Runs a statement that returns no row.
    func run() throws {
        let code = sqlite3_step(handle)
        sqlite3_reset(handle)
        guard code == SQLITE_DONE || code == SQLITE_ROW else { throw failure(code) }
    }

    /// Steps a query: true while there is a row.
    func step() throws -> Bool {
        let code = sqlite3_step(handle)
        if code == SQLITE_ROW { return true }
        guard code == SQLITE_DONE else {
            sqlite3_reset(handle)
            throw failure(code)
        }
        return false
    }

    func reset() { sqlite3_reset(handle) }

    @inline(__always)
    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }

    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }

    func text(_ column: Int32) -> String? {
        guard let pointer = sqlite3_column_text(handle, column) else { return nil }
        return String(cString: pointer)
    }

    var changes: Int { Int(sqlite3_changes(connection)) }

    private func failure(_ code: Int32) -> DatabaseError {
        DatabaseError(
            resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)),
            sql: statement.sql)
    }
}
