import FilonCore
import Foundation
import GRDB
import Logging
import TestSupport
import Testing

@testable import FilonSources

/// A paid provider for the stage's rules: it asks `/company/<siren>` on the fake server, which
/// answers a website or 404, and costs two credits an answer.
struct MeteredProvider: EnrichmentProvider {
    var id: ProviderID { .pappers }
    var timeToLive: TimeInterval { 86_400 }
    func maxCredits(_ settings: ProviderSettings) -> Int { 2 }

    func enrich(_ companies: [CompanyProfile], _ call: ProviderCall) async throws -> [Int: EnrichmentResult] {
        var results: [Int: EnrichmentResult] = [:]
        for company in companies {
            let url = try HTTPRequest.url(base: call.baseURL, path: "/company/\(company.siren)", provider: "pappers")
            do {
                let response = try await call.client.send(
                    HTTPRequest(url: url, headers: ["api-key": call.apiKey ?? ""]))
                if response.status == 402 { throw EnrichmentError.outOfCredits(.pappers, detail: "402") }
                let site = String(decoding: response.body, as: UTF8.self)
                results[company.siren] = EnrichmentResult(
                    contacts: [ContactFinding(kind: .website, value: site)],
                    webPresence: WebPresenceFinding(website: site),
                    creditsSpent: 2)
            } catch HTTPError.notFound {
                results[company.siren] = .notFound()
            } catch HTTPError.client(_, 402, let detail) {
                throw EnrichmentError.outOfCredits(.pappers, detail: detail)
            }
        }
        return results
    }
}

@Suite struct EnrichmentStageTests {
    let server: FakeHTTPServer
    let db: AppDatabase
    let sirens = (1...5).map { Int(Luhn.siren(30_000_000 + $0))! }

    init() throws {
        server = try FakeHTTPServer()
        db = try AppDatabase.inMemory()
        try db.writer.write { db in
            try db.execute(
                sql:
                    "INSERT INTO run (id, source, kind, started_at) VALUES (1, 'sirene_api', 'pass', '2026-11-26T00:00:00Z')"
            )
            for (n, siren) in sirens.enumerated() {
                try db.execute(
                    sql: """
                        INSERT INTO company (siren, denomination, state, creation_date, first_run_id, last_run_id, row_hash)
                        VALUES (?, ?, 'A', ?, 1, 1, 1)
                        """, arguments: [siren, "SOCIETE \(n)", "2026-11-0\(n + 1)"])
            }
            // The second company is worth more than the others.
            try db.execute(
                sql: "INSERT INTO prospect (siren, score, created_at, updated_at) VALUES (?, 80, 'x', 'x')",
                arguments: [sirens[1]])
        }
        let unknown = String(sirens[4])
        server.handle { request in
            if request.path.hasSuffix(unknown) { return .status(404) }
            return .bytes(Data("https://www.societe-\(request.path.suffix(3)).fr".utf8))
        }
    }

    func stage(_ settings: ProviderSettings) -> EnrichmentStage {
        var config = FilonConfig()
        var settings = settings
        settings.baseURL = server.baseURL
        config.providers[.pappers] = settings
        var stage = EnrichmentStage(
            database: db, config: config, logger: Logger(label: "t", factory: { _ in SwiftLogNoOpLogHandler() }))
        stage.providers = [MeteredProvider()]
        stage.policy = { _ in HTTPPolicy(ratePerMinute: nil, maxAttempts: 2, baseDelay: 0.05, timeout: 2) }
        return stage
    }

    func keyed(budget: Int? = nil, minScore: Int? = nil) -> ProviderSettings {
        var settings = ProviderSettings()
        settings.apiKey = "secret"
        settings.dailyBudget = budget
        settings.minScore = minScore
        return settings
    }

    func spend() throws -> (credits: Int, requests: Int, companies: Int) {
        try db.writer.read { db in
            let row = try Row.fetchOne(db, sql: "SELECT credits, requests, companies FROM provider_spend")
            return (row?["credits"] ?? 0, row?["requests"] ?? 0, row?["companies"] ?? 0)
        }
    }

