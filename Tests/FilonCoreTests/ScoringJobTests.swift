import Foundation
import GRDB
import Testing

@testable import FilonCore

/// Rescoring in the store: what is due, what is written, what is left alone.
@Suite struct ScoringJobTests {
    let db: AppDatabase
    /// 2026-06-01T12:00:00Z.
    let now = Date(timeIntervalSince1970: 1_780_315_200)

    init() throws {
        db = try AppDatabase.inMemory()
        try db.writer.write { db in
            for id in 1...9 {
                try db.execute(
                    sql:
                        "INSERT INTO run (id, source, kind, started_at) VALUES (?, 'sirene_api', 'pass', '2026-05-01T00:00:00Z')",
                    arguments: [id])
            }
        }
    }

    // MARK: - Fixtures

    func company(
        _ siren: Int, created: String? = "2026-05-25", state: String = "A", diffusion: String = "O",
        naf: String? = "56.10A", nomenclature: String? = "NAFRev2", size: String? = "NN", legalForm: String = "5710",
        lastName: String? = nil, run: Int = 1
    ) throws {
        try db.writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO company (siren, denomination, creation_date, state, diffusion, naf_code, naf_nomenclature,
                      size_band, legal_form, last_name, first_run_id, last_run_id, row_hash)
                    VALUES (?, 'X', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)
                    """,
                arguments: [siren, created, state, diffusion, naf, nomenclature, size, legalForm, lastName, run, run])
        }
    }

    func sql(_ text: String, _ arguments: StatementArguments = []) throws {
        try db.writer.write { try $0.execute(sql: text, arguments: arguments) }
    }

    func web(_ siren: Int, _ verdict: String, maturity: Int?) throws {
        try sql(
            "INSERT INTO web_presence (siren, website_verdict, digital_maturity, updated_at) VALUES (?, ?, ?, 'x')",
            [siren, verdict, maturity])
    }

    func director(_ siren: Int, kind: String = "physical") throws {
        try sql(
            """
            INSERT INTO person (siren, kind, role, last_name, first_names, legal_name, source, retrieved_at)
            VALUES (?, ?, 'Gérant', ?, 'Ana', ?, 'rne', 'x')
            """, [siren, kind, kind == "physical" ? "MARTIN" : nil, kind == "legal" ? "HOLDING" : nil])
    }

    func phone(_ siren: Int, optedOut: Bool = false) throws {
        try sql(
            """
            INSERT INTO contact_point (siren, kind, value, normalized, source, retrieved_at, opted_out)
            VALUES (?, 'phone', '01 23 45 67 89', '+33123456789', 'google_places', 'x', ?)
            """, [siren, optedOut])
    }

    func enriched(_ siren: Int, run: Int) throws {
        try sql(
            """
            INSERT INTO enrichment_state (siren, run_id, enriched_at) VALUES (?, ?, 'x')
            ON CONFLICT (siren) DO UPDATE SET run_id = excluded.run_id
            """, [siren, run])
    }

    func event(_ siren: Int, _ kind: String = "naf", run: Int = 1) throws {
        try sql(
            "INSERT INTO change_event (siren, kind, source, run_id, detected_at) VALUES (?, ?, 'sirene_api', ?, 'x')",
            [siren, kind, run])
    }

    func run(
        settings: ScoringSettings = ScoringSettings(), at date: Date? = nil, limit: Int? = nil, batch: Int = 10_000
    )
        throws -> ScoringSummary
    {
        var job = ScoringJob(database: db, settings: settings, now: date ?? now)
        job.batchSize = batch
        return try job.run(limit: limit)
    }

    struct Stored: Equatable {
        var score: Int
        var tier: String?
        var route: String?
        var reason: String?
        var reasons: [String]
    }

    func stored(_ siren: Int) throws -> Stored? {
        try db.writer.read { db in
            try Row.fetchOne(
                db, sql: "SELECT score, tier, route, route_reason, score_reasons FROM prospect WHERE siren = ?",
                arguments: [siren]
            ).map {
                Stored(
                    score: $0["score"], tier: $0["tier"], route: $0["route"], reason: $0["route_reason"],
                    reasons: Score.storedReasons(json: $0["score_reasons"] ?? "[]")?.map(\.code) ?? ["bad JSON"])
            }
        }
    }

    func count(_ text: String) throws -> Int { try db.writer.read { try Int.fetchOne($0, sql: text) ?? -1 } }

    /// Everything in prospect, to compare before and after.
    func snapshot() throws -> [[DatabaseValue]] {
        try db.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM prospect ORDER BY siren").map { Array($0.databaseValues) }
        }
    }

    // MARK: - Tests

    @Test func scoresRoutesAndExplainsEachCompany() throws {
        // A new restaurant without a website, with a named director and a phone: straight to sales.
        try company(100)
        try web(100, "no website", maturity: 0)
        try director(100)
        try phone(100)
        // A sole trader is its own named director; a fair website is no lead: telemarketing, tier C.
        try company(200, created: "2020-01-01", naf: "62.01Z", legalForm: "1000", lastName: "DURAND")
        try web(200, "fair website", maturity: 2)
        // A legal-person director and an opted-out phone count for nothing.
        try company(300, created: nil, naf: nil)
        try director(300, kind: "legal")
        try phone(300, optedOut: true)

        let summary = try run()
        #expect(summary.scored == 3 && summary.created == 3 && summary.changed == 0)
        #expect(summary.routes == [.sales: 1, .telemarketing: 2])
        #expect(
            try stored(100)
                == Stored(
                    score: 95, tier: "A", route: "sales", reason: "tier A, named director, phone",
                    reasons: ["recent_company", "no_website", "low_maturity", "sector", "named_director", "phone"]))
        #expect(
            try stored(200)
                == Stored(
                    score: 10, tier: "C", route: "telemarketing", reason: "default route", reasons: ["named_director"]))
        #expect(
            try stored(300) == Stored(score: 0, tier: "C", route: "telemarketing", reason: "default route", reasons: [])
        )
        let json = try db.writer.read {
            try String.fetchOne($0, sql: "SELECT score_reasons FROM prospect WHERE siren = 200")
        }
        #expect(json == #"[{"code":"named_director","points":10,"label":"named director"}]"#)
        // New rows start as fresh prospects, stamped with what they were scored from.
        #expect(try count("SELECT COUNT(*) FROM prospect WHERE pipeline_status = 'nouveau' AND owner_id IS NULL") == 3)
        #expect(
            try count("SELECT COUNT(*) FROM prospect WHERE scored_run_id = 1 AND scored_at = '2026-06-01T12:00:00Z'")
                == 3)
    }

    @Test func aSecondRunFindsNothingAndWritesNothing() throws {
        for siren in 1...30 {
            try company(siren, created: siren % 2 == 0 ? "2026-04-01" : "2019-01-01")
            if siren % 3 == 0 { try phone(siren) }
        }
        #expect(try run().scored == 30)
        let before = try snapshot()
        let changes = try db.writer.write { $0.totalChangesCount }
        let again = try run()
        #expect(again == ScoringSummary())
        #expect(try db.writer.write { $0.totalChangesCount } == changes)
        #expect(try snapshot() == before)
    }

    @Test func onlyWhatChangedIsScoredAgain() throws {
        for siren in 1...5 { try company(siren) }
        try enriched(5, run: 1)
        #expect(try run().scored == 5)

        // A registry change (new last_run_id) without any effect on the score: read, not rewritten.
        try sql("UPDATE company SET last_run_id = 2 WHERE siren = 1")
        var summary = try run()
        #expect(summary.scored == 1 && summary.changed == 0 && summary.created == 0)
        #expect(try count("SELECT scored_run_id FROM prospect WHERE siren = 1") == 2)

        // Enrichment found a phone and a website verdict: the enrichment run makes it due.
        try phone(5)
        try web(5, "weak website", maturity: 1)
        try enriched(5, run: 3)
        // A NAF change from a registry pass.
        try sql("UPDATE company SET naf_code = '62.01Z', last_run_id = 4 WHERE siren = 2")
        summary = try run()
        #expect(summary.scored == 2 && summary.changed == 2)
        #expect(try stored(5)?.reasons == ["recent_company", "weak_website", "low_maturity", "sector", "phone"])
        #expect(try stored(2)?.reasons == ["recent_company"])
        #expect(try run().scored == 0)
    }

    @Test func changeEventsAreMarkedHandled() throws {
        try company(1, run: 2)
        try event(1, "naf", run: 2)
        try event(1, "address", run: 2)
        // A ceased company without a prospect row: no row is made, its closure is still handled.
        try company(2, state: "C", run: 2)
        try event(2, "closure", run: 2)
        // An event for a SIREN not in the table (an establishment seen first) waits.
        try event(3, "address", run: 2)
        let summary = try run()
        #expect(summary.eventsHandled == 3)
        #expect(try count("SELECT COUNT(*) FROM change_event WHERE handled_at = '2026-06-01T12:00:00Z'") == 3)
        #expect(try count("SELECT COUNT(*) FROM change_event WHERE handled_at IS NULL AND siren = 3") == 1)
        #expect(try count("SELECT COUNT(*) FROM prospect WHERE siren = 2") == 0)
    }

    @Test func ceasedAndRestrictedCompaniesGetNoRowButLoseTheirScore() throws {
        try company(1)
        try company(2, state: "C")
        try company(3, diffusion: "P")
        #expect(try run().created == 1)
        #expect(try count("SELECT COUNT(*) FROM prospect") == 1)
        // The scored company ceases: score 0, no tier, route none, with why.
        try sql("UPDATE company SET state = 'C', last_run_id = 2 WHERE siren = 1")
        #expect(try run().changed == 1)
        #expect(
            try stored(1) == Stored(score: 0, tier: nil, route: "none", reason: "company ceased", reasons: ["ceased"]))
        #expect(try count("SELECT COUNT(*) FROM prospect WHERE siren = 1 AND rescore_on IS NULL") == 1)
    }

    @Test func theOperatorsFieldsAreNeverTouched() throws {
        try company(1)
        try sql("INSERT INTO user (id, login, name, role, created_at) VALUES (7, 'ana', 'Ana', 'telepro', 'x')")
        try sql(
            """
            INSERT INTO prospect (siren, pipeline_status, owner_id, notes, created_at, updated_at, version)
            VALUES (1, 'a_relancer', 7, 'rappeler lundi', 'c', 'u', 4)
            """)
        #expect(try run().changed == 1)
        let row = try db.writer.read {
            try Row.fetchOne(
                $0, sql: "SELECT pipeline_status, owner_id, notes, created_at, updated_at, version FROM prospect")!
        }
        #expect(row["pipeline_status"] as String == "a_relancer")
        #expect(row["owner_id"] as Int == 7)
        #expect(row["notes"] as String == "rappeler lundi")
        #expect(row["created_at"] as String == "c")
        #expect(row["updated_at"] as String == "u")
        #expect(row["version"] as Int == 4)
        #expect(try stored(1)?.score ?? 0 > 0)
    }

    @Test func doNotContactAndArchiveNeedAnExplicitRescore() throws {
        try company(1)
        try company(2)
        try phone(1)
        _ = try run()
        try sql("UPDATE prospect SET do_not_contact = 1 WHERE siren = 1")
        try sql("UPDATE prospect SET archived_at = '2026-06-01' WHERE siren = 2")
        // No run records an operator's action: nothing is due…
        #expect(try run().scored == 0)
        // …so whoever sets the flag asks for these companies.
        let summary = try ScoringJob(database: db, settings: ScoringSettings(), now: now).rescore(sirens: [
            1, 2, 2, 999,
        ])
        #expect(summary.scored == 2 && summary.changed == 2)
        #expect(
            try stored(1)
                == Stored(score: 0, tier: nil, route: "none", reason: "do not contact", reasons: ["do_not_contact"]))
        let archived = try #require(try stored(2))
        #expect(archived.score > 0 && archived.tier == nil && archived.route == "none" && archived.reason == "archived")
        // Asked again with nothing new: nothing written.
        let again = try ScoringJob(database: db, settings: ScoringSettings(), now: now).rescore(sirens: [1, 2])
        #expect(again.scored == 2 && again.changed == 0)
    }

    @Test func newSettingsScoreEverythingAgain() throws {
        for siren in 1...4 { try company(siren) }
        try phone(2)
        _ = try run()
        var settings = ScoringSettings()
        settings.phone = 20
        let summary = try run(settings: settings)
        #expect(summary.scored == 4 && summary.changed == 1)
        #expect(try run(settings: settings).scored == 0)
        // New routes too, even when no score moves.
        settings.routes = [try RouteRule.parse("*:sales")]
        #expect(try run(settings: settings).changed == 4)
        #expect(try count("SELECT COUNT(*) FROM prospect WHERE route = 'sales'") == 4)
    }

    @Test func recentPointsDecayOnTheirDay() throws {
        try company(1, created: "2026-04-22")  // 40 days old on 2026-06-01
        try company(2, created: "2015-01-01")
        _ = try run()
        let rescoreOn = try #require(
            try db.writer.read { try String.fetchOne($0, sql: "SELECT rescore_on FROM prospect WHERE siren = 1") })
        #expect(try count("SELECT COUNT(*) FROM prospect WHERE siren = 2 AND rescore_on IS NULL") == 1)
        let day = try #require(CalendarDay(rescoreOn))
        let before = try #require(try stored(1)?.score)
        // The day before, nothing is due; on the day, the points drop.
        let dayBefore = Date(timeIntervalSince1970: Double((day.daysSince1970 - 1) * 86_400 + 3600))
        #expect(try run(at: dayBefore).scored == 0)
        let onTheDay = Date(timeIntervalSince1970: Double(day.daysSince1970 * 86_400 + 3600))
        let summary = try run(at: onTheDay)
        #expect(summary.scored == 1 && summary.changed == 1)
        #expect(try stored(1)?.score ?? 100 < before)
        #expect(try run(at: onTheDay).scored == 0)
    }

    @Test func olderNAFNomenclaturesAreNotReadAsSectors() throws {
        try company(1, naf: "56.1A", nomenclature: "NAFRev1")
        try company(2, naf: "56.10A", nomenclature: nil)
        _ = try run()
        #expect(try stored(1)?.reasons.contains("sector") == false)
        #expect(try stored(2)?.reasons.contains("sector") == true)
    }

    @Test func batchesCommitAndTheLimitStopsBetweenThem() throws {
        for siren in 1...25 { try company(siren) }
        let first = try run(limit: 15, batch: 10)
        #expect(first.scored == 15 && first.reachedLimit)
        #expect(try count("SELECT COUNT(*) FROM prospect") == 15)
        let second = try run(batch: 10)
        #expect(second.scored == 10 && !second.reachedLimit)
        #expect(try count("SELECT COUNT(*) FROM prospect") == 25)
        #expect(try run(batch: 10).scored == 0)
    }

    @Test func theDaemonEntryPointIsTheJob() throws {
        try company(1)
        let summary = try ScoringJob(database: db, settings: ScoringSettings(), now: now).run()
        #expect(summary.created == 1)
        #expect(
            "\(summary)" == "scored 1 companies: 1 new prospects, 0 changed (1 telemarketing); 0 change events handled")
    }

    @Test func errorsSayWhatToDo() {
        #expect("\(ScoringError.locked(after: 552_100_554))".contains("552 100 554 are scored and saved"))
        #expect("\(ScoringError.database(after: nil, message: "disk I/O error"))".contains("run it again"))
    }
}
