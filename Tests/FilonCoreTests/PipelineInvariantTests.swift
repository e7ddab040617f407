import FilonCore
import Foundation
import GRDB
import Testing

/// Random sequences of new prospects, call outcomes, user changes, closures and manual
/// reassignments; after each step and the assignment round the daemon runs, the invariants hold:
/// every workable prospect has exactly one available owner of its route's role (or waits
/// because nobody of that role is available), and no queue serves a prospect it must not.
@Suite struct PipelineInvariantTests {
    /// A small deterministic generator: the same seed gives the same sequence on every machine.
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    let now = Date(timeIntervalSince1970: 1_796_117_400)  // Tuesday 2026-12-01, 10:30 in Paris

    @Test(arguments: [1, 7, 42])
    func invariantsHoldUnderRandomSequences(seed: Int) throws {
        let db = try AppDatabase.inMemory()
        var random = Generator(state: UInt64(seed))
        try db.writer.write { db in
            for (id, role) in [
                (1, "admin"), (2, "telepro"), (3, "telepro"), (4, "telepro"), (5, "commercial"), (6, "commercial"),
            ] {
                try db.execute(
                    sql: "INSERT INTO user (id, login, name, role, capacity, created_at) VALUES (?, ?, ?, ?, ?, 'x')",
                    arguments: [id, "user\(id)", "User \(id)", role, 20 + id * 10])
            }
        }
        var nextSiren = 1
        for step in 0..<250 {
            try db.writer.write { db in
                switch random.next(7) {
                case 0, 1:
                    for _ in 0..<(1 + random.next(5)) {
                        let route = ["sales", "telemarketing", "telemarketing", "none"][random.next(4)]
                        try db.execute(
                            sql:
                                "INSERT INTO company (siren, denomination, legal_form, state, row_hash) VALUES (?, 'X', ?, 'A', 1)",
                            arguments: [nextSiren, random.next(3) == 0 ? "1000" : "5710"])
                        try db.execute(
                            sql: """
                                INSERT INTO prospect (siren, route, tier, score, created_at, updated_at)
                                VALUES (?, ?, ?, ?, 'x', 'x')
                                """, arguments: [nextSiren, route, ["A", "B", "C"][random.next(3)], random.next(101)])
                        nextSiren += 1
                    }
                case 2:
                    let user = 2 + random.next(5)
                    let queue = CallQueue(policy: CallingPolicy(), now: now)
                    if let item = try queue.reserveNext(for: user, db) {
                        let outcome = Disposition.allCases[random.next(Disposition.allCases.count)]
                        try queue.record(
                            outcome, siren: item.siren, by: user,
                            followUp: outcome.needsFollowUpDate ? now.addingTimeInterval(86_400) : nil, db)
                    }
                case 3:
                    let user = 2 + random.next(5)
                    if random.next(2) == 0 {
                        _ = try AssignmentEngine(now: now).disable(userID: user, by: 1, db)
                    } else {
                        try db.execute(
                            sql: "UPDATE user SET active = 1, absent_until = NULL WHERE id = ?", arguments: [user])
                    }
                case 4:
                    try db.execute(
                        sql: "UPDATE user SET absent_until = '2030-01-01T00:00:00Z' WHERE id = ?",
                        arguments: [2 + random.next(5)])
                case 5:
                    if nextSiren > 1 {
                        try db.execute(
                            sql: "UPDATE company SET state = 'C' WHERE siren = ?",
                            arguments: [1 + random.next(nextSiren - 1)])
                    }
                default:
                    if nextSiren > 1 {
                        let siren = 1 + random.next(nextSiren - 1)
                        let route = try String.fetchOne(
                            db, sql: "SELECT route FROM prospect WHERE siren = ?", arguments: [siren])
                        let role = route.flatMap(AssignmentEngine.role(for:))
                        let target = try Int.fetchOne(
                            db,
                            sql: """
                                SELECT id FROM user WHERE role = ? AND active = 1 AND absent_until IS NULL
                                ORDER BY id LIMIT 1 OFFSET ?
                                """, arguments: [role, random.next(2)])
                        if let target { try AssignmentEngine(now: now).assign(siren: siren, to: target, by: 1, db) }
                    }
                }
                let summary = try AssignmentEngine(now: now).assignUnowned(db)
                try check(db, waiting: summary.waiting, step: step, seed: seed)
            }
        }
    }

    func check(_ db: Database, waiting: [String: Int], step: Int, seed: Int) throws {
        let stamp = Timestamp.string(now)
        let orphans = try Row.fetchAll(
            db,
            sql: """
                SELECT p.siren, p.route FROM prospect p JOIN company c ON c.siren = p.siren
                LEFT JOIN user u ON u.id = p.owner_id
                WHERE p.route IN ('sales', 'telemarketing') AND p.archived_at IS NULL AND p.do_not_contact = 0
                  AND c.state = 'A' AND p.pipeline_status NOT IN ('client', 'non_interesse', 'perdu')
                  AND (u.id IS NULL OR u.active = 0 OR (u.absent_until IS NOT NULL AND u.absent_until > ?)
                       OR u.role != CASE p.route WHEN 'sales' THEN 'commercial' ELSE 'telepro' END)
                """, arguments: [stamp])
        for orphan in orphans {
            let role = AssignmentEngine.role(for: orphan["route"])!
            #expect(
                waiting[role, default: 0] > 0,
                "seed \(seed) step \(step): prospect \(orphan["siren"] as Int) has no owner")
        }
        // Nobody's queue serves a prospect that must not be called.
        for user in 2...6 {
            for item in try CallQueue(policy: CallingPolicy(), now: now).items(for: user, limit: 1000, db) {
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT p.do_not_contact, c.state, p.pipeline_status FROM prospect p
                        JOIN company c ON c.siren = p.siren WHERE p.siren = ?
                        """, arguments: [item.siren])
                #expect(row?["do_not_contact"] as Bool? == false && row?["state"] as String? == "A")
                #expect(PipelineStatus(rawValue: row?["pipeline_status"] ?? "")?.isOpen == true)
            }
        }
    }
}
