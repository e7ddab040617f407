import Foundation
import GRDB

/// Builds the dashboard (`TeamReport`) from the database, one query per figure. Every query reads
/// a covering index of migration v8 (`Schema+Reports.swift`), so that the whole report over a
/// million companies and a million activities takes a few tens of milliseconds
/// (`filon-bench report`). The definitions are those of docs/METRICS.md; each method says its own.
///
/// Figures over the period count events with `period.start <= created_at < period.end`; figures
/// of how things stand (statuses, prospects without action, overdue follow-ups, alerts) are taken
/// at `now`. With `period.user`, the people's figures are that user's; the daemon's (detections,
/// enrichment, credits, the daemon's alerts, prospects without an owner) stay the whole base's.
public struct ReportBuilder: Sendable {
    public let period: ReportPeriod
    /// `untreated_days` for the untreated alert.
    public let calling: CallingSettings
    /// When the daemon is expected to run (`[daemon] schedule`).
    public let schedule: Schedule
    public let now: Date

    /// Examples of each alert kind the report carries.
    public static let exampleLimit = 5
    /// How late a pass may start before it is an alert: a pass that imports a monthly stock file
    /// takes minutes and pushes the next start back.
    public static let passMargin: TimeInterval = 30 * 60
    /// How far back the daemon's failed steps are looked for, at least: a step that failed and has
    /// not run since (a provider switched off) stops being an alert after a day.
    public static let failureLookBack: TimeInterval = 86_400

    public init(
        period: ReportPeriod, calling: CallingSettings = CallingSettings(), daemon: DaemonSettings = DaemonSettings(),
        now: Date = Date()
    ) {
        self.period = period
        self.calling = calling
        schedule = daemon.schedule
        self.now = now
    }

    /// The whole report. Call it inside one read (`writer.read`) so that every figure sees the same
    /// state of the base.
    ///
    /// - throws: `ReportError.unknownUser` when `period.user` is no CRM user's login.
    public func build(_ db: Database) throws -> TeamReport {
        let user = try userID(db)
        let calls = try callFigures(user: user, db)
        let detections = try detections(db)
        return TeamReport(
            period: period, generatedAt: Timestamp.string(now), detections: detections, calls: calls.total.calls,
            callsPerDay: try callsPerDay(user: user, db), emailsSent: calls.total.emailsSent,
            contactRate: calls.total.contactRate, conversionRate: calls.total.conversionRate,
            responseRate: try responseRate(user: user, db), talkSeconds: calls.total.talkSeconds,
            statuses: try statuses(owner: user, db), users: calls.users,
            withoutAction: try withoutAction(owner: user, db),
            overdueFollowUps: try overdueFollowUps(owner: user, db), enrichment: try enrichmentCoverage(db),
            credits: try credits(db), alerts: try alerts(owner: user, db),
            contactedWithoutNotice: try contactedWithoutNotice(user: user, db))
    }

    /// The alerts alone, for a header refreshed often: `TeamReport.alerts` of the same builder.
    ///
    /// - throws: `ReportError.unknownUser` when `period.user` is no CRM user's login.
    public func alerts(_ db: Database) throws -> ReportAlerts {
        try alerts(owner: try userID(db), db)
    }

    /// The id of `period.user`; nil for the whole team.
    func userID(_ db: Database) throws -> Int? {
        guard let login = period.user else { return nil }
        guard let id = try Int.fetchOne(db, sql: "SELECT id FROM user WHERE login = ?", arguments: [login]) else {
            throw ReportError.unknownUser(login)
        }
        return id
    }

    private var start: String { Timestamp.string(period.start) }
    private var end: String { Timestamp.string(period.end) }

    // MARK: - Detections

