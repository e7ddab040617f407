import FilonCore
import FilonTUI
import Foundation
import GRDB
import TestSupport

/// The CRM side of a generated registry, as weeks of work leave it: an admin and telemarketers,
/// a share of the companies scored, routed to telemarketing and assigned (each with the
/// assignment's journal line), some already called (recycled with their next call due or not,
/// or stopped), callbacks and follow-ups around `now` (overdue ones shared, as `FollowUpWatch`
/// does), a few "ne plus contacter", and the daemon's last assignment pass.
struct ProspectGenerator {
    /// Telemarketers (user ids 2 to users + 1; the admin is id 1).
    var users: Int
    /// The share of the companies that are assigned prospects, in percent.
    var percent: Int
    var seed: UInt64
    var now: Date

    static let adminID = 1
    static func telepro(_ index: Int) -> Int { 2 + index }

    /// What was generated, for the report.
    struct Summary {
        var prospects = 0
        var fresh = 0
        var recycled = 0
        var dueAgain = 0
        var stopped = 0
        var followUps = 0
        var dueToday = 0
        var activities = 0
    }

    func generate(into database: AppDatabase) throws -> Summary {
        var random = SplitMix64(seed: seed ^ 0xC0FF_EE00)
        func uniform(_ upper: Double) -> Double { Double(random.next() % 1_000_000) / 1_000_000 * upper }
        func stamp(_ date: Date) -> String { Timestamp.string(date) }
        let day = 86_400.0
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = LocalTime.timeZone
        let endOfDay = calendar.startOfDay(for: now).addingTimeInterval(day)
        var summary = Summary()
        try database.writer.write { db in
            let created = stamp(now.addingTimeInterval(-90 * day))
            try db.execute(
                sql: "INSERT INTO user (id, login, name, role, created_at) VALUES (?, 'admin', 'Admin', 'admin', ?)",
                arguments: [Self.adminID, created])
            for index in 0..<users {
                try db.execute(
                    sql: "INSERT INTO user (id, login, name, role, created_at) VALUES (?, ?, ?, 'telepro', ?)",
                    arguments: [Self.telepro(index), "telepro\(index + 1)", "Télépro \(index + 1)", created])
            }
            let sirens = try Int.fetchAll(db, sql: "SELECT siren FROM company ORDER BY siren")
            let prospect = try db.makeStatement(
                sql: """
                    INSERT INTO prospect (siren, pipeline_status, score, tier, route, route_reason, owner_id,
                      do_not_contact, created_at, updated_at, assigned_at, attempts, last_attempt_at, call_state,
                      next_call_at, scored_at)
                    VALUES (?, ?, ?, ?, 'telemarketing', 'bench', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            let activity = try db.makeStatement(
                sql: """
                    INSERT INTO activity (siren, user_id, kind, disposition, old_value, new_value, detail, created_at)
                    VALUES (?, ?, ?, ?, NULL, ?, ?, ?)
                    """)
            let followUp = try db.makeStatement(
                sql: """
                    INSERT INTO follow_up (siren, owner_id, due_at, shared, note, created_by, created_at, done_at)
                    VALUES (?, ?, ?, ?, 'rappeler le gérant', ?, ?, ?)
                    """)
            let dispositions = ["no_answer", "voicemail", "busy", "no_answer", "contact"]
            for siren in sirens where Int(random.next() % 100) < percent {
                let owner = Self.telepro(summary.prospects % max(users, 1))
                summary.prospects += 1
                let tierDraw = random.next() % 10
                let (tier, score) =
                    tierDraw < 1
                    ? ("A", 70 + Int(random.next() % 31))
                    : tierDraw < 4 ? ("B", 40 + Int(random.next() % 30)) : ("C", 10 + Int(random.next() % 30))
                let assigned = now.addingTimeInterval(-uniform(45 * day))
                let doNotContact = random.next() % 100 == 0
                var status = "nouveau"
                var state = "fresh"
                var attempts = 0
                var lastAttempt: Date?
                var next: Date?
                let path = random.next() % 100
                if path >= 55 {
                    attempts = 1 + Int(random.next() % 4)
                    lastAttempt = assigned.addingTimeInterval(uniform(now.timeIntervalSince(assigned)))
                    if path < 90 {
                        state = "recycle"
                        status = random.next() % 2 == 0 ? "contacte" : "a_relancer"
                        // From an hour to a week after the last call: some due now, some later.
                        next = lastAttempt!.addingTimeInterval(3600 + uniform(7 * day))
                        summary.recycled += 1
                        if next! <= now { summary.dueAgain += 1 }
                    } else {
                        state = "stopped"
                        status = ["non_interesse", "client", "interesse", "perdu"][Int(random.next() % 4)]
                        summary.stopped += 1
                    }
                } else {
                    summary.fresh += 1
                }
                let updated = lastAttempt ?? assigned
                try prospect.execute(arguments: [
                    siren, status, score, tier, owner, doNotContact, stamp(assigned.addingTimeInterval(-day)),
                    stamp(updated), stamp(assigned), attempts, lastAttempt.map(stamp), state, next.map(stamp),
                    stamp(assigned.addingTimeInterval(-day)),
                ])
                // The assignment pass journals each prospect it gives (no user: the daemon did it).
                try activity.execute(arguments: [
                    siren, nil, "assignment", nil, "telepro\(owner - 1)", "telemarketing: least loaded telepro",
                    stamp(assigned),
                ])
                summary.activities += 1
                if let lastAttempt {
                    for attempt in 0..<attempts {
                        let at =
                            attempt == attempts - 1
                            ? lastAttempt
                            : assigned.addingTimeInterval(
                                uniform(lastAttempt.timeIntervalSince(assigned)))
                        try activity.execute(arguments: [
                            siren, owner, "call", dispositions[Int(random.next() % UInt64(dispositions.count))],
                            status, "bench call", stamp(at),
                        ])
                        summary.activities += 1
                    }
                    // A callback or follow-up for one called prospect in 25 (a few hundred open
                    // per telepro): due from two days ago to ten days ahead; those overdue by more
                    // than a day are shared.
                    if random.next() % 25 == 0 {
                        let due = now.addingTimeInterval(-2 * day + uniform(12 * day))
                        let shared = due < now.addingTimeInterval(-day)
                        try followUp.execute(arguments: [
                            siren, owner, stamp(due), shared, owner, stamp(lastAttempt), nil,
                        ])
                        summary.followUps += 1
                        if due < endOfDay { summary.dueToday += 1 }
                    }
                    // Earlier callbacks, made since.
                    if random.next() % 5 == 0 {
                        try followUp.execute(arguments: [
                            siren, owner, stamp(lastAttempt), false, owner, stamp(assigned), stamp(lastAttempt),
                        ])
                    }
                }
            }
            try db.execute(
                sql: """
                    INSERT INTO run (source, kind, started_at, finished_at, status)
                    VALUES ('assignment', 'assign', ?, ?, 'ok')
                    """, arguments: [stamp(now.addingTimeInterval(-3600)), stamp(now.addingTimeInterval(-3540))])
        }
        return summary
    }
}
