import Foundation
import GRDB

/// A row a merge inserted, changed or deleted: its table, key, and every column before and
/// after (nil when the row did not exist), so that undo can put back what the merge changed.
///
/// Undo puts back the columns the merge changed, not whole rows: a follow-up moved by the merge
/// and done since goes back to the loser still done, a queued email sent since stays sent (put
/// back whole it would be queued and sent twice). It refuses when one of those columns changed
/// since: someone worked on top of the merge. Scoring columns are the daemon's: they never
/// refuse an undo and come back with the rest, so that the next pass scores the records again.
public struct JournalledRow: Codable, Sendable, Equatable {
    public var table: String
    /// The primary key column: `siren` for prospect, `id` for the others.
    public var keyColumn: String
    public var key: Int64
    public var before: [String: SnapshotValue]?
    public var after: [String: SnapshotValue]?

    /// Columns the daemon's scoring rewrites on its own, archived records included.
    static let machineColumns: [String: Set<String>] = [
        "prospect": [
            "score", "score_reasons", "tier", "route", "route_reason", "scored_run_id", "scored_settings", "scored_at",
            "rescore_on",
        ]
    ]

    /// Objections: a merge only ever sets them, and undo leaves them set. An objection heard from
    /// a business holds whichever record it lands on (RGPD: "ne plus contacter" is never lost).
    static let stickyColumns: [String: Set<String>] = [
        "prospect": ["do_not_contact"], "contact_point": ["opted_out"],
    ]

    /// The columns the merge changed in a row that existed before and after it.
    var changedColumns: [String] {
        guard let before, let after else { return [] }
        return before.keys.filter { before[$0] != after[$0] }.sorted()
    }

    /// Whether `current` differs from what the merge left in a way undo would overwrite.
    func changedSince(_ current: [String: SnapshotValue]?) -> Bool {
        let machine = Self.machineColumns[table] ?? []
        guard let after else { return current != nil }
        guard let current else { return true }
        let watched = before == nil ? Array(after.keys) : changedColumns
        return watched.contains { !machine.contains($0) && current[$0] != after[$0] }
    }

    /// Puts back what the merge changed: deletes what it inserted, inserts what it deleted,
    /// and sets the columns it changed (and the scoring ones) to their values before it, except
    /// objections (`stickyColumns`).
    func undo(_ db: Database) throws {
        guard let before else {
            try db.execute(sql: "DELETE FROM \(table) WHERE \(keyColumn) = ?", arguments: [key])
            return
        }
        guard after != nil else {
            let columns = before.keys.sorted()
            try db.execute(
                sql: """
                    INSERT INTO \(table) (\(columns.joined(separator: ", ")))
                    VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))
                    """, arguments: StatementArguments(columns.map { before[$0]!.databaseValue }))
            return
        }
        let machine = (Self.machineColumns[table] ?? []).filter { before[$0] != nil }
        let columns = Set(changedColumns).union(machine).subtracting(Self.stickyColumns[table] ?? []).sorted()
        guard !columns.isEmpty else { return }
        // In place, never deleted and inserted again: no insert trigger runs on the row again.
        try db.execute(
            sql: "UPDATE \(table) SET \(columns.map { "\($0) = ?" }.joined(separator: ", ")) WHERE \(keyColumn) = ?",
            arguments: StatementArguments(columns.map { before[$0]!.databaseValue }) + [key])
    }

    /// The row as it stands, or nil when there is none.
    static func read(table: String, keyColumn: String, key: Int64, _ db: Database) throws -> [String: SnapshotValue]? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM \(table) WHERE \(keyColumn) = ?", arguments: [key])
        else { return nil }
        var values: [String: SnapshotValue] = [:]
        for (column, value) in row { values[column] = SnapshotValue(value) }
        return values
    }
}
