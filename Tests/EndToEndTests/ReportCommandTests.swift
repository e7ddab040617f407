import FilonCore
import Foundation
import GRDB
import Testing

/// `filon report` on the demo database after a scripted day: users added with `filon users add`,
/// a daemon pass that finds two companies and assigns the prospects, calls recorded with
/// `filon call`, a note, an email sent, a callback left overdue, Pappers credits. The report's
/// JSON must give the figures the test works out from its own script, and be what the core API
/// (which the screen's dashboard pane uses) builds.
@Suite struct ReportCommandTests {
    struct Call {
        var caller: String
        var siren: Int
        var outcome: Disposition
        var seconds: Int?
    }

    @Test func theReportOfAScriptedDayGivesTheDaysFigures() throws {
        let folder = try Binaries.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = try Binaries.demoDatabase(in: folder)
        // No settings file of the machine's: the defaults (hourly passes, untreated after 3 days).
        let environment = ["XDG_CONFIG_HOME": folder, "FILON_CONFIG": ""]
        func filon(_ arguments: [String], as login: String = "ada") throws -> Binaries.Result {
            var env = environment
            env["USER"] = login
            return try Binaries.run("filon", arguments + ["--db", path], environment: env)
        }
        for (login, role) in [("ada", "admin"), ("tina", "telepro"), ("theo", "telepro"), ("carla", "commercial")] {
            let added = try filon(["users", "add", login, "--role", role])
            #expect(added.status == 0, "\(added.stderr)")
        }
        let database = try AppDatabase.open(path: path)
        let stockCompanies = try database.writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM company")! }

        // The daemon's pass: two new companies from the Sirene API, one of them enriched with a
        // phone, then scores, routes and owners for every prospect, and today's Pappers credits.
        let newSirens = try database.writer.read { db in
            try (100_000_000..<100_100_000).lazy.filter { Siren.isValid(Siren.pad($0, 9)) }
                .filter { try Int.fetchOne(db, sql: "SELECT 1 FROM company WHERE siren = ?", arguments: [$0]) == nil }
                .prefix(2).map { $0 }
        }
        let journal = RunJournal()
        let passStart = Date()
        try database.writer.write { db in
            let pass = try journal.start(db, source: "sirene_api", kind: "pass", target: nil, at: passStart)
            for siren in newSirens {
                var found = CompanyObservation(siren: siren)
                found.name = "NOUVELLE SOCIETE \(siren)"
                found.creationDate = String(Timestamp.string(passStart).prefix(10))
                found.mayCreate = true
                let merger = CompanyMerger(
                    source: .sireneAPI, run: pass, now: Timestamp.string(passStart), filter: ImportFilterSettings())
                #expect(try merger.apply(found, db) == .new)
            }
            try journal.finish(db, run: pass, status: .ok, counts: RunCounts(), message: nil, at: passStart)
            try db.execute(
                sql: "INSERT INTO enrichment_state (siren, run_id, enriched_at) VALUES (?, ?, ?)",
                arguments: [newSirens[0], pass, Timestamp.string(passStart)])
            try db.execute(
                sql: """
                    INSERT INTO contact_point (siren, kind, value, normalized, source, retrieved_at)
                    VALUES (?, 'phone', '0102030405', '+33102030405', 'google_places', ?)
                    """, arguments: [newSirens[0], Timestamp.string(passStart)])
            try db.execute(
                sql:
                    "INSERT INTO provider_spend (provider, day, requests, credits, companies) VALUES ('pappers', ?, 2, 4, 2)",
                arguments: [String(Timestamp.string(passStart).prefix(10))])
        }
        _ = try ScoringJob(database: database, settings: ScoringSettings(), now: passStart).run()
        try database.writer.write { db in
            let assign = try journal.start(db, source: "assignment", kind: "assign", target: nil, at: passStart)
            let summary = try AssignmentEngine(now: passStart).assignUnowned(db)
            #expect(summary.waiting.isEmpty)
            try journal.finish(db, run: assign, status: .ok, counts: RunCounts(), message: nil, at: Date())
        }
        let (ids, assigned, mine, theirs) = try database.writer.read { db in
            let ids = Dictionary(
                uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT login, id FROM user").map {
                    ($0[0] as String, $0[1] as Int)
                })
            let assigned = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM prospect WHERE owner_id IS NOT NULL")!
            let owned = "SELECT siren FROM prospect WHERE owner_id = ? ORDER BY siren LIMIT 4"
            return (
                ids, assigned, try Int.fetchAll(db, sql: owned, arguments: [ids["tina"]!]),
                try Int.fetchAll(db, sql: owned, arguments: [ids["theo"]!])
            )
        }
        let prospects = try database.writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM prospect")! }