    /// Companies detected automatically: companies whose first run (`company.first_run_id`) is a
    /// daemon detection pass (`run.kind = 'pass'`) started in the period, per local day of that
    /// start and per source; and apart, the companies whose first run is a stock-file import
    /// (`run.kind` starting with `import`) started in the period. Companies deleted since (a
    /// department filter) are not counted.
    public func detections(_ db: Database) throws -> Detections {
        let passes = try Row.fetchAll(
            db,
            sql: "SELECT id, source, started_at FROM run WHERE kind = 'pass' AND started_at >= ? AND started_at < ?",
            arguments: [start, end])
        // Without runs, no look at the companies at all: after a first import their index may
        // not be built yet (`Schema.daemonIndexes`), and SQLite would read every company.
        let found =
            passes.isEmpty
            ? [:]
            : try Dictionary(
                uniqueKeysWithValues: Row.fetchAll(
                    db,
                    sql: """
                        SELECT first_run_id, COUNT(*) AS n FROM company
                        WHERE first_run_id IN (SELECT id FROM run WHERE kind = 'pass' AND started_at >= ? AND started_at < ?)
                        GROUP BY first_run_id
                        """, arguments: [start, end]
                ).map { ($0[0] as Int, $0[1] as Int) })
        var perDay: [CalendarDay: Int] = [:]
        var bySource: [String: Int] = [:]
        for pass in passes {
            guard let count = found[pass["id"]], let started = Timestamp.date(pass["started_at"]) else { continue }
            perDay[ReportPeriod.localDay(of: started), default: 0] += count
            bySource[pass["source"], default: 0] += count
        }
        let stockImports =
            try Int.fetchOne(
                db,
                sql:
                    "SELECT COUNT(*) FROM run WHERE substr(kind, 1, 6) = 'import' AND started_at >= ? AND started_at < ?",
                arguments: [start, end]) ?? 0
        let fromStock =
            stockImports == 0
            ? 0
            : try Int.fetchOne(
                db,
                sql: """
                    SELECT COUNT(*) FROM company WHERE first_run_id IN (
                      SELECT id FROM run WHERE substr(kind, 1, 6) = 'import' AND started_at >= ? AND started_at < ?)
                    """, arguments: [start, end]) ?? 0
        return Detections(
            total: found.values.reduce(0, +), perDay: series(perDay),
            bySource: bySource.map { SourceCount(source: $0.key, count: $0.value) }
                .sorted { ($0.count, $1.source) > ($1.count, $0.source) },
            fromStockFiles: fromStock)
    }

    // MARK: - Calls and emails

    /// 1 for a call that reached a person (VICIdial's "customer contact"), else 0.
    static let isContact = oneWhen(Disposition.allCases.filter(\.isContact))
    /// 1 for a call that reached the calling's goal (VICIdial's "sale"), else 0.
    static let isPositive = oneWhen(Disposition.allCases.filter(\.isPositive))

    /// `CASE disposition WHEN 'a' THEN 1 … ELSE 0 END`: evaluated for every call of the period,
    /// twice as fast as `disposition IN ('a', …)`, which looks each value up in a temporary table.
    static func oneWhen(_ dispositions: [Disposition]) -> String {
        "CASE disposition " + dispositions.map { "WHEN '\($0.rawValue)' THEN 1 " }.joined() + "ELSE 0 END"
    }

