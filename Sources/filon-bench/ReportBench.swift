import ArgumentParser
import FilonCore
import Foundation
import GRDB
import TestSupport

/// `filon-bench report`: the dashboard (`ReportBuilder` + `ReportText`) over a generated base of a
/// million companies and a million activities. Times the report built and rendered N times, per
/// period, and each figure's query once more on its own. Target: under 200 ms. Printed, never
/// asserted.
struct ReportBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Benchmark the dashboard: filon report over 1 M companies and 1 M activities.")

    @Option(help: "Companies to generate.")
    var companies = 1_000_000

    @Option(help: "Activities in all: those of the prospects' recent work, then older history up to this number.")
    var activities = 1_000_000

    @Option(help: "Telemarketers sharing the prospects (plus one admin).")
    var users = 10

    @Option(help: "Share of the companies that are assigned prospects, in percent.")
    var prospects = 20

    @Option(help: "Reports built per period.")
    var samples = 20

    @Option(help: "Random seed of the generators.")
    var seed: UInt64 = 8

    @Option(
        help: "Working folder (default: a new temporary folder, removed at the end). A database it holds is reused.")
    var dir: String?

    /// Tuesday 1 December 2026, 10:30 in Paris, as the other screen benchmarks.
    static let now = Date(timeIntervalSince1970: 1_796_117_400)
    static let target = 200.0
    /// Days of daemon passes generated before `now`.
    static let passDays = 90
    /// Days of activity history generated before `now`.
    static let historyDays = 730

    func validate() throws {
        guard companies >= 1, activities >= 0, users >= 1, samples >= 1, (0...100).contains(prospects) else {
            throw ValidationError("--companies, --users, --samples: 1 or more; --activities ≥ 0; --prospects: 0 to 100")
        }
    }

    func run() throws {
        let folder = dir ?? (NSTemporaryDirectory() + "filon-bench-report-\(getpid())")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { if dir == nil { try? FileManager.default.removeItem(atPath: folder) } }
        let path = folder + "/filon.sqlite"
        try prepare(AppDatabase.open(path: path))
        // A new pool, as `filon report` opens one: nothing of the generation left in its cache.
        let database = try AppDatabase.open(path: path)
        try describe(database)
        say(
            """
            measured: ReportBuilder.build inside one read + ReportText.render at 100 columns, on the calling \
            thread; one database pool, warm OS cache; clock fixed at Tue 2026-12-01 10:30 Paris
            """)
        say("report                                                     count    p50 ms    p95 ms    max ms")
        let today = ReportPeriod.localDay(of: Self.now)
        let periods: [(String, ReportPeriod)] = [
            ("today", try ReportPeriod(since: today, until: today)),
            ("last 30 days (the default)", .last(ReportPeriod.defaultDays, endingAt: Self.now)),
            ("last 30 days, one telepro", .last(ReportPeriod.defaultDays, endingAt: Self.now, user: "telepro1")),
            ("last 365 days", .last(365, endingAt: Self.now)),
            ("all the history (\(Self.historyDays) days)", .last(Self.historyDays, endingAt: Self.now)),
        ]
        for (name, period) in periods {
            var total = Latencies()
            var render = Latencies()
            let builder = ReportBuilder(period: period, now: Self.now)
            for _ in 0..<samples {
                try total.time {
                    let report = try database.writer.read { try builder.build($0) }
                    render.time { _ = ReportText.render(report, width: 100) }
                }
            }
            line("build + render, \(name)", total, target: Self.target)
            line("  of which render", render)
        }
        var alerts = Latencies()
        let header = ReportBuilder(period: .last(1, endingAt: Self.now), now: Self.now)
        for _ in 0..<samples { try alerts.time { _ = try database.writer.read { try header.alerts($0) } } }
        line("alerts alone (the header)", alerts)
        try figures(database)
    }

    // MARK: - Where the time goes

    /// Each figure of the default report, timed on its own.
    private func figures(_ database: AppDatabase) throws {
        let builder = ReportBuilder(period: .last(ReportPeriod.defaultDays, endingAt: Self.now), now: Self.now)
        let steps: [(String, (Database) throws -> Void)] = [
            ("detections per day", { _ = try builder.detections($0) }),
            ("calls, contacts, conversions, talk, emails per user", { _ = try builder.callFigures(user: nil, $0) }),
            ("calls per day", { _ = try builder.callsPerDay(user: nil, $0) }),
            ("response rate", { _ = try builder.responseRate(user: nil, $0) }),
            ("statuses", { _ = try builder.statuses(owner: nil, $0) }),
            ("without action", { _ = try builder.withoutAction(owner: nil, $0) }),
            ("overdue follow-ups", { _ = try builder.overdueFollowUps(owner: nil, $0) }),
            ("enrichment coverage", { _ = try builder.enrichmentCoverage($0) }),
            ("credits", { _ = try builder.credits($0) }),
            ("alert: without owner", { _ = try builder.withoutOwner($0) }),
            ("alert: failed steps", { _ = try builder.failedSteps($0) }),
        ]
        say("each figure of the 30-day report on its own:")
        for (name, step) in steps {
            var latencies = Latencies()
            for _ in 0..<samples { try latencies.time { try database.writer.read { try step($0) } } }
            line("  " + name, latencies)
        }
    }

    // MARK: - The database

    /// Generates what the folder's database lacks.
    private func prepare(_ database: AppDatabase) throws {
        let existing = try database.writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM company") ?? 0 }
        guard existing == 0 else {
            say("filon-bench report: reusing the folder's database (\(existing) companies)")
            return
        }
        var started = ContinuousClock.now
        _ = try CompanyGenerator(companies: companies, samples: 0, seed: seed).generate(into: database)
        say(String(format: "%d companies generated in %.1f s", companies, seconds(since: started)))
        started = ContinuousClock.now
        let detected = try generatePasses(database)
        say(
            String(
                format: "%d daemon passes over %d days, %d companies detected by them, enrichment and spend, in %.1f s",
                Self.passDays * 24, Self.passDays, detected, seconds(since: started)))
        started = ContinuousClock.now
        let made = try ProspectGenerator(users: users, percent: prospects, seed: seed, now: Self.now)
            .generate(into: database)
        say(
            String(
                format: "%d prospects, %d open follow-ups, %d activities of their recent work, in %.1f s",
                made.prospects, made.followUps, made.activities, seconds(since: started)))
        started = ContinuousClock.now
        let history = try generateHistory(database, count: max(0, activities - made.activities))
        say(
            String(
                format: "%d older activities over %d days, in %.1f s", history, Self.historyDays,
                seconds(since: started)))
    }

    /// Hourly passes for `passDays` days (a detection run, an enrichment run, scoring, assignment),
    /// the companies created in those days detected by the pass of their creation day, most of
    /// them enriched, and each day's spend.
    private func generatePasses(_ database: AppDatabase) throws -> Int {
        var random = SplitMix64(seed: seed ^ 0x0DE7_EC7E)
        let firstDay = Self.now.addingTimeInterval(-Double(Self.passDays) * 86_400)
        return try database.writer.write { db in
            let run = try db.makeStatement(
                sql:
                    "INSERT INTO run (source, kind, started_at, finished_at, status, message) VALUES (?, ?, ?, ?, ?, ?)"
            )
            var passByHour: [Int: Int] = [:]
            for hour in 0..<(Self.passDays * 24) {
                let start = firstDay.addingTimeInterval(Double(hour) * 3600)
                let stamp = Timestamp.string(start)
                let done = Timestamp.string(start.addingTimeInterval(120))
                let source = hour % 24 == 6 ? "bodacc" : "sirene_api"
                try run.execute(arguments: [source, "pass", stamp, done, "ok", nil])
                passByHour[hour] = Int(db.lastInsertedRowID)
                // The last pass's Pappers step failed: one alert.
                let failed = hour == Self.passDays * 24 - 1
                try run.execute(arguments: [
                    "pappers", "enrich", stamp, done, failed ? "failed" : "ok", failed ? "HTTP 401: key refused" : nil,
                ])
                try run.execute(arguments: ["scoring", "score", done, done, "ok", nil])
                try run.execute(arguments: ["assignment", "assign", done, done, "ok", nil])
            }
            let recent = try Int.fetchAll(
                db, sql: "SELECT siren FROM company WHERE creation_date >= ? ORDER BY siren",
                arguments: [String(Timestamp.string(firstDay).prefix(10))])
            let detect = try db.makeStatement(
                sql: "UPDATE company SET first_run_id = ?, last_run_id = ? WHERE siren = ?")
            let enriched = try db.makeStatement(
                sql: "INSERT INTO enrichment_state (siren, run_id, enriched_at) VALUES (?, ?, ?)")
            let web = try db.makeStatement(
                sql:
                    "INSERT INTO web_presence (siren, website_verdict, digital_maturity, updated_at) VALUES (?, ?, ?, ?)"
            )
            let email = try db.makeStatement(
                sql: """
                    INSERT INTO contact_point (siren, kind, value, normalized, source, retrieved_at)
                    VALUES (?, 'email', ?, ?, 'dropcontact', ?)
                    """)
            for siren in recent {
                let hour = Int(random.next() % UInt64(Self.passDays * 24))
                let pass = passByHour[hour]!
                let at = Timestamp.string(firstDay.addingTimeInterval(Double(hour) * 3600 + 600))
                try detect.execute(arguments: [pass, pass, siren])
                let draw = random.next() % 100
                guard draw < 80 else { continue }
                try enriched.execute(arguments: [siren, pass, at])
                if draw < 60 {
                    let verdict = ["no website", "weak website", "fair website", "good website"][Int(draw % 4)]
                    try web.execute(arguments: [siren, verdict, Int(draw % 4), at])
                }
                if draw < 20 {
                    try email.execute(arguments: [siren, "contact@\(siren).fr", "contact@\(siren).fr", at])
                }
            }
            let spend = try db.makeStatement(
                sql: "INSERT INTO provider_spend (provider, day, requests, credits, companies) VALUES (?, ?, ?, ?, ?)")
            for day in 0..<Self.passDays {
                let text = String(Timestamp.string(firstDay.addingTimeInterval(Double(day) * 86_400)).prefix(10))
                for (provider, paid) in [("nominatim", false), ("website_audit", false), ("pappers", true)] {
                    let requests = 150 + Int(random.next() % 50)
                    try spend.execute(arguments: [provider, text, requests, paid ? requests * 2 : 0, requests])
                }
            }
            return recent.count
        }
    }

    /// `count` activities of the prospects' owners spread over the `historyDays` days before now:
    /// calls with their outcome and length, emails sent, notes and status changes.
    private func generateHistory(_ database: AppDatabase, count: Int) throws -> Int {
        var random = SplitMix64(seed: seed ^ 0x4157_0127)
        let dispositions = Disposition.allCases.map(\.rawValue)
        // Outcomes as a floor sees them: mostly nobody reached.
        let weights = [30, 15, 8, 3, 18, 8, 6, 10, 2]
        let table = zip(dispositions, weights).flatMap { Array(repeating: $0.0, count: $0.1) }
        return try database.writer.write { db in
            let owned = try Row.fetchAll(db, sql: "SELECT siren, owner_id FROM prospect WHERE owner_id IS NOT NULL")
                .map { ($0[0] as Int, $0[1] as Int) }
            guard !owned.isEmpty else { return 0 }
            let insert = try db.makeStatement(
                sql: """
                    INSERT INTO activity (siren, user_id, kind, disposition, new_value, detail, duration_seconds,
                      created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            for _ in 0..<count {
                let (siren, owner) = owned[Int(random.next() % UInt64(owned.count))]
                // Working hours: 08:00 to 18:00 UTC on any day of the history.
                let day = Int(random.next() % UInt64(Self.historyDays)) + 1
                let at = Self.now.addingTimeInterval(
                    -Double(day) * 86_400 + Double(random.next() % 36_000) - 2.5 * 3600)
                let stamp = Timestamp.string(at)
                let kind = random.next() % 100
                if kind < 70 {
                    let outcome = table[Int(random.next() % UInt64(table.count))]
                    let reached = Disposition(rawValue: outcome)?.isContact == true
                    let length = reached ? 30 + Int(random.next() % 600) : Int(random.next() % 40)
                    try insert.execute(arguments: [siren, owner, "call", outcome, nil, "bench", length, stamp])
                } else if kind < 85 {
                    try insert.execute(arguments: [siren, owner, "email", nil, "sent", "bench", nil, stamp])
                } else if kind < 93 {
                    try insert.execute(arguments: [siren, owner, "note", nil, nil, "bench note", nil, stamp])
                } else {
                    try insert.execute(arguments: [siren, owner, "status_change", nil, "contacte", nil, nil, stamp])
                }
            }
            return count
        }
    }

    /// What the base holds, for the record.
    private func describe(_ database: AppDatabase) throws {
        let counts = try database.writer.read { db in
            try ["company", "prospect", "activity", "follow_up", "run"].map {
                "\($0) \(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \($0)") ?? 0)"
            }
        }
        say("base: " + counts.joined(separator: ", "))
        // How much of the history the default period holds: the report's cost follows it.
        let month = ReportPeriod.last(ReportPeriod.defaultDays, endingAt: Self.now)
        let recent = try database.writer.read { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT COUNT(*), TOTAL(kind = 'call') FROM activity WHERE created_at >= ? AND created_at < ?
                    """, arguments: [Timestamp.string(month.start), Timestamp.string(month.end)])!
        }
        say(
            "in the last \(ReportPeriod.defaultDays) days: \(recent[0] as Int) activities, "
                + "\(Int(recent[1] as Double)) of them calls")
    }

    // MARK: - Output

    private func line(_ name: String, _ latencies: Latencies, target: Double? = nil) {
        var text =
            name.padding(toLength: 56, withPad: " ", startingAt: 0)
            + String(
                format: " %6d %9.1f %9.1f %9.1f", latencies.count, latencies.percentile(0.5),
                latencies.percentile(0.95),
                latencies.max)
        if let target {
            text +=
                latencies.percentile(0.95) <= target
                ? "   (p95 within \(Int(target)) ms)" : "   (p95 OVER \(Int(target)) ms)"
        }
        say(text)
    }

    private func say(_ line: String) {
        print(line)
        fflush(nil)
    }

    private func seconds(since start: ContinuousClock.Instant) -> Double {
        Latencies.milliseconds(since: start) / 1000
    }
}
