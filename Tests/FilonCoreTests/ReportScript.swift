import FilonCore
import Foundation
import GRDB

/// A scripted week of a small team, written into an in-memory database, and every dashboard
/// figure worked out from the script itself in Swift (never with the builder's SQL), so that the
/// report can be checked against figures computed independently.
///
/// The clock is Tuesday 2026-12-01 09:30 UTC (10:30 in Paris); the period is 2026-11-25 to
/// 2026-12-01. Some events sit on purpose around the period's edges in Paris time.
struct ReportScript {
    struct User {
        var id: Int
        var login: String
        var role: String
        var active = true
        var absentUntil: String?
    }

    struct Run {
        var id: Int
        var source: String
        var kind: String
        var startedAt: String
        var status = "ok"
        var message: String?
    }

    struct Company {
        var siren: Int
        var run: Int
        var state = "A"
    }

    struct Prospect {
        var siren: Int
        var owner: Int?
        var status: PipelineStatus
        var route: String?
        var assignedAt: String?
        var archived = false
        var doNotContact = false
    }

    struct Activity {
        var siren: Int
        var user: Int?
        var kind: String
        var disposition: Disposition?
        var newValue: String?
        var seconds: Int?
        var at: String
    }

    struct FollowUp {
        var siren: Int
        var owner: Int?
        var due: String
        var done: String?
    }

    struct Spend {
        var provider: String
        var day: String
        var requests: Int
        var credits: Int
    }

    static let now = Date(timeIntervalSince1970: 1_796_117_400)  // 2026-12-01T09:30:00Z
    static let since = "2026-11-25"
    static let until = "2026-12-01"

    var users = [
        User(id: 1, login: "ada", role: "admin"),
        User(id: 2, login: "tina", role: "telepro"),
        User(id: 3, login: "theo", role: "telepro"),
        User(id: 4, login: "carla", role: "commercial"),
        User(id: 5, login: "olga", role: "telepro", active: false),
        User(id: 6, login: "abe", role: "telepro", absentUntil: "2026-12-05T08:00:00Z"),
    ]

    var runs = [
        // The first stock load, before the period, and a monthly stock file within it.
        Run(id: 1, source: "sirene_stock", kind: "import legal_units", startedAt: "2026-11-20T08:00:00Z"),
        Run(id: 2, source: "sirene_stock", kind: "import legal_units", startedAt: "2026-11-26T08:00:00Z"),
        // 23:30 in Paris on 30 November.
        Run(id: 3, source: "sirene_api", kind: "pass", startedAt: "2026-11-30T22:30:00Z"),
        // 00:10 in Paris on 1 December.
        Run(id: 4, source: "bodacc", kind: "pass", startedAt: "2026-11-30T23:10:00Z"),
        // A second before the period starts in Paris, then the period's first second.
        Run(id: 5, source: "sirene_api", kind: "pass", startedAt: "2026-11-24T22:59:59Z"),
        Run(id: 6, source: "sirene_api", kind: "pass", startedAt: "2026-11-24T23:00:00Z"),
        // The decision steps of the last pass, and enrichment: Pappers' latest run failed, Nominatim's
        // failed once but worked since.
        Run(id: 7, source: "scoring", kind: "score", startedAt: "2026-12-01T08:05:00Z"),
        Run(id: 8, source: "assignment", kind: "assign", startedAt: "2026-12-01T08:06:00Z"),
        Run(
            id: 9, source: "pappers", kind: "enrich", startedAt: "2026-12-01T08:04:00Z", status: "failed",
            message: "HTTP 401: the key was refused"),
        Run(id: 10, source: "pappers", kind: "enrich", startedAt: "2026-11-30T08:04:00Z"),
        Run(id: 11, source: "nominatim", kind: "enrich", startedAt: "2026-11-30T07:00:00Z", status: "failed"),
        Run(id: 12, source: "nominatim", kind: "enrich", startedAt: "2026-12-01T08:03:00Z"),
    ]

    var companies: [Company] =
        [
            // Detected: 3 by sirene_api late on 30 Nov, 1 by BODACC just after midnight, 1 before the
            // period, 2 on its first second.
            Company(siren: 101, run: 3), Company(siren: 102, run: 3), Company(siren: 103, run: 3),
            Company(siren: 104, run: 4), Company(siren: 105, run: 5), Company(siren: 106, run: 6),
            Company(siren: 107, run: 6),
            // From the monthly stock file.
            Company(siren: 201, run: 2), Company(siren: 202, run: 2),
        ] + (1...15).map { Company(siren: $0, run: 1, state: $0 == 11 ? "C" : "A") }

