import FilonCore
import Foundation
import GRDB
import TestSupport
import Testing

/// A daemon pass whose enrichment (OpenStreetMap, the site audit, Google Places, Pappers on a fake
/// web that answers a little slowly) is killed with SIGKILL at seeded-random points: as a given
/// request arrives, or at a moment that may fall inside a transaction or in the scoring after the
/// enrichment; sometimes killed again while it reruns. The pass run again ends with the database
/// of a pass never interrupted, because every answer is stored with its cache entry and its
/// credits in one transaction, and the next pass skips what is already fresh.
///
/// Legitimately different, and left out of the comparison (`Snapshot`): the run journal (the
/// killed runs stay as "interrupted"), and `provider_spend.requests`, which a provider's turn adds
/// when it ends, so the requests of a killed turn are not counted. Credits are exact because they
/// count stored answers: an answer the provider sent but the killed process never stored is asked
/// again (and, at a real provider, paid twice; one request per kill at most).
@Suite(.serialized) struct KillDuringEnrichmentTests {
    static let companies = 40

    @Test func aPassKilledDuringEnrichmentThenRunAgainEndsAsAnUninterruptedOne() throws {
        let started = Date()
        let plan = FaultPlan(suite: "enrichment", ciRuns: 10)
        let folder = try Binaries.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let baseline = try Binaries.demoDatabase(in: folder)
        // Only the companies of one pass are due: the others count as enriched already. Otherwise a
        // pass killed after its enrichment, then run again, would rightly enrich the next ones.
        let database = try AppDatabase.open(path: baseline)
        try database.writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO enrichment_state (siren, run_id, enriched_at)
                    SELECT siren, (SELECT MAX(id) FROM run), '2026-01-01T00:00:00Z' FROM company
                    WHERE siren NOT IN (
                      SELECT siren FROM company WHERE state = 'A' AND NOT (diffusion = 'P' AND legal_form IS '1000')
                      ORDER BY creation_date DESC, siren DESC LIMIT ?)
                    """, arguments: [Self.companies])
        }
        let web = try EnrichmentDue(AppDatabase.open(path: baseline), companies: Self.companies).web
        let server = try FakeHTTPServer()
        // A few milliseconds per answer spread the pass out, so that kills land inside it.
        let answer: @Sendable (FakeRequest) -> FakeResponse = { .delayed(seconds: 0.004, web.respond($0)) }
        server.handle(answer)
        let config = folder + "/filon.toml"
        var toml = "[daemon]\nenrich_per_pass = \(2 * Self.companies)\n"
        for id in ["sirene_stock", "sirene_api", "bodacc", "rne", "recherche_entreprises"] {
            toml += "[providers.\(id)]\nenabled = false\n"
        }
        for id in ["nominatim", "overpass", "google_places", "pappers", "website_audit"] {
            toml += "[providers.\(id)]\nrate_per_minute = 60000\n"
        }
        try toml.write(toFile: config, atomically: true, encoding: .utf8)
        let environment = web.environment(server: server)
        let command = ["run", "--once", "--config", config, "--db"]

        let reference = folder + "/reference.sqlite"
        try KillRunner.copyDatabase(baseline, to: reference)
        let before = server.requests.count
        let clock = Date()
        let whole = try Binaries.run("filond", command + [reference], environment: environment)
        let seconds = Date().timeIntervalSince(clock)
        #expect(whole.status == 0, "\(whole.stdout)\n\(whole.stderr)")
        let requestsPerPass = server.requests.count - before
        #expect(requestsPerPass >= 2 * Self.companies, "\(whole.stdout)")
        let expected = try Snapshot(path: reference)
        let enriched = expected.tables["web_presence"]?.count ?? 0
        #expect(enriched == Self.companies, "\(whole.stdout)")

        var random = SplitMix64(seed: plan.seed)
        var landed = KillTally()
        var killed = 0
        var secondKills = 0
        var failures = 0
        for index in 0..<plan.runs {
            let db = folder + "/killed.sqlite"
            KillRunner.removeDatabase(db)
            try KillRunner.copyDatabase(baseline, to: db)
            let label: String
            let first: KillRunner.Ending
            if index % 2 == 0 {
                // As request n arrives: the process waits for an answer it will never store.
                let n = random.int(in: 1...requestsPerPass)
                label = "run \(index) (at request \(n) of \(requestsPerPass))"
                let served = RequestCounter()
                let pid = PIDBox()
                server.handle { request in
                    if served.next() == n, let target = pid.value {
                        kill(target, SIGKILL)
                        return .hangUp
                    }
                    return answer(request)
                }
                first = try KillRunner.run(
                    "filond", command + [db], environment: environment, started: { pid.value = $0 })
                server.handle(answer)
                landed.add("at a request")
            } else {
                // At a moment: inside a transaction, between providers, or in the steps after.
                let moment = random.double(in: 0.05...(0.9 * seconds))
                label = "run \(index) (at \(String(format: "%.3f", moment)) s of \(String(format: "%.2f", seconds)))"
                var ending = try KillRunner.run("filond", command + [db], environment: environment, killAfter: moment)
                // A pass faster than the reference may finish first: start again, kill earlier.
                for retry in 1...3 where ending != .killed {
                    try KillRunner.copyDatabase(baseline, to: db)
                    ending = try KillRunner.run(
                        "filond", command + [db], environment: environment, killAfter: moment / Double(1 << retry))
                }
                first = ending
                landed.add(first == .killed ? try whereItStopped(db) : "not killed: finished first")
            }
            if first == .killed { killed += 1 }
            var problems = try KillRunner.consistency(of: db)
            #expect(problems.isEmpty, "\(label), right after the kill: \(problems)")
            if random.chance(1.0 / 3) {
                let again = try KillRunner.run(
                    "filond", command + [db], environment: environment, killAfter: random.double(in: 0.05...seconds))
                if again == .killed { secondKills += 1 }
                problems = try KillRunner.consistency(of: db)
                #expect(problems.isEmpty, "\(label), after the second kill: \(problems)")
            }
            let equal = try KillRunner.rerunAndCompare(label, db: db, expected: expected) {
                try Binaries.run("filond", command + [db], environment: environment)
            }
            if !equal { failures += 1 }
        }
        print(
            "fault suite enrichment: \(plan.runs) runs, seed \(plan.seed), \(Self.companies) companies, "
                + "\(requestsPerPass) requests a pass, reference pass \(String(format: "%.2f", seconds)) s; "
                + "killed: \(killed) of \(plan.runs); landed: \(landed.line); killed again while rerunning: \(secondKills); "
                + "\(failures == 0 ? "all equal to the uninterrupted pass" : "\(failures) differ"); "
                + "\(String(format: "%.1f", Date().timeIntervalSince(started))) s")
    }

    /// Which provider's turn was under way, from the journal.
    private func whereItStopped(_ db: String) throws -> String {
        try KillRunner.inspect(db) { db in
            let running = try String.fetchOne(
                db, sql: "SELECT source FROM run WHERE status = 'running' AND kind = 'enrich' ORDER BY id DESC")
            if let running { return "in \(running)'s turn" }
            let enrichedAll = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM enrichment_state)")!
            return enrichedAll ? "after the enrichment" : "before the enrichment"
        }
    }
}