        // The day's calls, through the command a dialler would run.
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Paris")!
        let tomorrow = calendar.date(byAdding: .day, value: 1, to: Date())!
        let callbackDay = calendar.dateComponents([.year, .month, .day], from: tomorrow)
        let callback = String(
            format: "%04d-%02d-%02dT10:00", callbackDay.year!, callbackDay.month!, callbackDay.day!)
        let calls = [
            Call(caller: "tina", siren: mine[0], outcome: .noAnswer, seconds: 15),
            Call(caller: "tina", siren: mine[0], outcome: .contact, seconds: 200),
            Call(caller: "tina", siren: mine[1], outcome: .interested, seconds: 320),
            Call(caller: "tina", siren: mine[2], outcome: .callback, seconds: 60),
            Call(caller: "tina", siren: mine[3], outcome: .voicemail, seconds: nil),
            Call(caller: "theo", siren: theirs[0], outcome: .notInterested, seconds: 90),
            Call(caller: "theo", siren: theirs[1], outcome: .busy, seconds: 5),
            Call(caller: "theo", siren: theirs[2], outcome: .doNotCall, seconds: 30),
        ]
        for call in calls {
            var arguments = ["call", Siren.pad(call.siren, 9), call.outcome.rawValue]
            if let seconds = call.seconds { arguments += ["--duration", String(seconds)] }
            if call.outcome == .callback { arguments += ["--callback", callback] }
            let recorded = try filon(arguments, as: call.caller)
            #expect(recorded.status == 0, "\(recorded.stderr)")
        }
        // A note, an email the server took, one still queued, yesterday's callback not made.
        try database.writer.write { db in
            try ProspectActions(userID: ids["theo"]!).addNote(siren: theirs[1], text: "rappeler lundi", db)
            let outbox = EmailOutbox()
            let to = Mailbox(address: try EmailAddress("contact@example.fr"))
            let draft = EmailDraft(subject: "Votre site", body: "Bonjour")
            let sent = try outbox.queue(siren: mine[1], userID: ids["tina"]!, to: to, draft: draft, db)
            try outbox.markSent(
                id: sent,
                receipt: MailReceipt(
                    messageID: "<1@example.fr>", recipient: "contact@example.fr", subject: "Votre site", sentAt: Date(),
                    serverReply: "250 ok"), db)
            _ = try outbox.queue(siren: theirs[1], userID: ids["theo"]!, to: to, draft: draft, db)
            try db.execute(
                sql: "INSERT INTO follow_up (siren, owner_id, due_at, created_at) VALUES (?, ?, ?, ?)",
                arguments: [
                    theirs[1], ids["theo"]!, Timestamp.string(Date().addingTimeInterval(-3600)),
                    Timestamp.string(passStart),
                ])
        }

        let run = try filon(["report", "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let report = try JSONDecoder().decode(TeamReport.self, from: Data(run.stdout.utf8))

        // The calls as stored, for their times.
        let stamps = try database.writer.read { db in
            try Row.fetchAll(
                db,
                sql:
                    "SELECT u.login, a.created_at FROM activity a JOIN user u ON u.id = a.user_id WHERE a.kind = 'call'"
            ).map { ($0[0] as String, $0[1] as String) }
        }
        func parisDay(_ stamp: String) -> String {
            let c = calendar.dateComponents([.year, .month, .day], from: ISO8601DateFormatter().date(from: stamp)!)
            return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
        }
        let today = parisDay(Timestamp.string(Date()))
        #expect(report.period.until.text == today)
        #expect(report.period.days.count == 30)

        // Detections: the pass's two companies today; the demo's stock apart.
        #expect(report.detections.total == 2)
        #expect(report.detections.perDay.last == DayCount(day: parisDay(Timestamp.string(passStart)), count: 2))
        #expect(report.detections.perDay.map(\.count).reduce(0, +) == 2)
        #expect(report.detections.bySource == [SourceCount(source: "sirene_api", count: 2)])
        #expect(report.detections.fromStockFiles == stockCompanies)

        // Calls, emails, rates, talk time.
        let contacts = calls.filter(\.outcome.isContact)
        #expect(report.calls == calls.count)
        #expect(
            report.callsPerDay.map(\.count)
                == report.callsPerDay.map { day in
                    stamps.filter { parisDay($0.1) == day.day }.count
                })
        #expect(report.emailsSent == 1)
        #expect(report.contactRate == Ratio(part: contacts.count, whole: calls.count))
        #expect(report.conversionRate == Ratio(part: calls.filter(\.outcome.isPositive).count, whole: contacts.count))
        #expect(
            report.responseRate == Ratio(part: Set(contacts.map(\.siren)).count, whole: Set(calls.map(\.siren)).count))
        #expect(report.talkSeconds == calls.compactMap(\.seconds).reduce(0, +))

