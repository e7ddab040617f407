import ArgumentParser
import FilonCore
import Foundation
import GRDB
import TestSupport

/// `filon-bench score`: the pure scorer and router on generated facts (target: 500,000 companies
/// a second on two cores), then the store's rescoring on a generated database: a first pass that
/// creates every prospect, a pass with nothing due (the cost of finding that out), and a pass
/// after a tenth of the companies changed. Rates are printed, never asserted.
struct ScoreBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score", abstract: "Benchmark the scorer, the router and rescoring in the store.")

    @Option(help: "Generated companies for the pure scorer.")
    var companies = 1_000_000

    @Option(help: "Threads scoring at once.")
    var threads = 2

    @Option(help: "Companies in the generated database for the store's rescoring (0 skips it).")
    var storeCompanies = 200_000

    func run() async throws {
        let settings = ScoringSettings()
        let today = CalendarDay(Date())
        let facts = Self.facts(count: companies, today: today)
        let scorer = Scorer(settings: settings)
        let router = Router(settings: settings)
        print("filon-bench score: \(companies) generated companies, default web-agency settings")

        _ = Self.scoreAll(facts[...], scorer, router, today)  // warm-up
        var started = ContinuousClock.now
        let single = Self.scoreAll(facts[...], scorer, router, today)
        let oneThread = Self.seconds(since: started)
        print(
            String(
                format: "score + route, 1 thread:   %10.0f companies/s  (%.3f s, checksum %d)",
                Double(companies) / oneThread, oneThread, single))

        started = ContinuousClock.now
        let parallel = await withTaskGroup(of: Int.self) { group in
            let chunk = (companies + threads - 1) / max(threads, 1)
            for start in stride(from: 0, to: companies, by: max(chunk, 1)) {
                let slice = facts[start..<min(start + chunk, companies)]
                group.addTask { Self.scoreAll(slice, scorer, router, today) }
            }
            return await group.reduce(0, +)
        }
        let manyThreads = Self.seconds(since: started)
        let rate = Double(companies) / manyThreads
        print(
            String(
                format: "score + route, %d threads: %10.0f companies/s  (%.3f s, checksum %d)  target 500000: %@",
                threads, rate, manyThreads, parallel, rate >= 500_000 ? "ok" : "MISSED"))

        if storeCompanies > 0 { try store() }
    }

    /// Every score and route, folded into a number the optimiser cannot drop.
    static func scoreAll(_ facts: ArraySlice<ProspectFacts>, _ scorer: Scorer, _ router: Router, _ today: CalendarDay)
        -> Int
    {
        var checksum = 0
        for fact in facts {
            let score = scorer.score(fact, today: today)
            let routing = router.route(fact, score: score)
            checksum &+= score.total &+ score.reasons.count &* 7 &+ (routing.route == .sales ? 1000 : 0)
        }
        return checksum
    }

    static let nafCodes = [
        "56.10A", "56.10C", "56.30Z", "96.02A", "96.02B", "43.22A", "43.34Z", "47.11B", "47.76Z", "68.31Z",
        "69.10Z", "86.21Z", "62.01Z", "70.22Z", "49.32Z", "73.11Z", "10.71C", "45.20A", "01.11Z", "46.90Z",
    ]
    static let sizeBands = ["NN", "NN", "NN", "NN", "00", "01", "02", "03", "11", "12", "21", "32", "53"]
    static let verdicts = [
        "not enriched yet", "no website", "no website found", "weak website", "fair website", "good website",
        "parked domain", "website not audited yet",
    ]

    /// A reproducible mix: a tenth ceased, a few "ne plus contacter" and diffusion P, ages up to
    /// three years, half with a named director, a third with a phone.
    static func facts(count: Int, today: CalendarDay) -> [ProspectFacts] {
        var random = SplitMix64(seed: 42)
        return (0..<count).map { _ in
            let maturity = Int(random.next() % 5)
            return ProspectFacts(
                createdOn: today + -Int(random.next() % 1100), isCeased: random.next() % 10 == 0,
                isRestricted: random.next() % 50 == 0, nafCode: nafCodes[Int(random.next() % UInt64(nafCodes.count))],
                sizeBand: sizeBands[Int(random.next() % UInt64(sizeBands.count))],
                website: ProspectFacts.Website(verdict: verdicts[Int(random.next() % UInt64(verdicts.count))]),
                digitalMaturity: maturity == 4 ? nil : maturity, hasNamedDirector: random.next() % 2 == 0,
                hasPhone: random.next() % 3 == 0, doNotContact: random.next() % 100 == 0,
                isArchived: random.next() % 200 == 0)
        }
    }

    // MARK: - The store

    private func store() throws {
        let folder = NSTemporaryDirectory() + "filon-bench-score-\(getpid())"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let database = try AppDatabase.open(path: folder + "/filon.sqlite")
        var started = ContinuousClock.now
        try generate(into: database)
        print(
            String(
                format: "store: generated %d companies with web presence, directors, phones, events in %.1f s",
                storeCompanies, Self.seconds(since: started)))

        let settings = ScoringSettings()
        started = ContinuousClock.now
        let first = try ScoringJob(database: database, settings: settings).run()
        var elapsed = Self.seconds(since: started)
        print(
            String(
                format: "store, first pass:   %8.0f companies/s  (%.2f s) %@", Double(first.scored) / elapsed, elapsed,
                first.description))

        started = ContinuousClock.now
        let idle = try ScoringJob(database: database, settings: settings).run()
        elapsed = Self.seconds(since: started)
        print(String(format: "store, nothing due:  %.3f s to find it out (%@)", elapsed, idle.description))

        let changed = storeCompanies / 10
        try database.writer.write { db in
            try db.execute(sql: "INSERT INTO run (id, source, kind, started_at) VALUES (3, 'bench', 'pass', 'x')")
            try db.execute(
                sql: "UPDATE company SET last_run_id = 3, size_band = '01' WHERE siren % 10 = 0")
        }
        started = ContinuousClock.now
        let again = try ScoringJob(database: database, settings: settings).run()
        elapsed = Self.seconds(since: started)
        print(
            String(
                format: "store, %d changed: %8.0f companies/s  (%.2f s) %@", changed, Double(again.scored) / elapsed,
                elapsed, again.description))
    }

    /// Companies and what enrichment would have left about them, in one transaction.
    private func generate(into database: AppDatabase) throws {
        let today = CalendarDay(Date())
        var random = SplitMix64(seed: 7)
        try database.writer.write { db in
            try db.execute(sql: "INSERT INTO run (id, source, kind, started_at) VALUES (1, 'bench', 'import', 'x')")
            try db.execute(sql: "INSERT INTO run (id, source, kind, started_at) VALUES (2, 'bench', 'pass', 'x')")
            let company = try db.makeStatement(
                sql: """
                    INSERT INTO company (siren, denomination, creation_date, state, diffusion, naf_code, naf_nomenclature,
                      size_band, legal_form, last_name, street_name, postal_code, city, first_run_id, last_run_id,
                      row_hash)
                    VALUES (?, ?, ?, ?, ?, ?, 'NAFRev2', ?, ?, ?, 'RUE DE LA REPUBLIQUE', '69003', 'LYON', 1, 1, ?)
                    """)
            let web = try db.makeStatement(
                sql: """
                    INSERT INTO web_presence (siren, website_verdict, digital_maturity, updated_at)
                    VALUES (?, ?, ?, 'x')
                    """)
            let person = try db.makeStatement(
                sql: """
                    INSERT INTO person (siren, kind, role, last_name, first_names, source, retrieved_at)
                    VALUES (?, 'physical', 'Gérant', 'MARTIN', 'Ana', 'rne', 'x')
                    """)
            let phone = try db.makeStatement(
                sql: """
                    INSERT INTO contact_point (siren, kind, value, normalized, source, retrieved_at)
                    VALUES (?, 'phone', '04 72 00 00 00', ?, 'google_places', 'x')
                    """)
            let enriched = try db.makeStatement(
                sql: "INSERT INTO enrichment_state (siren, run_id, enriched_at) VALUES (?, 2, 'x')")
            let event = try db.makeStatement(
                sql: """
                    INSERT INTO change_event (siren, kind, old_value, new_value, source, run_id, detected_at)
                    VALUES (?, 'naf', '62.01Z', ?, 'sirene_api', 1, 'x')
                    """)
            for n in 0..<storeCompanies {
                let siren = 300_000_000 + n * 7
                let soleTrader = random.next() % 3 == 0
                let naf = Self.nafCodes[Int(random.next() % UInt64(Self.nafCodes.count))]
                try company.execute(arguments: [
                    siren, soleTrader ? nil : "SOCIETE \(n)", (today + -Int(random.next() % 1100)).text,
                    random.next() % 10 == 0 ? "C" : "A", random.next() % 50 == 0 ? "P" : "O", naf,
                    Self.sizeBands[Int(random.next() % UInt64(Self.sizeBands.count))], soleTrader ? "1000" : "5499",
                    soleTrader ? "DURAND" : nil, n + 1,
                ])
                if random.next() % 5 < 3 {
                    let verdict = Self.verdicts[Int(random.next() % UInt64(Self.verdicts.count))]
                    try web.execute(arguments: [siren, verdict, Int(random.next() % 4)])
                    try enriched.execute(arguments: [siren])
                }
                if !soleTrader && random.next() % 2 == 0 { try person.execute(arguments: [siren]) }
                if random.next() % 3 == 0 { try phone.execute(arguments: [siren, "+334720\(siren % 100_000)"]) }
                if random.next() % 10 == 0 { try event.execute(arguments: [siren, naf]) }
            }
        }
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}