    @Test func withoutAKeyEveryCompanyIsSkippedAndTheJournalSaysWhy() async throws {
        let outcomes = await stage(ProviderSettings()).run(stop: StopSignal())
        #expect(outcomes.first?.counts.filtered == 5)
        #expect(outcomes.first?.message == "5 skipped: no key")
        #expect(server.requests.isEmpty)
    }

    @Test func answersAreStoredCountedAndCachedUntilAChangeEventAsks() async throws {
        let first = await stage(keyed()).run(stop: StopSignal())
        #expect(first.first?.counts.new == 4 && first.first?.counts.unchanged == 1)
        #expect(try spend() == (credits: 8, requests: 5, companies: 5))
        let verdicts = try await db.writer.read {
            try String.fetchAll($0, sql: "SELECT website_verdict FROM web_presence ORDER BY siren")
        }
        #expect(verdicts.filter { $0 == "website not audited yet" }.count == 4)
        #expect(verdicts.filter { $0 == "no website found" }.count == 1)

        // Nothing due: the companies have not changed since.
        #expect(await stage(keyed()).run(stop: StopSignal()).isEmpty)
        // Forced: cached answers are skipped by the normal run, asked again by `filond enrich`.
        let forced = await stage(keyed()).run(EnrichmentStage.Request(sirens: [sirens[0]]), stop: StopSignal())
        #expect(forced.first?.counts.new == 1)
        // A change event makes the cached answer stale for that company only.
        try await db.writer.write { db in
            try db.execute(
                sql: "INSERT INTO run (id, source, kind, started_at) VALUES (99, 'rne', 'pass', '2030-01-01T00:00:00Z')"
            )
            try db.execute(sql: "UPDATE company SET last_run_id = 99 WHERE siren = ?", arguments: [sirens[2]])
            try db.execute(
                sql: """
                    INSERT INTO change_event (siren, kind, new_value, source, detected_at)
                    VALUES (?, 'directors', 'x', 'rne', '2030-01-01T00:00:00Z')
                    """, arguments: [sirens[2]])
        }
        let again = await stage(keyed()).run(stop: StopSignal())
        #expect(again.first?.counts.new == 1 && again.first?.counts.filtered == 0)
    }

    @Test func theDailyBudgetStopsSpending() async throws {
        let outcomes = await stage(keyed(budget: 5)).run(stop: StopSignal())
        // Two credits an answer: two answers fit in five credits; the unknown company cost none.
        #expect(outcomes.first?.counts.read == 3 && outcomes.first?.counts.new == 2)
        #expect(outcomes.first?.message == "2 skipped: daily budget spent")
        #expect(try spend().credits == 4)
    }

    @Test func companiesUnderTheProvidersScoreAreNotAsked() async throws {
        let outcomes = await stage(keyed(minScore: 50)).run(stop: StopSignal())
        #expect(outcomes.first?.counts.new == 1)
        #expect(outcomes.first?.message == "4 skipped: score below min_score")
        #expect(server.requests.map(\.path) == ["/company/\(sirens[1])"])
    }

    @Test func noCreditsStopsTheProviderForTheDay() async throws {
        server.handle { _ in .status(402) }
        let outcomes = await stage(keyed()).run(stop: StopSignal())
        #expect(outcomes.first?.message?.contains("no credits left") == true)
        #expect(server.requests.count == 1)
        let exhausted = try await db.writer.read {
            try String.fetchOne($0, sql: "SELECT exhausted_at FROM provider_spend")
        }
        #expect(exhausted != nil)
        let forced = await stage(keyed()).run(EnrichmentStage.Request(sirens: [sirens[0]]), stop: StopSignal())
        #expect(forced.first?.message == "1 skipped: no credits left today")
        #expect(server.requests.count == 1)
    }