    var prospects: [Prospect] = [
        Prospect(siren: 1, owner: 2, status: .nouveau, route: "telemarketing", assignedAt: "2026-11-20T10:00:00Z"),
        Prospect(siren: 2, owner: 2, status: .aContacter, route: "telemarketing", assignedAt: "2026-11-20T10:00:00Z"),
        Prospect(siren: 3, owner: 2, status: .nouveau, route: "telemarketing", assignedAt: "2026-11-30T08:00:00Z"),
        Prospect(siren: 4, owner: 3, status: .contacte, route: "telemarketing", assignedAt: "2026-11-20T10:00:00Z"),
        Prospect(
            siren: 5, owner: 3, status: .interesse, route: "telemarketing", assignedAt: "2026-11-27T10:00:00Z",
            archived: true),
        Prospect(siren: 6, owner: 3, status: .perdu, route: "telemarketing", assignedAt: "2026-11-20T10:00:00Z"),
        // Owner disabled; owner of the wrong role; nobody; not routed; ceased; owner absent; an admin.
        Prospect(siren: 7, owner: 5, status: .nouveau, route: "telemarketing", assignedAt: "2026-11-20T10:00:00Z"),
        Prospect(siren: 8, owner: 4, status: .nouveau, route: "telemarketing", assignedAt: "2026-11-28T10:00:00Z"),
        Prospect(siren: 9, owner: nil, status: .nouveau, route: "sales"),
        Prospect(siren: 10, owner: nil, status: .nouveau, route: "none"),
        Prospect(siren: 11, owner: nil, status: .nouveau, route: "sales"),
        Prospect(siren: 12, owner: 6, status: .aRelancer, route: "telemarketing", assignedAt: "2026-11-20T10:00:00Z"),
        Prospect(
            siren: 13, owner: 2, status: .perdu, route: "telemarketing", assignedAt: "2026-11-20T10:00:00Z",
            doNotContact: true),
        Prospect(siren: 14, owner: 1, status: .nouveau, route: "sales", assignedAt: "2026-11-29T10:00:00Z"),
        Prospect(siren: 15, owner: 4, status: .client, route: "sales", assignedAt: "2026-11-20T10:00:00Z"),
    ]

    var activities: [Activity] = [
        // Before the period (23:00 in Paris on 24 November).
        Activity(siren: 2, user: 2, kind: "call", disposition: .voicemail, seconds: 25, at: "2026-11-24T22:00:00Z"),
        Activity(siren: 2, user: 2, kind: "call", disposition: .noAnswer, seconds: 20, at: "2026-11-25T09:00:00Z"),
        Activity(siren: 2, user: 2, kind: "call", disposition: .contact, seconds: 120, at: "2026-11-26T09:10:00Z"),
        Activity(siren: 2, user: 2, kind: "call", disposition: .interested, seconds: 300, at: "2026-11-26T09:40:00Z"),
        Activity(siren: 13, user: 2, kind: "call", disposition: .doNotCall, seconds: 15, at: "2026-11-27T14:00:00Z"),
        Activity(siren: 4, user: 3, kind: "call", disposition: .busy, seconds: nil, at: "2026-11-28T10:00:00Z"),
        Activity(siren: 6, user: 3, kind: "call", disposition: .notInterested, seconds: 90, at: "2026-11-29T15:00:00Z"),
        // 00:30 in Paris on 1 December.
        Activity(siren: 4, user: 3, kind: "call", disposition: .callback, seconds: 200, at: "2026-11-30T23:30:00Z"),
        Activity(siren: 4, user: 3, kind: "note", at: "2026-11-26T08:00:00Z"),
        Activity(siren: 2, user: 2, kind: "email", newValue: "queued", at: "2026-11-27T09:59:00Z"),
        Activity(siren: 2, user: 2, kind: "email", newValue: "sent", at: "2026-11-27T10:00:00Z"),
        Activity(siren: 6, user: 3, kind: "email", newValue: "sent", at: "2026-11-29T16:00:00Z"),
        Activity(siren: 9, user: 1, kind: "email", newValue: "sent", at: "2026-11-28T10:00:00Z"),
        Activity(siren: 6, user: 3, kind: "email", newValue: "failed", at: "2026-11-29T17:00:00Z"),
        // The daemon's lines carry no user: they are no one's action.
        Activity(siren: 1, user: nil, kind: "assignment", newValue: "tina", at: "2026-11-20T10:00:00Z"),
        Activity(siren: 3, user: nil, kind: "follow_up", newValue: "shared", at: "2026-11-30T09:00:00Z"),
    ]

