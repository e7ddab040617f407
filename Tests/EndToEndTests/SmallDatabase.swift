import FilonCore
import Foundation
import GRDB

/// A small database for the full-disk and read-only tests: 200 imported companies, the telepro
/// Tina and one prospect of hers, closed cleanly (no -wal or -shm left) so that it can be copied
/// onto a tmpfs as one file.
struct SmallDatabase {
    static let units = 200
    let path: String
    let stock: GeneratedStock.Files
    /// Tina's prospect, for `filon call`.
    let siren: Int

    static func make(in folder: String) throws -> SmallDatabase {
        let stock = try GeneratedStock(units: units, seed: 7).write(in: folder)
        let path = folder + "/small.sqlite"
        let load = try Binaries.run("filond", ["import", "sirene", "--db", path, stock.units])
        guard load.status == 0 else { throw Failed(stderr: load.stderr) }
        let queue = try DatabaseQueue(path: path, configuration: AppDatabase.makeConfiguration())
        let siren = try queue.write { db in
            try db.execute(
                sql: "INSERT INTO user (id, login, name, role, created_at) VALUES (1, 'tina', 'Tina', 'telepro', 'x')")
            let siren = try Int.fetchOne(db, sql: "SELECT MIN(siren) FROM company WHERE state = 'A'")!
            try db.execute(
                sql: """
                    INSERT INTO prospect (siren, route, tier, owner_id, created_at, updated_at)
                    VALUES (?, 'telemarketing', 'B', 1, 'x', 'x')
                    """, arguments: [siren])
            return siren
        }
        try queue.close()
        return SmallDatabase(path: path, stock: stock, siren: siren)
    }

    struct Failed: Error, CustomStringConvertible {
        let stderr: String
        var description: String { "filond import of the small stock failed: \(stderr)" }
    }

    /// What a fault must not change: the companies, the prospects, the calls.
    static func counts(_ path: String) throws -> [String: Int] {
        try KillRunner.inspect(path) { db in
            var counts: [String: Int] = [:]
            for table in ["company", "prospect", "activity", "user"] {
                counts[table] = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)")!
            }
            return counts
        }
    }

    /// What a person must see instead: no SQLite jargon alone, no crash.
    static func isClear(_ stderr: String) -> Bool {
        !stderr.contains("SQLite error") && !stderr.contains("Fatal error") && !stderr.contains("Stack dump")
            && !stderr.contains("Error: ")
    }
}