    @Test func aFailureIsRetriedLaterNotAtOnce() async throws {
        server.handle { _ in .status(503) }
        let outcomes = await stage(keyed()).run(stop: StopSignal())
        #expect(outcomes.first?.status == .failed && outcomes.first?.counts.rejected == 3)
        let retry = try await db.writer.read {
            try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM provider_fetch WHERE retry_at IS NOT NULL AND failures = 1")
        }
        #expect(retry == 3)
        // They change again at once: the failed ones wait for their retry time.
        try await db.writer.write { db in
            try db.execute(
                sql: "INSERT INTO run (id, source, kind, started_at) VALUES (99, 'rne', 'pass', '2030-01-01T00:00:00Z')"
            )
            try db.execute(sql: "UPDATE company SET last_run_id = 99")
        }
        server.handle { _ in .bytes(Data("https://www.site.fr".utf8)) }
        let next = await stage(keyed()).run(stop: StopSignal())
        #expect(next.first?.message == "3 skipped: waiting to retry after a failure")
        #expect(next.first?.counts.new == 2)
    }
}

/// Garbage from a real adapter's provider: nothing is half-written, and the company is asked again
/// after the backoff.
@Suite struct EnrichmentGarbageTests {
    let server: FakeHTTPServer
    let db: AppDatabase
    let siren = Int(Luhn.siren(31_000_001))!

    init() throws {
        server = try FakeHTTPServer()
        db = try AppDatabase.inMemory()
        try db.writer.write { db in
            try db.execute(
                sql:
                    "INSERT INTO run (id, source, kind, started_at) VALUES (1, 'sirene_api', 'pass', '2026-11-26T00:00:00Z')"
            )
            try db.execute(
                sql: """
                    INSERT INTO company (siren, denomination, state, postal_code, city, first_run_id, last_run_id, row_hash)
                    VALUES (?, 'BOULANGERIE DUPONT', 'A', '69002', 'LYON', 1, 1, 1)
                    """, arguments: [siren])
        }
    }

    func run(_ response: @escaping @Sendable (FakeRequest) -> FakeResponse) async throws -> PassReport.SourceOutcome {
        server.handle(response)
        var config = FilonConfig()
        config.providers[.pappers] = TestPass.settings(server.baseURL, key: "k")
        var stage = EnrichmentStage(
            database: db, config: config, logger: Logger(label: "t", factory: { _ in SwiftLogNoOpLogHandler() }))
        stage.providers = [PappersProvider()]
        stage.policy = { _ in
            HTTPPolicy(ratePerMinute: nil, maxAttempts: 1, baseDelay: 0.05, timeout: 2, maxBodyBytes: 100_000)
        }
        return try #require(await stage.run(EnrichmentStage.Request(sirens: [siren]), stop: StopSignal()).first)
    }

    func nothingWritten() async throws {
        let written = try await db.writer.read { db in
            try Int.fetchOne(
                db,
                sql: """
                    SELECT (SELECT COUNT(*) FROM contact_point) + (SELECT COUNT(*) FROM person)
                      + (SELECT COUNT(*) FROM finance) + (SELECT COUNT(*) FROM web_presence)
                      + (SELECT COALESCE(SUM(credits), 0) FROM provider_spend)
                    """)
        }
        #expect(written == 0)
        let failures = try await db.writer.read {
            try Int.fetchOne($0, sql: "SELECT failures FROM provider_fetch WHERE retry_at IS NOT NULL")
        }
        #expect(failures == 1)
    }

    @Test func anHTMLErrorPage() async throws {
        let outcome = try await run { _ in
            .bytes(
                Data("<html><body><h1>502 Bad Gateway</h1></body></html>".utf8), headers: ["Content-Type": "text/html"])
        }
        #expect(outcome.counts.rejected == 1 && outcome.message?.contains("not JSON") == true)
        try await nothingWritten()
    }

    @Test func truncatedJSON() async throws {
        let outcome = try await run { _ in .json(#"{"siren":"123","representants":[{"nom":"DUP"#) }
        #expect(outcome.counts.rejected == 1)
        try await nothingWritten()
    }

    @Test func aHugeBody() async throws {
        let outcome = try await run { _ in
            .json(#"{"siren":"1","padding":""# + String(repeating: "x", count: 300_000) + #""}"#)
        }
        #expect(outcome.counts.rejected == 1 && outcome.message?.contains("100000") == true)
        try await nothingWritten()
    }

    @Test func aRedirectLoop() async throws {
        let outcome = try await run { request in
            .status(302, headers: ["Location": request.path == "/a" ? "/b" : "/a"])
        }
        #expect(outcome.counts.rejected == 1)
        try await nothingWritten()
    }
}
