import Foundation
import GRDB

/// Keeps `prospect_search` (name, SIREN, city, directors, phones) in step with the data.
///
/// No triggers on company, person or contact_point: every stock-import row would pay for them.
/// Instead a pass re-indexes what changed since a watermark, the way scoring does: a company
/// changed when `company.last_run_id` passed it (registry fields, and directors through
/// `CompanyMerger`) or `enrichment_state.run_id` did (phones). Deleted companies leave through
/// the `company_search_forget` trigger, which only deletes fire.
///
/// The index is contentless and SQLite 3.40 cannot delete from it, so a company indexed again
/// gets a document of the next version (document id = version × 10^9 + SIREN) and
/// `prospect_search_doc` names the current one; `ProspectSearch` skips the others. A rebuild
/// drops the leftovers, and `refresh(_:)` rebuilds when they pile up.
public struct SearchIndex: Sendable {
    /// Companies per transaction when refreshing through a writer.
    public var batchSize = 10_000
    /// Companies per transaction of a rebuild: larger, since each commit leaves an index segment
    /// to merge later.
    public var rebuildBatchSize = 200_000

    public init() {}

    /// Where the daemon's pass stopped, in `source_state`, shown by `filon status` with the sources.
    public static let stateSource = "search_index"
    static let versionStride = 1_000_000_000

    // MARK: - Passes

    /// Re-indexes the companies changed after run `runID`; nil means every company (a rebuild).
    /// Runs in the caller's transaction and leaves the stored watermark alone, except a rebuild.
    /// Builds `company_last_run` first when a first import left it out. Returns the number of
    /// companies indexed.
    @discardableResult
    public func refresh(_ db: Database, since runID: Int?) throws -> Int {
        guard let runID else { return try rebuild(db) }
        try Schema.ensureDaemonIndexes(db)
        let sirens = try Self.changedSirens(db, since: runID)
        try index(sirens: sirens, db)
        return sirens.count
    }

    /// Empties the index and indexes every company, in the caller's transaction, then stores the
    /// watermark. Fine for tests and small files; the daemon goes through `refresh(_:)`, which
    /// commits as it goes.
    @discardableResult
    public func rebuild(_ db: Database) throws -> Int {
        let next = try Self.watermark(db)
        try Self.clear(db)
        try db.execute(sql: "\(Self.insertDocuments) FROM company c")
        try db.execute(sql: "INSERT INTO prospect_search (prospect_search) VALUES ('optimize')")
        try Self.save(db, watermark: next, cursor: nil)
        return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM company") ?? 0
    }

    /// The daemon's pass: catches up from the stored watermark, one transaction per batch so that
    /// operators' writes never wait long, then stores the new watermark. Rebuilds instead when
    /// nothing was indexed yet, when a rebuild was interrupted (it resumes), when most companies
    /// changed, or when superseded documents reach a fifth of the companies.
    @discardableResult
    public func refresh(_ writer: any DatabaseWriter) throws -> Int {
        let state = try writer.read { try Self.state($0) }
        guard let since = state.watermark, state.rebuildCursor == nil else {
            return try rebuild(writer, resumingAfter: state.rebuildCursor)
        }
        try writer.write { try Schema.ensureDaemonIndexes($0) }
        // One snapshot: the watermark is taken before the changes are listed.
        let (next, sirens, companies, leftovers) = try writer.read { db in
            (
                try Self.watermark(db), try Self.changedSirens(db, since: since),
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM company") ?? 0,
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM prospect_search_doc") ?? 0
            )
        }
        if sirens.count > max(companies / 4, 50_000) || leftovers + sirens.count > max(companies / 5, 10_000) {
            return try rebuild(writer, resumingAfter: nil)
        }
        var start = 0
        while start < sirens.count {
            let batch = sirens[start..<min(start + batchSize, sirens.count)]
            try writer.write { try index(sirens: batch, $0) }
            start += batchSize
        }
        try writer.write { try Self.save($0, watermark: next, cursor: nil) }
        return sirens.count
    }

    /// Indexes these companies again now (an edit no run records). A SIREN without a company
    /// leaves search.
    public func index(sirens: some Sequence<Int>, _ db: Database) throws {
        let version = try db.cachedStatement(sql: "SELECT version FROM prospect_search_doc WHERE siren = ?")
        let document = try db.cachedStatement(sql: "SELECT \(Self.documentColumns) FROM company c WHERE c.siren = ?")
        let insert = try db.cachedStatement(
            sql:
                "INSERT INTO prospect_search (rowid, name, siren_text, city, directors, phones) VALUES (?, ?, ?, ?, ?, ?)"
        )
        let current = try db.cachedStatement(
            sql: "INSERT OR REPLACE INTO prospect_search_doc (siren, version, docid) VALUES (?, ?, ?)")
        for siren in sirens {
            let next = (try Int.fetchOne(version, arguments: [siren]) ?? 0) + 1
            let docid = next * Self.versionStride + siren
            if let row = try Row.fetchOne(document, arguments: [siren]) {
                try insert.execute(arguments: StatementArguments([docid] + (0..<5).map { row[$0] as DatabaseValue }))
                try current.execute(arguments: [siren, next, docid])
            } else {
                try current.execute(arguments: [siren, next, nil])
            }
        }
    }

    /// The run up to which every change is committed: just below the oldest run still running
    /// (its rows keep coming, and enrichment stamps companies with the newest run id), else the
    /// newest run.
    public static func watermark(_ db: Database) throws -> Int {
        try Int.fetchOne(
            db,
            sql: """
                SELECT COALESCE((SELECT MIN(id) - 1 FROM run WHERE status = 'running'), (SELECT MAX(id) FROM run), 0)
                """) ?? 0
    }

