import Foundation
import GRDB
import Testing

@testable import FilonCore

/// An admin moves one prospect, a selection, all of a user's, or rebalances the team; each move
/// is journaled with the admin, reserved prospects stay, callbacks follow their prospect.
@Suite struct ReassignmentTests {
    let db: AppDatabase
    /// Tuesday 2026-12-01, 10:30 in Paris.
    let now = Date(timeIntervalSince1970: 1_796_117_400)
    var reassignment: Reassignment { Reassignment(now: now) }

    /// Ada (admin 1), Tina (telepro 2), Théo (telepro 3, capacity 50), Sam (commercial 4), Zoé
    /// (telepro 5).
    init() throws {
        db = try AppDatabase.inMemory()
        try db.writer.write { db in
            for (id, login, role, capacity) in [
                (1, "ada", "admin", 100), (2, "tina", "telepro", 100), (3, "theo", "telepro", 50),
                (4, "sam", "commercial", 100), (5, "zoe", "telepro", 100),
            ] {
                try db.execute(
                    sql: "INSERT INTO user (id, login, name, role, capacity, created_at) VALUES (?, ?, ?, ?, ?, 'x')",
                    arguments: [id, login, login.capitalized, role, capacity])
            }
        }
    }

    /// Prospects `sirens` owned by `owner`, routed to `route`, tier B, score from the SIREN.
    func prospects(_ sirens: ClosedRange<Int>, owner: Int?, route: String = "telemarketing") throws {
        try db.writer.write { db in
            for siren in sirens {
                try db.execute(
                    sql: "INSERT INTO company (siren, denomination, state, row_hash) VALUES (?, 'X', 'A', 1)",
                    arguments: [siren])
                try db.execute(
                    sql: """
                        INSERT INTO prospect (siren, route, tier, score, owner_id, created_at, updated_at)
                        VALUES (?, ?, 'B', ?, ?, 'x', 'x')
                        """, arguments: [siren, route, siren % 100, owner])
            }
        }
    }