    /// Each user's work, and the team's totals. Users listed: every user holding the `telepro` or
    /// `commercial` role and active, and anyone who called or had an email sent in the period;
    /// with `period.user`, that user alone.
    ///
    /// - Calls: `activity` of kind `call` by the user in the period.
    /// - Contacts: those calls whose disposition reached a person (`Disposition.isContact`);
    ///   contact rate = contacts / calls.
    /// - Conversions: those calls ended `interested` (`Disposition.isPositive`); conversion rate =
    ///   conversions / contacts.
    /// - Talk time: the sum of the calls' `duration_seconds` (untimed calls add nothing).
    /// - Active hours: the clock hours with at least one of the user's calls (UTC hours, which
    ///   are Paris hours too: the offset is whole hours); calls per hour = calls / active hours.
    /// - Emails sent: `activity` of kind `email` with `new_value = 'sent'` (the outbox's line when
    ///   the server accepted the message) by the user in the period.
    ///
    /// The team's totals add every user's, and calls or emails without a user if there are any.
    public func callFigures(user: Int?, _ db: Database) throws -> (total: UserPerformance, users: [UserPerformance]) {
        let sql = """
            SELECT COUNT(*), TOTAL(\(Self.isContact)), TOTAL(\(Self.isPositive)), TOTAL(duration_seconds),
              COUNT(duration_seconds),
              COUNT(DISTINCT substr(created_at, 1, 13))
            FROM activity WHERE kind = 'call' AND user_id = ? AND created_at >= ? AND created_at < ?
            """
        let perUser = try db.cachedStatement(sql: sql)
        let nobody = try db.cachedStatement(sql: sql.replacingOccurrences(of: "user_id = ?", with: "user_id IS NULL"))
        let emails = try Dictionary(
            uniqueKeysWithValues: Row.fetchAll(
                db,
                sql: """
                    SELECT user_id, COUNT(*) FROM activity
                    WHERE kind = 'email' AND new_value = 'sent' AND created_at >= ? AND created_at < ?
                    GROUP BY user_id
                    """, arguments: [start, end]
            ).map { ($0[0] as Int? ?? -1, $0[1] as Int) })
        var users: [UserPerformance] = []
        var total = (calls: 0, hours: 0, contacts: 0, conversions: 0, talk: 0, timed: 0, emails: 0)
        func add(_ row: UserPerformance) {
            total.calls += row.calls
            total.hours += row.activeHours
            total.contacts += row.contactRate.part
            total.conversions += row.conversionRate.part
            total.talk += row.talkSeconds
            total.timed += row.timedCalls
            total.emails += row.emailsSent
        }
        func performance(
            _ statement: Statement, _ arguments: StatementArguments, login: String, name: String,
            role: String, active: Bool, emailsSent: Int
        ) throws -> UserPerformance {
            let row = try Row.fetchOne(statement, arguments: arguments)!
            return UserPerformance(
                login: login, name: name, role: role, active: active, calls: row[0], activeHours: row[5],
                contacts: Int(row[1] as Double), conversions: Int(row[2] as Double), talkSeconds: Int(row[3] as Double),
                timedCalls: row[4], emailsSent: emailsSent)
        }
        let people = try Row.fetchAll(
            db,
            sql: "SELECT id, login, name, role, active FROM user \(user == nil ? "" : "WHERE id = ?") ORDER BY login",
            arguments: user.map { [$0] } ?? [])
        for person in people {
            let id: Int = person["id"]
            let row = try performance(
                perUser, [id, start, end], login: person["login"], name: person["name"], role: person["role"],
                active: person["active"], emailsSent: emails[id] ?? 0)
            add(row)
            let isSeller = row.active && (row.role == "telepro" || row.role == "commercial")
            if isSeller || row.calls > 0 || row.emailsSent > 0 || user != nil { users.append(row) }
        }
        if user == nil {
            add(
                try performance(
                    nobody, [start, end], login: "", name: "", role: "", active: false, emailsSent: emails[-1] ?? 0))
        }
        let team = UserPerformance(
            login: period.user ?? "", name: "", role: "", active: true, calls: total.calls, activeHours: total.hours,
            contacts: total.contacts, conversions: total.conversions, talkSeconds: total.talk, timedCalls: total.timed,
            emailsSent: total.emails)
        return (team, users)
    }

    /// Calls per local day of the period (`activity` of kind `call`, by `period.user` if set),
    /// every day in order, zeros included.
    public func callsPerDay(user: Int?, _ db: Database) throws -> [DayCount] {
        let statement = try db.cachedStatement(
            sql: """
                SELECT COUNT(*) FROM activity WHERE kind = 'call' AND created_at >= ? AND created_at < ?
                \(user == nil ? "" : "AND user_id = ?")
                """)
        return try period.days.map { day in
            var arguments: StatementArguments = [
                Timestamp.string(ReportPeriod.startOfDay(day)), Timestamp.string(ReportPeriod.startOfDay(day + 1)),
            ]
            if let user { _ = arguments.append(contentsOf: [user]) }
            return DayCount(day: day.text, count: try Int.fetchOne(statement, arguments: arguments) ?? 0)
        }
    }

