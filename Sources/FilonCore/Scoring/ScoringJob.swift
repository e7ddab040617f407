import Foundation
import GRDB

/// Scores again the companies whose facts changed since they were last scored, and records each
/// decision in `prospect`: score, reasons (JSON), tier, route and the route's reason.
///
/// A company is due when it has no score yet, when `company.last_run_id` or
/// `enrichment_state.run_id` passed the run its score has seen (`prospect.scored_run_id`: change
/// events, contacts and web presence come with one of those), when the settings changed
/// (`scored_settings`), or on the day its recent-company points decay (`rescore_on`). Ceased
/// companies and companies in diffusion P that have no `prospect` row are left without one:
/// no row already means score 0 and no route, and there are millions of them.
///
/// Batches of `batchSize` companies each commit on their own, so a kill loses at most the batch
/// in flight. A prospect's status, owner, notes and version are never touched, and the score
/// columns are written only when score, reasons, tier, route or reason changed.
public struct ScoringJob: Sendable {
    public let database: AppDatabase
    public let settings: ScoringSettings
    public let now: Date
    public var batchSize = 10_000

    public init(database: AppDatabase, settings: ScoringSettings, now: Date = Date()) {
        self.database = database
        self.settings = settings
        self.now = now
    }

    /// Scores the due companies, at most `limit` of them, in SIREN order.
    public func run(limit: Int? = nil) throws(ScoringError) -> ScoringSummary {
        let context = Context(settings: settings, now: now)
        var summary = ScoringSummary()
        var cursor = -1
        while true {
            let size = min(batchSize, limit.map { $0 - summary.scored } ?? batchSize)
            guard size > 0 else {
                summary.reachedLimit = true
                break
            }
            let filter = Filter.due(after: cursor)
            let batch = try write(after: cursor >= 0 ? cursor : nil) { db in
                try scoreBatch(db, filter, limit: size, context)
            }
            summary.add(batch.summary)
            guard let last = batch.lastSiren, batch.summary.scored == size else { break }
            cursor = last
        }
        summary.eventsHandled += try write(after: nil) { db in try handleEventsOfUnscoredCompanies(db, context) }
        return summary
    }

    /// Scores these companies now, due or not: after an operator's "ne plus contacter", an
    /// archive or a restore, which no run records.
    public func rescore(sirens: [Int]) throws(ScoringError) -> ScoringSummary {
        let context = Context(settings: settings, now: now)
        var summary = ScoringSummary()
        let sorted = Array(Set(sirens)).sorted()
        var start = 0
        while start < sorted.count {
            let chunk = Array(sorted[start..<min(start + batchSize, sorted.count)])
            let batch = try write(after: start == 0 ? nil : sorted[start - 1]) { db in
                try scoreBatch(db, .sirens(chunk), limit: chunk.count, context)
            }
            summary.add(batch.summary)
            start += chunk.count
        }
        return summary
    }

    // MARK: - One batch

    /// What one run of the job reads once: the compiled rules and the clock.
    struct Context: Sendable {
        let scorer: Scorer
        let router: Router
        let fingerprint: Int64
        let stamp: String
        let today: CalendarDay
        let todayText: String

        init(settings: ScoringSettings, now: Date) {
            scorer = Scorer(settings: settings)
            router = Router(settings: settings)
            fingerprint = settings.fingerprint
            stamp = Timestamp.string(now)
            today = CalendarDay(now)
            todayText = today.text
        }
    }

    enum Filter {
        case due(after: Int)
        case sirens([Int])
    }

    struct BatchResult {
        var summary = ScoringSummary()
        var lastSiren: Int?
    }

