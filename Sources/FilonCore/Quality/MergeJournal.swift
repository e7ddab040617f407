import GRDB

/// The rows a merge touched so far, each with its state before the first change.
struct MergeJournal {
    private var order: [(table: String, keyColumn: String, key: Int64, before: [String: SnapshotValue]?)] = []
    private var seen = Set<String>()

    mutating func touch(_ table: String, _ keyColumn: String, _ key: Int64, _ db: Database) throws {
        guard seen.insert("\(table)#\(key)").inserted else { return }
        order.append((table, keyColumn, key, try JournalledRow.read(table: table, keyColumn: keyColumn, key: key, db)))
    }

    mutating func inserted(_ table: String, _ keyColumn: String, _ key: Int64) {
        guard seen.insert("\(table)#\(key)").inserted else { return }
        order.append((table, keyColumn, key, nil))
    }

    /// Every touched row before and after.
    func finish(_ db: Database) throws -> [JournalledRow] {
        try order.map {
            JournalledRow(
                table: $0.table, keyColumn: $0.keyColumn, key: $0.key, before: $0.before,
                after: try JournalledRow.read(table: $0.table, keyColumn: $0.keyColumn, key: $0.key, db))
        }
    }
}