    func owners() throws -> [Int: Int] {
        try db.writer.read { db in
            Dictionary(
                uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT siren, owner_id FROM prospect").map {
                    ($0["siren"] as Int, $0["owner_id"] as Int? ?? 0)
                })
        }
    }

    func journal() throws -> [String] {
        try db.writer.read {
            try Row.fetchAll(
                $0,
                sql:
                    "SELECT siren, user_id, old_value, new_value, detail FROM activity WHERE kind = 'assignment' ORDER BY id"
            ).map { row in
                "\(row["siren"] as Int) by \(row["user_id"] as Int? ?? 0): \(row["old_value"] as String? ?? "-") → "
                    + "\(row["new_value"] as String) (\(row["detail"] as String))"
            }
        }
    }

    @Test func oneProspectByHand() throws {
        try prospects(1...2, owner: 2)
        let summary = try db.writer.write { try reassignment.reassign(sirens: [1], to: 3, by: 1, $0) }
        #expect(summary.moved == 1 && summary.received == ["theo": 1] && summary.given == ["tina": 1])
        #expect(try owners() == [1: 3, 2: 2])
        #expect(try journal() == ["1 by 1: tina → theo (manual)"])
        let row = try db.writer.read {
            try Row.fetchOne($0, sql: "SELECT version, assigned_at FROM prospect WHERE siren = 1")
        }
        #expect(row?["version"] as Int? == 2 && row?["assigned_at"] as String? == "2026-12-01T09:30:00Z")
        let audit = try db.writer.read {
            try Row.fetchOne($0, sql: "SELECT actor, action, target, detail FROM audit_log")
        }
        #expect(audit?["actor"] as String? == "ada" && audit?["action"] as String? == "reassign")
        #expect(audit?["target"] as String? == "theo" && audit?["detail"] as String? == "1 of 1 prospects (manual)")
    }

    @Test func aSelectionWithWhatStaysAndWhy() throws {
        try prospects(1...4, owner: 2)
        try prospects(5...5, owner: 4, route: "sales")
        try prospects(6...6, owner: 3)
        try db.writer.write { db in
            // Tina has 2 on her screen now; 3's reservation has run out.
            try db.execute(
                sql: "UPDATE prospect SET reserved_by = 2, reserved_until = '2026-12-01T09:40:00Z' WHERE siren = 2")
            try db.execute(
                sql: "UPDATE prospect SET reserved_by = 2, reserved_until = '2026-12-01T09:00:00Z' WHERE siren = 3")
        }
        let summary = try db.writer.write { try reassignment.reassign(sirens: [1, 2, 3, 5, 6, 1], to: 3, by: 1, $0) }
        #expect(summary.moved == 2 && summary.received == ["theo": 2] && summary.given == ["tina": 2])
        #expect(
            summary.skipped == [
                SkippedProspect(siren: 2, reason: .reserved(by: "tina", until: now.addingTimeInterval(600))),
                SkippedProspect(siren: 5, reason: .wrongRole(route: "sales", needs: .commercial)),
                SkippedProspect(siren: 6, reason: .alreadyTheirs(login: "theo")),
            ])
        #expect(
            summary.skipped.map(\.description) == [
                "000 000 002 stays: reserved by tina until 2026-12-01T09:40:00Z",
                "000 000 005 stays: it is routed to sales, which a Commercial works",
                "000 000 006 is already theo's",
            ])
        #expect(try owners() == [1: 3, 2: 2, 3: 3, 4: 2, 5: 4, 6: 3])
        #expect(try journal() == ["1 by 1: tina → theo (bulk)", "3 by 1: tina → theo (bulk)"])
    }

    @Test func refusalsMoveNothing() throws {
        try prospects(1...2, owner: 2)
        #expect(throws: ReassignmentError.unknownProspect(99)) {
            try db.writer.write { try reassignment.reassign(sirens: [1, 99], to: 3, by: 1, $0) }
        }
        try db.writer.write { db in
            try db.execute(sql: "UPDATE user SET absent_until = '2026-12-04T00:00:00Z' WHERE id = 5")
        }
        #expect(throws: ReassignmentError.cannotTake(login: "zoe", why: "absent until 2026-12-04T00:00:00Z")) {
            try db.writer.write { try reassignment.reassign(sirens: [1], to: 5, by: 1, $0) }
        }
        #expect(
            throws: ReassignmentError.cannotTake(
                login: "ada", why: "an admin has no call queue: pick a Commercial or a Téléprospecteur")
        ) {
            try db.writer.write { try reassignment.reassign(sirens: [1], to: 1, by: 1, $0) }
        }
        #expect(throws: ReassignmentError.sameUser(login: "tina")) {
            try db.writer.write { try reassignment.reassignAll(from: 2, to: 2, by: 1, $0) }
        }
        #expect(try owners() == [1: 2, 2: 2])
        #expect(try journal().isEmpty)
    }

    @Test func pendingPersonalCallbacksFollowTheirProspect() throws {
        try prospects(1...1, owner: 2)
        try db.writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO follow_up (id, siren, owner_id, due_at, shared, created_at, done_at) VALUES
                      (1, 1, 2, '2026-12-02T08:00:00Z', 0, 'x', NULL),
                      (2, 1, 2, '2026-11-20T08:00:00Z', 0, 'x', '2026-11-20T09:00:00Z'),
                      (3, 1, 3, '2026-12-03T08:00:00Z', 0, 'x', NULL)
                    """)
        }
        _ = try db.writer.write { try reassignment.reassign(sirens: [1], to: 5, by: 1, $0) }
        let followUps = try db.writer.read {
            try Row.fetchAll($0, sql: "SELECT id, owner_id FROM follow_up ORDER BY id").map {
                [$0["id"] as Int, $0["owner_id"] as Int]
            }
        }
        // Tina's pending callback is Zoé's now; the done one and Théo's own stay as they were.
        #expect(followUps == [[1, 5], [2, 2], [3, 3]])
    }

    @Test func allOfAUsersToOneUserOrOverTheTeam() throws {
        try prospects(1...6, owner: 2)
        try prospects(7...7, owner: 2, route: "sales")
        try db.writer.write { db in
            try db.execute(sql: "UPDATE prospect SET pipeline_status = 'client' WHERE siren = 6")
        }
        // To Zoé: the sales prospect stays (she is a telepro), the client stays (history).
        let toZoe = try db.writer.write { try reassignment.reassignAll(from: 2, to: 5, by: 1, $0) }
        #expect(toZoe.received == ["zoe": 5] && toZoe.given == ["tina": 5])
        #expect(toZoe.skipped == [SkippedProspect(siren: 7, reason: .wrongRole(route: "sales", needs: .commercial))])
        // Zoé's to the team: the telemarketing ones by capacity (Tina 100, Théo 50), the sales one
        // to Sam.
        try db.writer.write { db in try db.execute(sql: "UPDATE prospect SET owner_id = 5 WHERE siren = 7") }
        let spread = try db.writer.write { try reassignment.reassignAll(from: 5, to: nil, by: 1, $0) }
        #expect(spread.received == ["tina": 4, "theo": 1, "sam": 1] && spread.given == ["zoe": 6])
        #expect(try owners()[7] == 4 && owners()[6] == 2)
        #expect(try journal().suffix(6).allSatisfy { $0.contains("by 1: zoe → ") && $0.hasSuffix("(bulk)") })
    }

    @Test func rebalanceMovesOnlyWhatNobodyWorkedYet() throws {
        // Tina holds 30, Zoé (same capacity) none, Théo (half) none: fair shares 12, 12, 6.
        try prospects(1...30, owner: 2)
        try db.writer.write { db in
            // Tina called 1, wrote a note on 2, and holds 3 on her screen: those stay hers.
            try db.execute(sql: "UPDATE prospect SET call_state = 'recycle', attempts = 1 WHERE siren = 1")
            try db.execute(
                sql: "INSERT INTO activity (siren, user_id, kind, detail, created_at) VALUES (2, 2, 'note', 'x', 'x')")
            try db.execute(
                sql: "UPDATE prospect SET reserved_by = 2, reserved_until = '2026-12-01T09:40:00Z' WHERE siren = 3")
            // The daemon's own assignment journal (no user) does not count as work.
            try db.execute(
                sql:
                    "INSERT INTO activity (siren, user_id, kind, new_value, detail, created_at) VALUES (4, NULL, 'assignment', 'tina', 'x', 'x')"
            )
        }
        let summary = try db.writer.write { try reassignment.rebalance(by: 1, $0) }
        #expect(summary.received == ["zoe": 12, "theo": 6] && summary.given == ["tina": 18])
        let owners = try owners()
        #expect(owners.values.filter { $0 == 2 }.count == 12)
        #expect(owners[1] == 2 && owners[2] == 2 && owners[3] == 2)
        // Spread over her queue order (score = SIREN here): both sides keep good and weaker ones.
        let zoes = owners.filter { $0.value == 5 }.keys.sorted()
        #expect(zoes.first! < 10 && zoes.last! > 25)
        let moves = try journal().filter { $0.hasSuffix("(rebalance)") }
        #expect(moves.count == 18 && moves.allSatisfy { $0.contains("by 1: tina → ") })
        // Balanced now: a second rebalance moves nothing.
        #expect(try db.writer.write { try reassignment.rebalance(by: 1, $0) }.moved == 0)
    }

    @Test func rebalanceEmptiesAUserAtCapacityZeroAndStaysWithinARole() throws {
        try prospects(1...4, owner: 3)
        try prospects(5...6, owner: 4, route: "sales")
        try db.writer.write { db in
            try db.execute(sql: "UPDATE user SET capacity = 0 WHERE id = 3")
            // Absent users take nothing.
            try db.execute(sql: "UPDATE user SET absent_until = '2026-12-04T00:00:00Z' WHERE id = 5")
        }
        let summary = try db.writer.write { try reassignment.rebalance(by: 1, $0) }
        #expect(summary.received == ["tina": 4] && summary.given == ["theo": 4])
        // Sam is the only commercial: his prospects stay.
        #expect(try owners() == [1: 2, 2: 2, 3: 2, 4: 2, 5: 4, 6: 4])
    }

    @Test func evenSpreadTakesFromTheWholeList() {
        #expect(Reassignment.spread(Array(0..<10), taking: 3) == [0, 3, 6])
        #expect(Reassignment.spread(Array(0..<4), taking: 9) == [0, 1, 2, 3])
        #expect(Reassignment.spread(Array(0..<4), taking: 0) == [])
    }
}
