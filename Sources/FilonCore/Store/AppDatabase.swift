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
    /// - throws: `StoreError` naming the path and what to do: `cannotOpen`, `locked`, `diskFull`,
    ///   `readOnly`, `readOnlyFolder`, `ioError` or `corrupt`.
    public static func open(path: String) throws -> AppDatabase {
        let url = URL(fileURLWithPath: path)
        do {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw StoreError.cannotOpen(path: path, reason: error.localizedDescription)
        }
        do {
            if !FileManager.default.fileExists(atPath: path) { try create(path: path) }
            let pool = try DatabasePool(path: path, configuration: makeConfiguration())
            return try AppDatabase(pool)
        } catch {
            throw StoreError(error, path: path)
                ?? StoreError.cannotOpen(path: path, reason: (error as? DatabaseError)?.message ?? "\(error)")
        }
    }

    /// What to tell a person about `error` met on this database: a full disk, a read-only file or
    /// a lock in `StoreError`'s words (the file, what to do), anything else as it is. The daemon's
    /// steps journal and print this, so that a full disk never reads "SQLite error 13".
    public func explain(_ error: any Error) -> String {
        StoreError(error, path: writer.path)?.description ?? "\(error)"
    }

    /// Page size of new database files. Larger pages than SQLite's 4 KiB mean fewer B-tree pages
    /// and less I/O for 28 M companies; it can only be chosen before the first table exists.
    public static let pageSize = 16384

    /// Mode of a new database file: the prospects' personal data is for its owner and their
    /// group (the team on a shared server), never for every account of the machine, whatever the
    /// umask. SQLite gives the -wal and -shm files the same mode.
    public static let fileMode = 0o660

    private static func create(path: String) throws {
        // An empty file that SQLite then fills keeps this mode. When it cannot be made (a
        // read-only folder), SQLite fails next with the error `StoreError` explains.
        _ = FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: fileMode])
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
        config.busyMode = .callback(BusyRetry.waitAndRetry)
        config.prepareDatabase { db in
            // WAL makes a commit durable at checkpoint time only, which is the usual trade-off
            // for a CRM: a power cut may lose the last transaction, never corrupt the file.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        return config
    }
}