    /// Response rate: the prospects (distinct companies) reached by phone in the period — at least
    /// one call with a contact disposition — over the prospects called or emailed (a sent email)
    /// in the period; by `period.user` if set. Replies to emails are not in the database: an
    /// emailed prospect counts as responding once a call reaches them.
    public func responseRate(user: Int?, _ db: Database) throws -> Ratio {
        let mine = user == nil ? "" : "AND user_id = ?"
        var arguments: StatementArguments = [start, end]
        if let user { _ = arguments.append(contentsOf: [user]) }
        // Distinct companies counted here, not by SQLite: its GROUP BY sorts every call of the
        // period, three times slower than a set over the same rows (filon-bench report).
        var touched = Set<Int>()
        var reached = Set<Int>()
        let calls = try Row.fetchCursor(
            db,
            sql: """
                SELECT siren, \(Self.isContact) FROM activity
                WHERE kind = 'call' AND created_at >= ? AND created_at < ? \(mine)
                """, arguments: arguments)
        while let row = try calls.next() {
            let siren: Int = row[0]
            touched.insert(siren)
            if row[1] as Bool { reached.insert(siren) }
        }
        let emailed = try Int.fetchCursor(
            db,
            sql: """
                SELECT siren FROM activity INDEXED BY activity_email_sent
                WHERE kind = 'email' AND new_value = 'sent' AND created_at >= ? AND created_at < ? \(mine)
                """, arguments: arguments)
        while let siren = try emailed.next() { touched.insert(siren) }
        return Ratio(part: reached.count, whole: touched.count)
    }

    /// Prospects contacted without the article 14 notice (RGPD R3; should be 0): the distinct
    /// companies with a call that reached a person (`Disposition.isContact`) or a sent email in
    /// the period, by `period.user` if set, that have no `privacy_notice` row at or before the
    /// first of those contacts in the period. An email sent with the notice's link informs at
    /// the moment it is sent, so it never counts.
    public func contactedWithoutNotice(user: Int?, _ db: Database) throws -> Int {
        let mine = user == nil ? "" : "AND user_id = ?"
        var arguments: StatementArguments = [start, end]
        if let user { _ = arguments.append(contentsOf: [user]) }
        // The first contact of each company, gathered here as responseRate does: the same indexes.
        var first: [Int: String] = [:]
        func note(_ siren: Int, _ at: String) {
            if let known = first[siren], known <= at { return }
            first[siren] = at
        }
        let calls = try Row.fetchCursor(
            db,
            sql: """
                SELECT siren, created_at FROM activity
                WHERE kind = 'call' AND created_at >= ? AND created_at < ? \(mine) AND \(Self.isContact) = 1
                """, arguments: arguments)
        while let row = try calls.next() { note(row[0], row[1]) }
        let emails = try Row.fetchCursor(
            db,
            sql: """
                SELECT siren, created_at FROM activity INDEXED BY activity_email_sent
                WHERE kind = 'email' AND new_value = 'sent' AND created_at >= ? AND created_at < ? \(mine)
                """, arguments: arguments)
        while let row = try emails.next() { note(row[0], row[1]) }
        let informed = try db.cachedStatement(
            sql: "SELECT EXISTS (SELECT 1 FROM privacy_notice WHERE siren = ? AND notified_at <= ?)")
        var count = 0
        for (siren, at) in first where !(try Bool.fetchOne(informed, arguments: [siren, at]) ?? false) { count += 1 }
        return count
    }

    // MARK: - How things stand

