import Foundation
import GRDB

/// Reads the run journal of a database another process is importing into, to kill it at a step.
/// It opens the file only once WAL mode is on (the `-wal` file exists): a reader that came in
/// earlier could keep the importer from switching the new file to WAL.
final class JournalWatch {
    let path: String
    private var queue: DatabaseQueue?

    init(path: String) { self.path = path }

    /// Whether the import of `kind` has committed `rows` rows and is still running: it is then
    /// in the steps after the rows (indexes, head-office addresses, suppression list, journal).
    func rowsIn(kind: String, rows: Int) -> Bool {
        do {
            if queue == nil {
                guard FileManager.default.fileExists(atPath: path + "-wal") else { return false }
                var configuration = Configuration()
                configuration.readonly = true
                queue = try DatabaseQueue(path: path, configuration: configuration)
            }
            return try queue!.read { db in
                try Bool.fetchOne(
                    db,
                    sql: """
                        SELECT EXISTS (SELECT 1 FROM run WHERE kind = ? AND status = 'running' AND rows_read >= ?)
                        """, arguments: [kind, rows]) ?? false
            }
        } catch {
            // The schema is not there yet, or the file is busy for a moment: ask again.
            return false
        }
    }

    func close() {
        try? queue?.close()
        queue = nil
    }
}