        // Per user: the two who called; Ada and Carla did nothing (Carla is a seller: listed).
        #expect(report.users.map(\.login) == ["carla", "theo", "tina"])
        for row in report.users {
            let own = calls.filter { $0.caller == row.login }
            let reached = own.filter(\.outcome.isContact)
            let hours = Set(stamps.filter { $0.0 == row.login }.map { String($0.1.prefix(13)) })
            #expect(row.calls == own.count)
            #expect(row.activeHours == hours.count)
            #expect(row.contactRate == Ratio(part: reached.count, whole: own.count))
            #expect(row.conversionRate == Ratio(part: reached.filter(\.outcome.isPositive).count, whole: reached.count))
            #expect(row.talkSeconds == own.compactMap(\.seconds).reduce(0, +))
            #expect(row.timedCalls == own.filter { $0.seconds != nil }.count)
            #expect(row.emailsSent == (row.login == "tina" ? 1 : 0))
        }

        // Statuses: each called prospect where its last outcome put it, the others Nouveau.
        var status: [Int: PipelineStatus] = [:]
        for call in calls { status[call.siren] = call.outcome.status(after: status[call.siren] ?? .nouveau) }
        for count in report.statuses {
            let moved = status.values.filter { $0 == count.status }.count
            #expect(count.count == (count.status == .nouveau ? prospects - status.count : moved), "\(count.status)")
        }
        // Every prospect was assigned today; the seven called ones were acted on.
        #expect(report.withoutAction == assigned - Set(calls.map(\.siren)).count)
        #expect(report.overdueFollowUps == 1)

        // Enrichment of the two new companies, and the credits.
        #expect(report.enrichment.companies == 2)
        #expect(report.enrichment.enriched == Ratio(part: 1, whole: 2))
        #expect(report.enrichment.withPhone == Ratio(part: 1, whole: 2))
        #expect(report.enrichment.withEmail == Ratio(part: 0, whole: 2))
        #expect(report.credits == [ProviderCredits(provider: "pappers", requests: 2, credits: 4)])

        // Alerts: the overdue callback only; the pass just ran, every prospect has an owner.
        #expect(report.alerts.untreated == 0)
        #expect(report.alerts.overdueFollowUps == 1)
        #expect(report.alerts.withoutOwner == 0)
        #expect(report.alerts.failedSteps.isEmpty)
        #expect(!report.alerts.passOverdue)
        #expect(report.alerts.headline == "1 overdue follow-up")

        // What the command printed is what the core builds at the same moment (the screen's pane
        // reads the same API).
        let now = Timestamp.date(report.generatedAt)!
        let inProcess = try database.writer.read {
            try ReportBuilder(period: report.period, now: now).build($0)
        }
        #expect(inProcess == report)

        // One user's report: their calls and prospects.
        let tina = try JSONDecoder().decode(
            TeamReport.self, from: Data(try filon(["report", "--json", "--user", "tina"]).stdout.utf8))
        #expect(tina.users.map(\.login) == ["tina"])
        #expect(tina.calls == calls.filter { $0.caller == "tina" }.count)
        #expect(tina.emailsSent == 1)
        #expect(tina.overdueFollowUps == 0)
        // Tina herself reads her own figures only: asking for none gives hers, asking for Théo's is refused.
        let own = try JSONDecoder().decode(
            TeamReport.self, from: Data(try filon(["report", "--json"], as: "tina").stdout.utf8))
        #expect(own.users.map(\.login) == ["tina"] && own.calls == tina.calls && own.period == tina.period)
        let others = try filon(["report", "--user", "theo"], as: "tina")
        #expect(
            others.status == 1 && others.stderr.contains("only an admin can read another user's"), "\(others.stderr)")
        let stranger = try filon(["report"], as: "mallory")
        #expect(stranger.status == 1 && stranger.stderr.contains("mallory is not a CRM user"), "\(stranger.stderr)")

        // As text: the figures with their sparkline and bars.
        let text = try filon(["report", "--since", report.period.since.text])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("Calls: \(calls.count)"))
        #expect(text.stdout.contains("Alerts: 1 overdue follow-up"))
        #expect(text.stdout.contains("█"))
    }

    @Test func badOptionsAreNamed() throws {
        let folder = try Binaries.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/filon.sqlite"
        _ = try AppDatabase.open(path: path)
        let environment = ["XDG_CONFIG_HOME": folder]
        let badDay = try Binaries.run(
            "filon", ["report", "--since", "2026-13-01", "--db", path], environment: environment)
        #expect(badDay.status == 2)
        #expect(badDay.stderr.contains("--since 2026-13-01 is not a day: write it as YYYY-MM-DD"))
        let reversed = try Binaries.run(
            "filon", ["report", "--since", "2026-12-02", "--until", "2026-12-01", "--db", path],
            environment: environment)
        #expect(reversed.status == 2)
        #expect(reversed.stderr.contains("swap the two dates"))
        let nobody = try Binaries.run("filon", ["report", "--user", "zoe", "--db", path], environment: environment)
        #expect(nobody.status == 2)
        #expect(nobody.stderr.contains("--user zoe: no CRM user has the login zoe"))
        let missing = try Binaries.run(
            "filon", ["report", "--db", folder + "/none.sqlite"], environment: environment)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no database at"))
    }
}