    /// Live prospects per pipeline status at `now`: `prospect` rows not archived, by
    /// `pipeline_status`, owned by `period.user` if set. Companies never scored have no prospect
    /// row and are not counted: they are the registry, not the pipeline.
    public func statuses(owner: Int?, _ db: Database) throws -> [StatusCount] {
        // Owner by owner: each count then follows the index's order, where one grouping of all
        // the prospects would sort a million rows.
        let owners = try owner.map { [$0] } ?? Int.fetchAll(db, sql: "SELECT id FROM user")
        let byOwner = try db.cachedStatement(
            sql: """
                SELECT pipeline_status, COUNT(*) FROM prospect WHERE owner_id = ? AND archived_at IS NULL
                GROUP BY pipeline_status
                """)
        var counts: [String: Int] = [:]
        func add(_ rows: [Row]) {
            for row in rows { counts[row[0], default: 0] += row[1] as Int }
        }
        for id in owners { add(try Row.fetchAll(byOwner, arguments: [id])) }
        if owner == nil {
            add(
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT pipeline_status, COUNT(*) FROM prospect WHERE owner_id IS NULL AND archived_at IS NULL
                        GROUP BY pipeline_status
                        """))
        }
        return PipelineStatus.allCases.map { StatusCount(status: $0, count: counts[$0.rawValue] ?? 0) }
    }

    /// The prospects FollowUpWatch watches: assigned, still open, not archived nor "ne plus
    /// contacter", and no activity of a person (`user_id` set) since the assignment. The same
    /// words as the partial index `prospect_unworked`, which the queries name (`INDEXED BY`): with
    /// an owner, SQLite would rather read `prospect_live` and every row it points to, and a
    /// mismatch with the index's words becomes an error instead of a slow report.
    static let unworked = """
        assigned_at IS NOT NULL AND archived_at IS NULL AND do_not_contact = 0
          AND pipeline_status IN ('nouveau', 'a_contacter', 'contacte', 'interesse', 'a_relancer')
          AND (last_action_at IS NULL OR last_action_at < assigned_at)
        """

    /// Prospects without action at `now`: prospects with an owner, assigned, still open, not
    /// archived nor "ne plus contacter", with no activity of a person since their assignment;
    /// `period.user`'s if set. The untreated alert is the part assigned `untreated_days` ago.
    public func withoutAction(owner: Int?, _ db: Database) throws -> Int {
        try Int.fetchOne(
            db,
            sql: """
                SELECT COUNT(*) FROM prospect INDEXED BY prospect_unworked
                WHERE \(Self.unworked) AND owner_id \(owner == nil ? "IS NOT NULL" : "= ?")
                """,
            arguments: owner.map { [$0] } ?? []) ?? 0
    }

    /// Overdue follow-ups at `now`: follow-ups (callbacks included) not done and due at `now` or
    /// before, whoever holds them, or `period.user`'s if set.
    public func overdueFollowUps(owner: Int?, _ db: Database) throws -> Int {
        var arguments: StatementArguments = [Timestamp.string(now)]
        if let owner { _ = arguments.append(contentsOf: [owner]) }
        return try Int.fetchOne(
            db,
            sql:
                "SELECT COUNT(*) FROM follow_up f WHERE done_at IS NULL AND due_at <= ? AND \(FollowUpWatch.liveFollowUp) "
                + (owner == nil ? "" : "AND owner_id = ?"),
            arguments: arguments) ?? 0
    }

    // MARK: - Enrichment and credits

    /// Enrichment coverage: of the companies detected automatically in the period (as in
    /// `detections`), those with an `enrichment_state` row, a `phone` contact point, an `email`
    /// contact point, and a settled web verdict (`web_presence.digital_maturity` set).
    public func enrichmentCoverage(_ db: Database) throws -> EnrichmentCoverage {
        let passes =
            try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM run WHERE kind = 'pass' AND started_at >= ? AND started_at < ?",
                arguments: [start, end]) ?? 0
        guard passes > 0 else {
            return EnrichmentCoverage(companies: 0, enriched: 0, withPhone: 0, withEmail: 0, withWebVerdict: 0)
        }
        let row = try Row.fetchOne(
            db,
            sql: """
                SELECT COUNT(*),
                  TOTAL(EXISTS (SELECT 1 FROM enrichment_state e WHERE e.siren = c.siren)),
                  TOTAL(EXISTS (SELECT 1 FROM contact_point t WHERE t.siren = c.siren AND t.kind = 'phone')),
                  TOTAL(EXISTS (SELECT 1 FROM contact_point t WHERE t.siren = c.siren AND t.kind = 'email')),
                  TOTAL(EXISTS (SELECT 1 FROM web_presence w WHERE w.siren = c.siren AND w.digital_maturity IS NOT NULL))
                FROM (
                  SELECT siren FROM company
                  WHERE first_run_id IN (SELECT id FROM run WHERE kind = 'pass' AND started_at >= ? AND started_at < ?)
                  -- In SIREN order, the look-ups into the other tables walk their pages in order
                  -- instead of jumping around: four times faster (filon-bench report).
                  ORDER BY siren) c
                """, arguments: [start, end])!
        return EnrichmentCoverage(
            companies: row[0], enriched: Int(row[1] as Double), withPhone: Int(row[2] as Double),
            withEmail: Int(row[3] as Double), withWebVerdict: Int(row[4] as Double))
    }

    /// Credits spent: `provider_spend` of the days from `since` to `until` (the spend is kept per
    /// UTC day, so a day's spend between 00:00 and 01:00 or 02:00 in Paris counts on the day
    /// before), requests and credits added up per provider; providers with neither are left out.
    public func credits(_ db: Database) throws -> [ProviderCredits] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT provider, SUM(requests), SUM(credits) FROM provider_spend WHERE day >= ? AND day <= ?
                GROUP BY provider HAVING SUM(requests) > 0 OR SUM(credits) > 0 ORDER BY provider
                """, arguments: [period.since.text, period.until.text]
        ).map { ProviderCredits(provider: $0[0], requests: $0[1], credits: $0[2]) }
    }

    // MARK: - Alerts

    /// The daemon's runs that mark a pass: only `filond run` writes them (`filond enrich` writes
    /// `enrich` runs and `filond import sirene` `import …` runs by hand).
    static let passKinds = "'pass', 'score', 'assign'"
    /// Every kind of run a step of the pass writes.
    static let stepKinds = "'pass', 'enrich', 'score', 'assign', 'index', 'send'"

    func alerts(owner: Int?, _ db: Database) throws -> ReportAlerts {
        let untreatedBefore = Timestamp.string(now.addingTimeInterval(-Double(calling.untreatedDays) * 86_400))
        let mine = owner == nil ? "" : "AND p.owner_id = ?"
        var arguments: StatementArguments = [untreatedBefore]
        if let owner { _ = arguments.append(contentsOf: [owner]) }
        let untreated =
            try Int.fetchOne(
                db,
                sql: """
                    SELECT COUNT(*) FROM prospect p INDEXED BY prospect_unworked
                    WHERE \(Self.unworked) AND assigned_at <= ? \(mine)
                    """,
                arguments: arguments) ?? 0
        let untreatedExamples = try Row.fetchAll(
            db,
            sql: """
                SELECT p.siren, u.login, p.assigned_at FROM prospect p INDEXED BY prospect_unworked
                JOIN user u ON u.id = p.owner_id WHERE \(Self.unworked) AND assigned_at <= ? \(mine) ORDER BY p.assigned_at, p.siren LIMIT \(Self.exampleLimit)
                """, arguments: arguments
        ).map {
            Alert(
                kind: .untreated, siren: $0["siren"], owner: $0["login"],
                detail: "assigned \($0["assigned_at"] as String), no action for \(calling.untreatedDays) days")
        }
        arguments = [Timestamp.string(now)]
        if let owner { _ = arguments.append(contentsOf: [owner]) }
        let overdueExamples = try Row.fetchAll(
            db,
            sql: """
                SELECT f.siren, u.login, f.due_at FROM follow_up f LEFT JOIN user u ON u.id = f.owner_id
                WHERE f.done_at IS NULL AND f.due_at <= ? AND \(FollowUpWatch.liveFollowUp)
                  \(owner == nil ? "" : "AND f.owner_id = ?")
                ORDER BY f.due_at, f.id LIMIT \(Self.exampleLimit)
                """, arguments: arguments
        ).map {
            Alert(
                kind: .overdueFollowUp, siren: $0["siren"], owner: $0["login"], detail: "due \($0["due_at"] as String)")
        }
        let (lastPass, overdue) = try passLateness(db)
        return ReportAlerts(
            untreated: untreated, overdueFollowUps: try overdueFollowUps(owner: owner, db),
            withoutOwner: try withoutOwner(db), failedSteps: try failedSteps(db), schedule: schedule.description,
            lastPassAt: lastPass, passOverdue: overdue, examples: untreatedExamples + overdueExamples)
    }

    /// Prospects without an owner: those `AssignmentEngine.assignUnowned` would (re)assign — routed
    /// to `sales` or `telemarketing`, not archived nor "ne plus contacter", company active, status
    /// open — and whose owner is missing, disabled, absent at `now`, or of another role than the
    /// route's (`sales` → `commercial`, `telemarketing` → `telepro`). The whole base's.
    public func withoutOwner(_ db: Database) throws -> Int {
        func count(owner: String, routes: [String], _ arguments: StatementArguments = []) throws -> Int {
            guard !routes.isEmpty else { return 0 }
            return try Int.fetchOne(
                db,
                sql: """
                    SELECT COUNT(*) FROM prospect p JOIN company c ON c.siren = p.siren
                    WHERE \(owner) AND p.archived_at IS NULL
                      AND p.pipeline_status IN ('nouveau', 'a_contacter', 'contacte', 'interesse', 'a_relancer')
                      AND p.route IN (\(Self.sqlList(routes))) AND p.do_not_contact = 0 AND c.state = 'A'
                    """, arguments: arguments) ?? 0
        }
        var total = try count(owner: "p.owner_id IS NULL", routes: ["sales", "telemarketing"])
        let stamp = Timestamp.string(now)
        for user in try Row.fetchAll(db, sql: "SELECT id, role, active, absent_until FROM user") {
            let absentUntil: String? = user["absent_until"]
            let available = (user["active"] as Bool) && (absentUntil.map { $0 <= stamp } ?? true)
            // The routes this user may not hold: all of them when unavailable.
            let routes = ["sales", "telemarketing"].filter {
                !available || AssignmentEngine.role(for: $0) != (user["role"] as String)
            }
            total += try count(owner: "p.owner_id = ?", routes: routes, [user["id"] as Int])
        }
        return total
    }

    /// The daemon's steps whose newest run, among those started in the last day (or the last
    /// interval of the schedule and its margin, if longer), failed; newest first.
    public func failedSteps(_ db: Database) throws -> [FailedStep] {
        let since = now.addingTimeInterval(-max(Self.failureLookBack, interval + Self.passMargin))
        var seen = Set<String>()
        var failed: [FailedStep] = []
        for run in try Row.fetchAll(
            db,
            sql: """
                SELECT id, source, kind, started_at, status, message FROM run
                WHERE started_at >= ? AND kind IN (\(Self.stepKinds)) ORDER BY started_at DESC, id DESC
                """, arguments: [Timestamp.string(since)])
        {
            let step = (run["source"] as String) + " " + (run["kind"] as String)
            guard seen.insert(step).inserted, (run["status"] as String) == RunRecord.Status.failed.rawValue else {
                continue
            }
            failed.append(
                FailedStep(
                    run: run["id"], source: run["source"], kind: run["kind"], startedAt: run["started_at"],
                    message: run["message"]))
        }
        return failed
    }

    /// The schedule's interval: N minutes, or a day for a daily pass.
    var interval: TimeInterval {
        switch schedule {
        case .every(let minutes): return Double(minutes) * 60
        case .daily: return 86_400
        }
    }

    /// When the newest pass started (its first run of a kind only passes write), and whether that
    /// is longer ago than the schedule's interval plus `passMargin` (always, with no pass at all).
    func passLateness(_ db: Database) throws -> (lastPass: String?, overdue: Bool) {
        guard
            let last = try String.fetchOne(
                db,
                sql: "SELECT started_at FROM run WHERE kind IN (\(Self.passKinds)) ORDER BY started_at DESC LIMIT 1")
        else { return (nil, true) }
        guard let started = Timestamp.date(last) else { return (last, true) }
        return (last, now.timeIntervalSince(started) > interval + Self.passMargin)
    }

    /// Whether the companies' index by first run is missing: a first import into an empty table
    /// leaves it to the daemon's next pass (`Schema.daemonIndexes`). Meanwhile the counts of
    /// companies by run read the whole table, which takes seconds for millions of companies.
    public static func lacksCompanyIndex(_ db: Database) throws -> Bool {
        try
            !(Bool.fetchOne(
                db,
                sql: "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = 'company_first_run')")
            ?? false)
    }

    // MARK: - Helpers

    /// Every day of the period with its count, zeros included.
    private func series(_ counts: [CalendarDay: Int]) -> [DayCount] {
        period.days.map { DayCount(day: $0.text, count: counts[$0] ?? 0) }
    }

    /// `'a', 'b'` for an SQL `IN`; the values are this program's own constants.
    static func sqlList(_ values: [String]) -> String {
        values.map { "'\($0)'" }.joined(separator: ", ")
    }
}
