import Foundation
import GRDB

/// A row a merge inserted, changed or deleted: its table, key, and every column before and
/// after (nil when the row did not exist), so that undo can put back exactly what was there.
public struct JournalledRow: Codable, Sendable, Equatable {
    public var table: String
    /// The primary key column: `siren` for prospect, `id` for the others.
    public var keyColumn: String
    public var key: Int64
    public var before: [String: SnapshotValue]?
    public var after: [String: SnapshotValue]?

    /// The row as it stands, or nil when there is none.
    static func read(table: String, keyColumn: String, key: Int64, _ db: Database) throws -> [String: SnapshotValue]? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM \(table) WHERE \(keyColumn) = ?", arguments: [key])
        else { return nil }
        var values: [String: SnapshotValue] = [:]
        for (column, value) in row { values[column] = SnapshotValue(value) }
        return values
    }

    /// Puts `values` back (nil: deletes the row). An existing row is updated in place rather
    /// than replaced, so that no insert trigger runs again on it.
    static func restore(
        table: String, keyColumn: String, key: Int64, to values: [String: SnapshotValue]?, _ db: Database
    ) throws {
        guard let values else {
            try db.execute(sql: "DELETE FROM \(table) WHERE \(keyColumn) = ?", arguments: [key])
            return
        }
        let columns = values.keys.sorted()
        let arguments = StatementArguments(columns.map { values[$0]!.databaseValue })
        let exists =
            try Bool.fetchOne(
                db, sql: "SELECT EXISTS (SELECT 1 FROM \(table) WHERE \(keyColumn) = ?)", arguments: [key]) ?? false
        if exists {
            let assignments = columns.map { "\($0) = ?" }.joined(separator: ", ")
            try db.execute(
                sql: "UPDATE \(table) SET \(assignments) WHERE \(keyColumn) = ?", arguments: arguments + [key])
        } else {
            try db.execute(
                sql:
                    "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))",
                arguments: arguments)
        }
    }
}