    var followUps = [
        FollowUp(siren: 2, owner: 2, due: "2026-11-30T09:00:00Z"),
        FollowUp(siren: 4, owner: 3, due: "2026-12-02T09:00:00Z"),
        FollowUp(siren: 6, owner: 3, due: "2026-11-28T09:00:00Z", done: "2026-11-28T09:30:00Z"),
        FollowUp(siren: 9, owner: nil, due: "2026-12-01T09:00:00Z"),
    ]

    /// Enrichment of the detected companies: enriched, with a phone, an email, a web verdict.
    var enriched = [101, 102, 106]
    var phones = [101, 104, 105]
    var emails = [102]
    var webVerdicts = [101]
    /// A web-presence row without a settled verdict.
    var unsettledWeb = [103]

    var spend = [
        Spend(provider: "pappers", day: "2026-11-30", requests: 10, credits: 12),
        Spend(provider: "pappers", day: "2026-11-20", requests: 5, credits: 5),
        Spend(provider: "google_places", day: "2026-12-01", requests: 3, credits: 3),
        Spend(provider: "nominatim", day: "2026-11-29", requests: 40, credits: 0),
        Spend(provider: "overpass", day: "2026-11-29", requests: 0, credits: 0),
    ]

    // MARK: - Writing it

    func write(_ db: Database) throws {
        for u in users {
            try db.execute(
                sql: """
                    INSERT INTO user (id, login, name, role, active, absent_until, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, '2026-01-01T00:00:00Z')
                    """, arguments: [u.id, u.login, u.login.capitalized, u.role, u.active, u.absentUntil])
        }
        for r in runs {
            try db.execute(
                sql:
                    "INSERT INTO run (id, source, kind, started_at, finished_at, status, message) VALUES (?, ?, ?, ?, ?, ?, ?)",
                arguments: [r.id, r.source, r.kind, r.startedAt, r.startedAt, r.status, r.message])
        }
        for c in companies {
            try db.execute(
                sql: """
                    INSERT INTO company (siren, denomination, state, first_run_id, last_run_id, row_hash)
                    VALUES (?, ?, ?, ?, ?, 1)
                    """, arguments: [c.siren, "SOCIETE \(c.siren)", c.state, c.run, c.run])
        }
        for p in prospects {
            try db.execute(
                sql: """
                    INSERT INTO prospect (siren, pipeline_status, route, owner_id, assigned_at, archived_at,
                      do_not_contact, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, '2026-11-19T00:00:00Z', '2026-11-19T00:00:00Z')
                    """,
                arguments: [
                    p.siren, p.status.rawValue, p.route, p.owner, p.assignedAt,
                    p.archived ? "2026-11-29T00:00:00Z" : nil, p.doNotContact,
                ])
        }
        for a in activities {
            try db.execute(
                sql: """
                    INSERT INTO activity (siren, user_id, kind, disposition, new_value, duration_seconds, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [a.siren, a.user, a.kind, a.disposition?.rawValue, a.newValue, a.seconds, a.at])
        }
        for f in followUps {
            try db.execute(
                sql: "INSERT INTO follow_up (siren, owner_id, due_at, created_at, done_at) VALUES (?, ?, ?, 'x', ?)",
                arguments: [f.siren, f.owner, f.due, f.done])
        }
        for siren in enriched {
            try db.execute(
                sql: "INSERT INTO enrichment_state (siren, run_id, enriched_at) VALUES (?, 12, 'x')", arguments: [siren]
            )
        }
        for siren in phones {
            try db.execute(
                sql: """
                    INSERT INTO contact_point (siren, kind, value, normalized, source, retrieved_at)
                    VALUES (?, 'phone', '0102030405', '+33102030405', 'google_places', 'x')
                    """, arguments: [siren])
        }
        for siren in emails {
            try db.execute(
                sql: """
                    INSERT INTO contact_point (siren, kind, value, normalized, source, retrieved_at)
                    VALUES (?, 'email', 'a@b.fr', 'a@b.fr', 'dropcontact', 'x')
                    """, arguments: [siren])
        }
        for siren in webVerdicts {
            try db.execute(
                sql: """
                    INSERT INTO web_presence (siren, website_verdict, digital_maturity, updated_at)
                    VALUES (?, 'no website', 0, 'x')
                    """, arguments: [siren])
        }
        for siren in unsettledWeb {
            try db.execute(
                sql:
                    "INSERT INTO web_presence (siren, website, website_verdict, updated_at) VALUES (?, 'x.fr', 'website not audited yet', 'x')",
                arguments: [siren])
        }
        for s in spend {
            try db.execute(
                sql: "INSERT INTO provider_spend (provider, day, requests, credits) VALUES (?, ?, ?, ?)",
                arguments: [s.provider, s.day, s.requests, s.credits])
        }
    }

    // MARK: - The figures, from the script

    /// Paris's local day of a stored timestamp, by Foundation's calendar (not the report's code).
    static func localDay(_ stamp: String) -> String {
        let formatter = ISO8601DateFormatter()
        let date = formatter.date(from: stamp)!
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Paris")!
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
    }

    static func inPeriod(_ stamp: String) -> Bool {
        let day = localDay(stamp)
        return day >= since && day <= until
    }

    /// The period's days, one after the other.
    static var days: [String] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd"
        formatter.timeZone = TimeZone(identifier: "UTC")
        var day = formatter.date(from: since)!
        var days: [String] = []
        while formatter.string(from: day) <= until {
            days.append(formatter.string(from: day))
            day = calendar.date(byAdding: .day, value: 1, to: day)!
        }
        return days
    }

    func detectedRuns() -> [Run] { runs.filter { $0.kind == "pass" && Self.inPeriod($0.startedAt) } }

    func detected() -> [Company] {
        let ids = Set(detectedRuns().map(\.id))
        return companies.filter { ids.contains($0.run) }
    }

    func detectionsPerDay() -> [String: Int] {
        var counts: [String: Int] = [:]
        for run in detectedRuns() {
            counts[Self.localDay(run.startedAt), default: 0] += companies.filter { $0.run == run.id }.count
        }
        return counts
    }

    func fromStock() -> Int {
        let ids = Set(runs.filter { $0.kind.hasPrefix("import") && Self.inPeriod($0.startedAt) }.map(\.id))
        return companies.filter { ids.contains($0.run) }.count
    }

    func calls(of user: Int? = nil) -> [Activity] {
        activities.filter { $0.kind == "call" && Self.inPeriod($0.at) && (user == nil || $0.user == user) }
    }

    func emailsSent(of user: Int? = nil) -> [Activity] {
        activities.filter {
            $0.kind == "email" && $0.newValue == "sent" && Self.inPeriod($0.at) && (user == nil || $0.user == user)
        }
    }

    func owner(_ siren: Int) -> Int? { prospects.first { $0.siren == siren }?.owner }

    func isOpen(_ p: Prospect) -> Bool { ![.client, .nonInteresse, .perdu].contains(p.status) }

    /// Nobody's action since the assignment: FollowUpWatch's rule, applied to the script.
    func unworked(owner: Int? = nil) -> [Prospect] {
        prospects.filter { p in
            guard let assigned = p.assignedAt, p.owner != nil, !p.archived, !p.doNotContact, isOpen(p) else {
                return false
            }
            if let owner, p.owner != owner { return false }
            return !activities.contains { $0.siren == p.siren && $0.user != nil && $0.at >= assigned }
        }
    }

    func untreated(owner: Int? = nil) -> [Prospect] {
        unworked(owner: owner).filter { $0.assignedAt! <= "2026-11-28T09:30:00Z" }
    }

    func overdue(owner: Int? = nil) -> [FollowUp] {
        followUps.filter { $0.done == nil && $0.due <= "2026-12-01T09:30:00Z" && (owner == nil || $0.owner == owner) }
    }

    /// What AssignmentEngine would give an owner, by its definition in words.
    func withoutOwner() -> [Prospect] {
        prospects.filter { p in
            guard let route = p.route, ["sales", "telemarketing"].contains(route), !p.archived, !p.doNotContact,
                isOpen(p), companies.first(where: { $0.siren == p.siren })?.state == "A"
            else { return false }
            guard let id = p.owner, let user = users.first(where: { $0.id == id }) else { return true }
            let absent = user.absentUntil.map { $0 > "2026-12-01T09:30:00Z" } ?? false
            let role = route == "sales" ? "commercial" : "telepro"
            return !user.active || absent || user.role != role
        }
    }
}
