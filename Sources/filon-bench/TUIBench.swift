import ArgumentParser
import FilonCore
import FilonTUI
import Foundation
import GRDB

/// `filon-bench tui`: the operator screen on a generated database, through the real `OperatorApp`
/// in inline mode: what is timed is the database work and the render of a frame into a cell grid,
/// no terminal. First frame (telepro, admin), next prospect and its outcome, each search keystroke,
/// moving down the queue. Target: p95 under 50 ms. Printed, never asserted.
struct TUIBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tui", abstract: "Benchmark the operator screen: first frame, next prospect, search keystrokes.")

    @Option(help: "Companies to generate.")
    var companies = 1_000_000

    @Option(help: "Telemarketers sharing the prospects (plus one admin).")
    var users = 10

    @Option(help: "Share of the companies that are assigned prospects, in percent.")
    var prospects = 20

    @Option(help: "Times each step is measured (frames opened, prospects taken, companies searched).")
    var samples = 100

    @Option(help: "Admin first frames (each counts every company).")
    var adminSamples = 10

    @Option(help: "Random seed of the generators.")
    var seed: UInt64 = 6

    @Option(
        help: """
            Working folder (default: a new temporary folder, removed at the end). A database it \
            already holds is reused as it is, with the calls earlier runs made.
            """)
    var dir: String?

    /// Tuesday 1 December 2026, 10:30 in Paris: inside every calling window, so that fresh
    /// prospects are served.
    static let now = Date(timeIntervalSince1970: 1_796_117_400)
    static let size = TerminalSize(width: 120, height: 40)
    static let target = 50.0

    func validate() throws {
        guard users >= 1, samples >= 1, adminSamples >= 1, companies >= 1, (0...100).contains(prospects) else {
            throw ValidationError("--users, --samples, --admin-samples, --companies: 1 or more; --prospects: 0 to 100")
        }
    }

    func run() throws {
        let folder = dir ?? (NSTemporaryDirectory() + "filon-bench-tui-\(getpid())")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { if dir == nil { try? FileManager.default.removeItem(atPath: folder) } }
        let path = folder + "/filon.sqlite"
        let database = try AppDatabase.open(path: path)
        try prepare(database)
        let typed = try Self.samples(samples, database)

        say(
            """
            measured: OperatorApp(mode: .inline), each step's database reads and writes on the calling thread \
            + render() of a \(Self.size.width)×\(Self.size.height) frame into a cell grid (no terminal); \
            one database pool, warm OS cache; clock fixed at Tue 2026-12-01 10:30 Paris
            """)
        say(
            "step                                                            count    p50 ms    p95 ms    max ms")
        try firstFrames(database, path: path)
        let apps = (0..<users).map { open(database, Self.telepro($0)) }
        for app in apps { app.settle() }
        try nextProspects(apps, database)
        search(apps[0], typed)
        moveDown(apps[min(1, apps.count - 1)])

        var usage = rusage()
        #if os(Linux)
            getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
            let rss = Double(usage.ru_maxrss) / 1024  // KiB on Linux
        #else
            getrusage(RUSAGE_SELF, &usage)
            let rss = Double(usage.ru_maxrss) / 1_048_576  // bytes on macOS
        #endif
        let bytes = [path, path + "-wal"].map {
            Double((try? FileManager.default.attributesOfItem(atPath: $0))?[.size] as? Int ?? 0) / 1_048_576
        }
        say(
            String(
                format: "peak RSS %.0f MiB (the process, generation included); database %.0f MiB + WAL %.0f MiB", rss,
                bytes[0], bytes[1]))
    }

    // MARK: - The database

    /// Generates what the folder's database lacks: companies, their search index, the users and
    /// prospects.
    private func prepare(_ database: AppDatabase) throws {
        var started = ContinuousClock.now
        let (existing, userCount) = try CompanyGenerator(companies: companies, samples: 0, seed: seed).fill(database)
        if existing == 0 {
            say(
                String(
                    format:
                        "filon-bench tui: %d companies generated in %.1f s (half with directors, a third with a phone)",
                    companies, seconds(since: started)))
        } else {
            say("filon-bench tui: reusing the \(existing) companies of the folder's database")
        }
        started = ContinuousClock.now
        let indexed = try SearchIndex().refresh(database.writer)
        say(String(format: "search index: %d companies indexed in %.1f s", indexed, seconds(since: started)))
        guard userCount == 0 else {
            say("users and prospects: reused (\(userCount) users)")
            return
        }
        started = ContinuousClock.now
        let made = try ProspectGenerator(users: users, percent: prospects, seed: seed, now: Self.now)
            .generate(into: database)
        say(
            String(
                format: """
                    users and prospects: 1 admin, %d telepros; %d prospects (%d %%, tier A 10 %%, B 30 %%, C 60 %%): \
                    %d fresh, %d recycled (%d due again now), %d stopped; %d open follow-ups (%d due today); \
                    %d activities; in %.1f s
                    """, users, made.prospects, prospects, made.fresh, made.recycled, made.dueAgain, made.stopped,
                made.followUps, made.dueToday, made.activities, seconds(since: started)))
    }

    /// Companies to search for, spread over the SIREN range, with the words a person would type.
    private static func samples(_ count: Int, _ database: AppDatabase) throws -> [CompanyGenerator.Sample] {
        try database.writer.read { db in
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM company") ?? 0
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT c.siren, c.name, c.city,
                      (SELECT value FROM contact_point p WHERE p.siren = c.siren AND p.kind = 'phone') AS phone
                    FROM company c WHERE c.rowid % ? = 0 AND c.name IS NOT NULL AND c.city IS NOT NULL LIMIT ?
                    """, arguments: [max(1, total / max(1, count)), count]
            ).map { row in
                let name: String = row["name"]
                let words = name.split(whereSeparator: { !$0.isLetter }).map(String.init).filter { $0.count >= 4 }
                return CompanyGenerator.Sample(
                    siren: row["siren"], nameWords: words.isEmpty ? [name] : words, city: row["city"],
                    phone: row["phone"])
            }
        }
    }

    // MARK: - The screen

    static func telepro(_ index: Int) -> OperatorSession {
        .user(
            OperatorUser(
                id: ProspectGenerator.telepro(index), login: "telepro\(index + 1)", name: "Télépro \(index + 1)",
                role: .telepro))
    }

    static let admin = OperatorSession.user(
        OperatorUser(id: ProspectGenerator.adminID, login: "admin", name: "Admin", role: .admin))

    private func open(_ database: AppDatabase, _ session: OperatorSession) -> OperatorApp {
        OperatorApp(
            database: database, databaseName: "filon.sqlite", session: session, size: Self.size, mode: .inline,
            clock: { Self.now })
    }

    /// A key, the reads it starts and the frame after them.
    private func press(_ app: OperatorApp, _ key: Key) {
        app.handle(.key(key))
        frame(app)
    }

    private func frame(_ app: OperatorApp) {
        app.settle()
        // render() lives in FilonTUI and is not inlinable: its result may be dropped.
        _ = app.render()
    }

    // MARK: - Steps

    private func firstFrames(_ database: AppDatabase, path: String) throws {
        var telepro = Latencies()
        for index in 0..<samples {
            telepro.time { frame(open(database, Self.telepro(index % max(users, 1)))) }
        }
        report("first frame, telepro (queue + card + header)", telepro)
        let app = open(database, Self.telepro(0))
        app.settle()
        let marks = Dictionary(grouping: app.queueRows, by: \.mark).mapValues(\.count)
        say(
            "    telepro1: \(app.queueRows.count) queue rows (C \(marks["C"] ?? 0), S \(marks["S"] ?? 0), "
                + "R \(marks["R"] ?? 0), · \(marks["·"] ?? 0)), card \(Self.describe(app.cardState)), "
                + "header: \(app.summary.map { "\($0.followUpsDueToday) follow-ups due today, \($0.alerts) alerts" } ?? "none")"
                + (app.errorMessage.map { ", ERROR \($0)" } ?? ""))
        let store = OperatorStore(
            database: database, session: Self.telepro(0), calling: CallingSettings(), clock: { Self.now })
        let first = app.queueRows.first?.siren ?? 0
        let watch = FollowUpWatch(settings: CallingSettings(), now: Self.now)
        try parts(
            [
                ("queue read (CallQueue.items + status, city)", { _ = try store.queue() }),
                ("card read (version, card, history)", { _ = try store.detail(siren: first) }),
                ("header summary (follow-ups due, FollowUpWatch alerts)", { _ = try store.summary() }),
                (
                    "  of which the alert count (FollowUpWatch.alertCount)",
                    { _ = try database.writer.read { try watch.alertCount(ownerID: ProspectGenerator.telepro(0), $0) } }
                ),
                ("render only", { _ = app.render() }),
            ], count: samples)

        var reopened = Latencies()
        for index in 0..<min(samples, 20) {
            try reopened.time {
                let fresh = try AppDatabase.open(path: path)
                frame(open(fresh, Self.telepro(index % max(users, 1))))
            }
        }
        report("first frame, telepro, database opened anew", reopened)

        var admin = Latencies()
        for _ in 0..<adminSamples { admin.time { frame(open(database, Self.admin)) } }
        report("first frame, admin (page, count, card, header)", admin)
        let adminApp = open(database, Self.admin)
        adminApp.settle()
        say(
            "    admin: \(adminApp.total ?? 0) companies listed, card \(Self.describe(adminApp.cardState)), "
                + "header: \(adminApp.summary.map { "\($0.alerts) alerts (everyone's)" } ?? "none")"
                + (adminApp.errorMessage.map { ", ERROR \($0)" } ?? ""))
        let adminStore = OperatorStore(
            database: database, session: Self.admin, calling: CallingSettings(), clock: { Self.now })
        let newest = adminApp.selectedSiren ?? 0
        try parts(
            [
                ("page 0 (200 newest, company_creation index)", { _ = try database.newestProspects(limit: 200) }),
                ("count of the companies listed (partial indexes)", { _ = try database.prospectCount() }),
                ("card read", { _ = try adminStore.detail(siren: newest) }),
                ("header summary (everyone's alerts)", { _ = try adminStore.summary() }),
                (
                    "  of which the alert count (FollowUpWatch.alertCount)",
                    { _ = try database.writer.read { try watch.alertCount(ownerID: nil, $0) } }
                ),
            ], count: adminSamples)
    }

    private func nextProspects(_ apps: [OperatorApp], _ database: AppDatabase) throws {
        var next = Latencies()
        var outcome = Latencies()
        var refused: [String] = []
        let noAnswer = apps[0].keymap.keys(for: .outcome(.noAnswer)).first ?? .character("1")
        for index in 0..<samples {
            let app = apps[index % apps.count]
            next.time { press(app, .character("n")) }
            guard app.message?.kind == .success else {
                refused.append(app.message?.text ?? "no message")
                continue
            }
            outcome.time { press(app, noAnswer) }
            if app.message?.kind != .success { refused.append(app.message?.text ?? "no message") }
        }
        report("next prospect (n: reserve, queue, card, header)", next)
        report("call outcome (\(noAnswer.label) no answer: record, queue, card, header)", outcome)
        if !refused.isEmpty { say("    \(refused.count) refused, first: \(refused[0])") }
        let store = OperatorStore(
            database: database, session: Self.telepro(0), calling: CallingSettings(), clock: { Self.now })
        // Taking the same prospect again: the reservation is this user's, the write the same.
        try parts(
            [("reserve write alone (CallQueue.reserveNext)", { _ = try store.perform(.takeNext) })], count: samples)
    }

    private func search(_ app: OperatorApp, _ typed: [CompanyGenerator.Sample]) {
        var kinds: [(label: String, times: Latencies)] = [
            ("search keystroke, name prefix (1-6 letters)", Latencies()),
            ("search keystroke, city (1-10 letters)", Latencies()),
            ("search keystroke, phone digits (04 72 12 3…)", Latencies()),
            ("search keystroke, SIREN digits (1-9)", Latencies()),
        ]
        var reopen = Latencies()
        var erase = Latencies()
        var close = Latencies()
        var sirenFound = 0
        for sample in typed {
            let phone = sample.phone.map { phone in
                stride(from: 0, to: phone.count, by: 2).map {
                    String(Array(phone)[$0..<min($0 + 2, phone.count)])
                }.joined(separator: " ")
            }
            let queries = [
                String(sample.nameWords[0].lowercased().prefix(6)), String(sample.city.lowercased().prefix(10)),
                phone ?? "", Siren.pad(sample.siren, 9),
            ]
            for (kind, query) in queries.enumerated() where !query.isEmpty {
                reopen.time { press(app, .character("/")) }
                // `/` opens on the last search: cleared as a person would.
                while case .search(let text) = app.prompt, !text.isEmpty { erase.time { press(app, .backspace) } }
                for character in query { kinds[kind].times.time { press(app, .character(character)) } }
                if kind == 3, app.viewRows.first?.siren == sample.siren { sirenFound += 1 }
                close.time { press(app, .escape) }
            }
        }
        var all = Latencies()
        for kind in kinds {
            report(kind.label, kind.times)
            all.append(kind.times)
        }
        report("search keystroke, all of the above", all)
        say("    the typed SIREN's company listed first: \(sirenFound) of \(typed.count)")
        report("/ (opens on the last search, searches it again)", reopen)
        report("Backspace in the search line", erase)
        report("Esc (back to the queue: queue, card, header)", close)
    }

    private func moveDown(_ app: OperatorApp) {
        var move = Latencies()
        var down = true
        for _ in 0..<samples {
            if app.selection >= app.rowCount - 1 { down = false }
            if app.selection == 0 { down = true }
            move.time { press(app, .character(down ? "j" : "k")) }
        }
        report("j/k down the queue (card of each prospect)", move)
    }

    // MARK: - Printing

    private func report(_ label: String, _ times: Latencies, target: Bool = true) {
        let p95 = times.percentile(0.95)
        let verdict = target ? "   target p95 < \(Int(Self.target)) ms: \(p95 < Self.target ? "ok" : "MISSED")" : ""
        say(
            String(
                format: "%@ %6d  %8.2f  %8.2f  %8.2f%@", label.padding(toLength: 62, withPad: " ", startingAt: 0),
                times.count, times.percentile(0.5), p95, times.max, verdict))
    }

    /// The parts of a step, each timed alone, indented under it.
    private func parts(_ steps: [(String, () throws -> Void)], count: Int) throws {
        for (label, body) in steps {
            var times = Latencies()
            for _ in 0..<count { try times.time(body) }
            report("  · " + label, times, target: false)
        }
    }

    /// A line of the report, flushed at once: a run in the background with its output in a file
    /// can be followed.
    private func say(_ line: String) {
        print(line)
        fflush(nil)
    }

    private static func describe(_ state: CardState) -> String {
        switch state {
        case .none: return "none"
        case .loading: return "still loading"
        case .loaded(let card): return "loaded (\(card.name))"
        case .missing: return "missing"
        }
    }

    private func seconds(since start: ContinuousClock.Instant) -> Double {
        Latencies.milliseconds(since: start) / 1000
    }
}
