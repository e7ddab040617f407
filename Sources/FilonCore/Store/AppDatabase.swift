import Foundation
import GRDB

/// The one door to Filon's SQLite file: every process (the daemon, each operator's TUI,
/// the admin commands) opens it through here so that they share the same settings and schema.
public struct AppDatabase: Sendable {
    /// The underlying writer: a `DatabasePool` (WAL) in production, an in-memory queue in tests.
    public let writer: any DatabaseWriter

    /// Wraps `writer` and brings its schema up to date.
    public init(_ writer: any DatabaseWriter) throws {
        self.writer = writer
        try Schema.migrator.migrate(writer)
    }

    /// Opens (creating it if needed) the database file at `path` in WAL mode.
    ///
    /// - throws: `StoreError.cannotOpen` naming the path and what to do.
    public static func open(path: String) throws -> AppDatabase {
        let url = URL(fileURLWithPath: path)
        do {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            if !FileManager.default.fileExists(atPath: path) { try create(path: path) }
            let pool = try DatabasePool(path: path, configuration: makeConfiguration())
            return try AppDatabase(pool)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED
        {
            throw StoreError.locked(path: path)
        } catch let error as DatabaseError {
            throw StoreError.cannotOpen(path: path, reason: error.message ?? "\(error.resultCode)")
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.cannotOpen(path: path, reason: error.localizedDescription)
        }
    }

    /// Page size of new database files. Larger pages than SQLite's 4 KiB mean fewer B-tree pages
    /// and less I/O for 28 M companies; it can only be chosen before the first table exists.
    public static let pageSize = 16384

    private static func create(path: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA page_size = \(pageSize)")
            try db.execute(sql: "PRAGMA journal_mode = WAL")
        }
        try queue.close()
    }

    /// An empty in-memory database, for tests and benchmarks.
    public static func inMemory() throws -> AppDatabase {
        try AppDatabase(DatabaseQueue(configuration: makeConfiguration()))
    }

    /// Settings every connection shares. Several processes write to the same file, so a writer
    /// waits for a busy lock instead of failing at once.
    public static func makeConfiguration() -> Configuration {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(10)
        config.prepareDatabase { db in
            // WAL makes a commit durable at checkpoint time only, which is the usual trade-off
            // for a CRM: a power cut may lose the last transaction, never corrupt the file.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        return config
    }
}
