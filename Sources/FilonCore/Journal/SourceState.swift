import GRDB

/// Where a source stopped: its date watermark (what it has fully seen), the cursor of the page it
/// was reading when a pass was interrupted, and the validators of its last download.
public struct SourceState: Sendable, Equatable {
    public var watermark: String?
    public var cursor: String?
    public var etag: String?
    public var lastModified: String?

    public init(watermark: String? = nil, cursor: String? = nil, etag: String? = nil, lastModified: String? = nil) {
        self.watermark = watermark
        self.cursor = cursor
        self.etag = etag
        self.lastModified = lastModified
    }

    public static func load(_ db: Database, source: ProviderID) throws -> SourceState {
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT watermark, cursor, etag, last_modified FROM source_state WHERE source = ?",
                arguments: [source.rawValue])
        else { return SourceState() }
        return SourceState(
            watermark: row["watermark"], cursor: row["cursor"], etag: row["etag"], lastModified: row["last_modified"])
    }

    /// Saved in the caller's transaction, with the data it describes: they commit together.
    public func save(_ db: Database, source: ProviderID, at now: String) throws {
        try db.execute(
            sql: """
                INSERT INTO source_state (source, watermark, cursor, etag, last_modified, updated_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (source) DO UPDATE SET watermark = excluded.watermark, cursor = excluded.cursor,
                  etag = excluded.etag, last_modified = excluded.last_modified, updated_at = excluded.updated_at
                """, arguments: [source.rawValue, watermark, cursor, etag, lastModified, now])
    }
}
