import FilonCore
import Foundation
import GRDB
import Testing

/// Every eligible prospect gets exactly one active owner of its route's role, balanced on
/// capacity; the journal says why; disabled and absent users are replaced.
@Suite struct AssignmentEngineTests {
    let db: AppDatabase
    let now = Date(timeIntervalSince1970: 1_795_000_000)

    init() throws {
        db = try AppDatabase.inMemory()
        try db.writer.write { db in
            for (id, login, role, capacity) in [
                (1, "admin", "admin", 100), (2, "tina", "telepro", 100), (3, "theo", "telepro", 50),
                (4, "sam", "commercial", 100),
            ] {
                try db.execute(
                    sql: "INSERT INTO user (id, login, name, role, capacity, created_at) VALUES (?, ?, ?, ?, ?, 'x')",
                    arguments: [id, login, login.capitalized, role, capacity])
            }
        }
    }

    /// `count` prospects on `route`, with company rows, SIRENs from `start`.
    func prospects(_ count: Int, route: String, start: Int, state: String = "A", dnc: Bool = false) throws {
        try db.writer.write { db in
            for n in start..<(start + count) {
                try db.execute(
                    sql: "INSERT INTO company (siren, denomination, state, row_hash) VALUES (?, ?, ?, 1)",
                    arguments: [n, "SOCIETE \(n)", state])
                try db.execute(
                    sql: """
                        INSERT INTO prospect (siren, route, tier, score, do_not_contact, created_at, updated_at)
                        VALUES (?, ?, 'B', 50, ?, 'x', 'x')
                        """, arguments: [n, route, dnc])
            }
        }
    }

    func owners() throws -> [Int: Int] {
        try db.writer.read { db in
            try Dictionary(
                grouping: Row.fetchAll(db, sql: "SELECT owner_id FROM prospect WHERE owner_id IS NOT NULL"),
                by: { $0["owner_id"] as Int }
            ).mapValues(\.count)
        }
    }

    func assign() throws -> AssignmentSummary {
        try db.writer.write { try AssignmentEngine(now: now).assignUnowned($0) }
    }

    @Test func balancedOnCapacityAndByRole() throws {
        try prospects(30, route: "telemarketing", start: 1000)
        try prospects(5, route: "sales", start: 2000)
        try prospects(3, route: "none", start: 3000)
        try prospects(2, route: "telemarketing", start: 4000, state: "C")
        try prospects(2, route: "telemarketing", start: 5000, dnc: true)
        let summary = try assign()
        #expect(summary.assigned == 35 && summary.waiting.isEmpty)
        // Theo has half Tina's capacity: a third of the telemarketing prospects.
        #expect(try owners() == [2: 20, 3: 10, 4: 5])
        let journal = try db.writer.read {
            try String.fetchOne($0, sql: "SELECT detail FROM activity WHERE kind = 'assignment' ORDER BY id LIMIT 1")
        }
        #expect(journal?.hasPrefix("telemarketing: least loaded telepro") == true)
        // A second round has nothing to do.
        #expect(try assign().assigned == 0)
    }

    @Test func disablingAUserGivesTheirProspectsAndCallbacksToOthers() throws {
        try prospects(12, route: "telemarketing", start: 1000)
        _ = try assign()
        try db.writer.write { db in
            try db.execute(
                sql:
                    "INSERT INTO follow_up (siren, owner_id, due_at, created_at) VALUES (1000, (SELECT owner_id FROM prospect WHERE siren = 1000), '2030-01-01', 'x')"
            )
        }
        let summary = try db.writer.write { try AssignmentEngine(now: now).disable(userID: 2, by: 1, $0) }
        #expect(summary.assigned == 8)
        #expect(try owners() == [3: 12])
        let callbackOwner = try db.writer.read { try Int.fetchOne($0, sql: "SELECT owner_id FROM follow_up") }
        #expect(callbackOwner == 3)
    }

    @Test func nobodyOfTheRoleMeansWaitingNotAWrongOwner() throws {
        try prospects(4, route: "sales", start: 1000)
        try db.writer.write { try $0.execute(sql: "UPDATE user SET active = 0 WHERE role = 'commercial'") }
        let summary = try assign()
        #expect(summary.assigned == 0 && summary.waiting == ["commercial": 4])
    }

    @Test func anAbsentUserIsSkippedAndReplaced() throws {
        try prospects(6, route: "telemarketing", start: 1000)
        _ = try assign()
        try db.writer.write { db in
            try db.execute(sql: "UPDATE user SET absent_until = '2099-01-01T00:00:00Z' WHERE id = 2")
        }
        #expect(try assign().assigned == 4)
        #expect(try owners() == [3: 6])
    }

    @Test func onlyAnAdminAssignsByHand() throws {
        try prospects(1, route: "telemarketing", start: 1000)
        _ = try assign()
        #expect(throws: AssignmentError.notAdmin(2)) {
            try db.writer.write { try AssignmentEngine(now: now).assign(siren: 1000, to: 3, by: 2, $0) }
        }
        try db.writer.write { try AssignmentEngine(now: now).assign(siren: 1000, to: 3, by: 1, $0) }
        let row = try db.writer.read {
            try Row.fetchOne($0, sql: "SELECT user_id, detail FROM activity ORDER BY id DESC LIMIT 1")
        }
        #expect(row?["user_id"] as Int? == 1 && row?["detail"] as String? == "manual")
    }
}