    // MARK: - Rebuild in steps

    private func rebuild(_ writer: any DatabaseWriter, resumingAfter resume: Int?) throws -> Int {
        var cursor = -1
        if let resume {
            cursor = resume
        } else {
            // The watermark is stored first: the delete trigger reads it, and changes made while
            // the rebuild runs are picked up by the next pass.
            try writer.write { db in
                let next = try Self.watermark(db)
                try Self.clear(db)
                try Self.save(db, watermark: next, cursor: cursor)
            }
        }
        var indexed = 0
        while true {
            let batch: (last: Int, count: Int)? = try writer.write { db in
                guard
                    let row = try Row.fetchOne(
                        db,
                        sql:
                            "SELECT MAX(siren), COUNT(*) FROM (SELECT siren FROM company WHERE siren > ? ORDER BY siren LIMIT ?)",
                        arguments: [cursor, rebuildBatchSize]),
                    let last = row[0] as Int?
                else { return nil }
                try db.execute(
                    sql: "\(Self.insertDocuments) FROM company c WHERE c.siren > ? AND c.siren <= ?",
                    arguments: [cursor, last])
                try Self.saveCursor(db, last)
                return (last, row[1])
            }
            guard let batch else { break }
            cursor = batch.last
            indexed += batch.count
        }
        // Merge the batches' segments a few pages per transaction ('optimize' would rewrite the
        // whole index in one).
        while try writer.write({ db in
            let before = db.totalChangesCount
            try db.execute(sql: "INSERT INTO prospect_search (prospect_search, rank) VALUES ('merge', 1000)")
            return db.totalChangesCount - before > 1
        }) {}
        try writer.write { try Self.saveCursor($0, nil) }
        return indexed
    }

    // MARK: - Documents

    /// One company's document, in the table's column order (without the rowid).
    static let documentColumns = """
        TRIM(IFNULL(c.name, '')
          || IIF(c.acronym IS NOT NULL AND c.acronym IS NOT c.name, ' ' || c.acronym, '')
          || IIF(c.usual_name IS NOT NULL AND c.usual_name IS NOT c.name, ' ' || c.usual_name, '')),
        printf('%09d', c.siren), c.city, \(directors(separator: "'; '")), \(phones(separator: "' '"))
        """

    static let insertDocuments = """
        INSERT INTO prospect_search (rowid, name, siren_text, city, directors, phones)
        SELECT c.siren, \(documentColumns)
        """

    /// The company's current directors, people by first names and name, companies by name;
    /// `separator` is an SQL expression.
    static func directors(separator: String) -> String {
        """
        (SELECT group_concat(IIF(p.kind = 'legal', p.legal_name,
            NULLIF(TRIM(IFNULL(p.first_names, '') || ' ' || IFNULL(p.last_name, '')), '')), \(separator))
         FROM person p WHERE p.siren = c.siren AND p.is_director = 1 AND p.erased_at IS NULL)
        """
    }

    /// Each phone as digits, French ones in both national (0612345678) and E.164 (33612345678)
    /// forms, so that "06 12" and "+33 6 12" both find it; `separator` is an SQL expression.
    static func phones(separator: String) -> String {
        """
        (SELECT group_concat(IIF(t.normalized LIKE '+33%', '0' || substr(t.normalized, 4) || ' ', '')
            || ltrim(t.normalized, '+'), \(separator))
         FROM contact_point t WHERE t.siren = c.siren AND t.kind = 'phone')
        """
    }

    /// Companies whose registry fields or directors (`last_run_id`) or contacts (enrichment run)
    /// changed after `runID`, in SIREN order.
    static func changedSirens(_ db: Database, since runID: Int) throws -> [Int] {
        try Int.fetchAll(
            db,
            sql: """
                SELECT siren FROM company WHERE last_run_id > ?
                UNION SELECT siren FROM enrichment_state WHERE run_id > ?
                """, arguments: [runID, runID])
    }

    private static func clear(_ db: Database) throws {
        try db.execute(sql: "INSERT INTO prospect_search (prospect_search) VALUES ('delete-all')")
        try db.execute(sql: "DELETE FROM prospect_search_doc")
    }

    // MARK: - Stored state

    struct State {
        var watermark: Int?
        /// The last SIREN of an unfinished rebuild.
        var rebuildCursor: Int?
    }

    static func state(_ db: Database) throws -> State {
        let row = try Row.fetchOne(
            db, sql: "SELECT watermark, cursor FROM source_state WHERE source = ?", arguments: [stateSource])
        return State(
            watermark: (row?["watermark"] as String?).flatMap { Int($0) },
            rebuildCursor: (row?["cursor"] as String?).flatMap { Int($0) })
    }

    private static func save(_ db: Database, watermark: Int, cursor: Int?) throws {
        try db.execute(
            sql: """
                INSERT INTO source_state (source, watermark, cursor, updated_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (source) DO UPDATE SET watermark = excluded.watermark, cursor = excluded.cursor,
                  updated_at = excluded.updated_at
                """, arguments: [stateSource, String(watermark), cursor.map(String.init), Timestamp.string(Date())])
    }

    private static func saveCursor(_ db: Database, _ cursor: Int?) throws {
        try db.execute(
            sql: "UPDATE source_state SET cursor = ?, updated_at = ? WHERE source = ?",
            arguments: [cursor.map(String.init), Timestamp.string(Date()), stateSource])
    }
}