    /// Loads the facts of a batch in one statement (correlated lookups by SIREN in the indexes of
    /// person and contact_point), scores and routes them, writes what changed.
    private func scoreBatch(_ db: Database, _ filter: Filter, limit: Int, _ context: Context) throws -> BatchResult {
        let condition: String
        var arguments: StatementArguments
        switch filter {
        case .due(let cursor):
            condition = """
                c.siren > ? AND (p.siren IS NOT NULL OR (c.state = 'A' AND c.diffusion != 'P'))
                  AND (p.scored_run_id IS NULL
                       OR p.scored_run_id < MAX(IFNULL(c.last_run_id, 0), IFNULL(e.run_id, 0))
                       OR p.scored_settings IS NOT ? OR p.rescore_on <= ?)
                """
            arguments = [cursor, context.fingerprint, context.todayText]
        case .sirens(let sirens):
            // Integers only: safe to inline, and no limit on bound parameters.
            condition = "c.siren IN (\(sirens.map(String.init).joined(separator: ",")))"
            arguments = []
        }
        arguments += [limit]
        // Columns by position below: this runs for every company.
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT c.siren, c.creation_date, c.state, c.diffusion, c.naf_code, c.naf_nomenclature, c.size_band,
                  MAX(IFNULL(c.last_run_id, 0), IFNULL(e.run_id, 0)),
                  (c.legal_form = '1000' AND c.last_name IS NOT NULL) OR EXISTS (
                    SELECT 1 FROM person d WHERE d.siren = c.siren AND d.kind = 'physical' AND d.is_director = 1
                      AND d.erased_at IS NULL AND d.last_name IS NOT NULL),
                  EXISTS (SELECT 1 FROM contact_point t WHERE t.siren = c.siren AND t.kind = 'phone'
                    AND t.opted_out = 0),
                  w.website_verdict, w.digital_maturity,
                  p.siren IS NOT NULL, IFNULL(p.do_not_contact, 0), p.archived_at IS NOT NULL,
                  p.score, p.score_reasons, p.tier, p.route, p.route_reason,
                  p.scored_run_id, p.scored_settings, p.rescore_on
                FROM company c
                LEFT JOIN prospect p ON p.siren = c.siren
                LEFT JOIN enrichment_state e ON e.siren = c.siren
                LEFT JOIN web_presence w ON w.siren = c.siren
                WHERE \(condition)
                ORDER BY c.siren
                LIMIT ?
                """, arguments: arguments)

        let insert = try db.cachedStatement(
            sql: """
                INSERT INTO prospect (siren, score, score_reasons, tier, route, route_reason, scored_run_id,
                  scored_settings, scored_at, rescore_on, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        let update = try db.cachedStatement(
            sql: """
                UPDATE prospect SET score = ?, score_reasons = ?, tier = ?, route = ?, route_reason = ?,
                  scored_run_id = ?, scored_settings = ?, scored_at = ?, rescore_on = ?
                WHERE siren = ?
                """)
        // Facts changed but not the outcome: only what tells the company is up to date.
        let mark = try db.cachedStatement(
            sql:
                "UPDATE prospect SET scored_run_id = ?, scored_settings = ?, scored_at = ?, rescore_on = ? WHERE siren = ?"
        )

        var result = BatchResult()
        var sirens: [Int] = []
        sirens.reserveCapacity(limit)
        while let row = try rows.next() {
            let siren: Int = row[0]
            sirens.append(siren)
            result.lastSiren = siren
            result.summary.scored += 1
            let nomenclature: String? = row[5]
            let facts = ProspectFacts(
                createdOn: (row[1] as String?).flatMap(CalendarDay.init),
                isCeased: (row[2] as String) == "C",
                isRestricted: (row[3] as String) == "P",
                nafCode: nomenclature == nil || nomenclature == "NAFRev2" ? row[4] : nil,
                sizeBand: row[6],
                website: ProspectFacts.Website(verdict: row[10]),
                digitalMaturity: row[11],
                hasNamedDirector: row[8],
                hasPhone: row[9],
                doNotContact: row[13],
                isArchived: row[14])
            let factsRun: Int = row[7]
            let hasRow: Bool = row[12]
            if !hasRow && (facts.isCeased || facts.isRestricted) { continue }  // no row says it already

            let score = context.scorer.score(facts, today: context.today)
            let routing = context.router.route(facts, score: score)
            let json = score.json
            // Zero whatever their age: no decay to wait for.
            let rescoreOn =
                facts.isCeased || facts.doNotContact || facts.isRestricted
                ? nil : context.scorer.nextChange(createdOn: facts.createdOn, today: context.today)?.text
            let tier = routing.tier?.rawValue
            let route = routing.route.rawValue
            if !hasRow {
                try insert.execute(arguments: [
                    siren, score.total, json, tier, route, routing.reason, factsRun, context.fingerprint,
                    context.stamp, rescoreOn, context.stamp, context.stamp,
                ])
                result.summary.created += 1
                result.summary.routes[routing.route, default: 0] += 1
            } else if (row[15] as Int) != score.total || (row[16] as String?) != json || (row[17] as String?) != tier
                || (row[18] as String?) != route || (row[19] as String?) != routing.reason
            {
                try update.execute(arguments: [
                    score.total, json, tier, route, routing.reason, factsRun, context.fingerprint, context.stamp,
                    rescoreOn, siren,
                ])
                result.summary.changed += 1
                result.summary.routes[routing.route, default: 0] += 1
            } else if (row[20] as Int?) != factsRun || (row[21] as Int64?) != context.fingerprint
                || (row[22] as String?) != rescoreOn
            {
                try mark.execute(arguments: [factsRun, context.fingerprint, context.stamp, rescoreOn, siren])
            }
        }
        if !sirens.isEmpty {
            try db.execute(
                sql: """
                    UPDATE change_event SET handled_at = ?
                    WHERE handled_at IS NULL AND siren IN (\(sirens.map(String.init).joined(separator: ",")))
                    """, arguments: [context.stamp])
            result.summary.eventsHandled += db.changesCount
        }
        return result
    }

    /// Events of companies that get no prospect row (ceased or diffusion P): scoring has nothing
    /// more to say about them, and the partial index of unhandled events finds them cheaply.
    private func handleEventsOfUnscoredCompanies(_ db: Database, _ context: Context) throws -> Int {
        try db.execute(
            sql: """
                UPDATE change_event SET handled_at = ?
                WHERE handled_at IS NULL AND siren IN (
                  SELECT ce.siren FROM change_event ce JOIN company c ON c.siren = ce.siren
                  WHERE ce.handled_at IS NULL AND (c.state = 'C' OR c.diffusion = 'P')
                    AND NOT EXISTS (SELECT 1 FROM prospect p WHERE p.siren = c.siren))
                """, arguments: [context.stamp])
        return db.changesCount
    }

    private func write<T>(after siren: Int?, _ body: (Database) throws -> T) throws(ScoringError) -> T {
        do {
            return try database.writer.write(body)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED
        {
            throw .locked(after: siren)
        } catch let error as DatabaseError {
            // A full disk or a read-only file in `StoreError`'s words: the file and what to do.
            let store = StoreError(error, path: database.writer.path)
            throw .database(after: siren, message: store?.description ?? error.message ?? "\(error.resultCode)")
        } catch {
            throw .database(after: siren, message: "\(error)")
        }
    }
}
