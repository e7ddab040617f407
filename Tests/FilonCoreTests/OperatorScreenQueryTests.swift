import FilonCore
import Foundation
import GRDB
import Testing

/// What the operator screen reads on each frame stays fast at a million companies (v9,
/// filon-bench tui) and means what it meant: the queue's recycled part, the header's alert
/// count, the list's count and the forgotten prospects.
@Suite struct OperatorScreenQueryTests {
    let db: AppDatabase
    let now = Date(timeIntervalSince1970: 1_796_117_400)  // 2026-12-01T09:30:00Z

    init() throws {
        db = try AppDatabase.inMemory()
        try db.writer.write { db in
            try db.execute(
                sql: "INSERT INTO user (id, login, name, role, created_at) VALUES (1, 'tina', 'Tina', 'telepro', 'x')")
            // 1 and 6 plain, 2 an undisclosed sole trader, 3 a legal person in partial diffusion,
            // 4 archived, 5 both undisclosed and archived.
            let companies: [(Int, String, String?)] = [
                (1, "O", "5710"), (2, "P", "1000"), (3, "P", "5710"), (4, "O", "5499"), (5, "P", "1000"),
                (6, "O", nil),
            ]
            for (siren, diffusion, form) in companies {
                try db.execute(
                    sql: """
                        INSERT INTO company (siren, denomination, diffusion, legal_form, state, creation_date, row_hash)
                        VALUES (?, 'X', ?, ?, 'A', '2020-01-01', 1)
                        """, arguments: [siren, diffusion, form])
            }
            // A note on 6 before it had a prospect row: its last touch when it becomes one.
            try db.execute(
                sql:
                    "INSERT INTO activity (siren, user_id, kind, created_at) VALUES (6, 1, 'note', '2026-11-10T09:00:00Z')"
            )
            for siren in [1, 4, 5, 6] {
                try db.execute(
                    sql: """
                        INSERT INTO prospect (siren, route, owner_id, assigned_at, archived_at, call_state, next_call_at,
                          created_at, updated_at)
                        VALUES (?, 'telemarketing', 1, '2026-11-20T09:00:00Z', ?, ?, ?, '2026-11-19T09:00:00Z', 'x')
                        """,
                    arguments: [
                        siren, siren == 4 || siren == 5 ? "2026-11-25T09:00:00Z" : nil,
                        siren == 1 ? "recycle" : "fresh", siren == 1 ? "2026-12-01T08:00:00Z" : nil,
                    ])
            }
        }
    }

    @Test func theCountIsWhatTheListShows() throws {
        let listed = try db.newestProspects(limit: 100).map(\.siren)
        #expect(Set(listed) == [1, 3, 6])
        #expect(try db.prospectCount() == listed.count)
    }

    @Test func aProspectCreatedAfterAnActionStartsWithItsTimeAsItsLastTouch() throws {
        let entries = try db.writer.read {
            try ForgottenProspects(settings: CallingSettings(), now: now).entries(ownerID: 1, limit: 10, $0)
        }
        // 1 is recycled and due, never acted on: touched at its assignment.
        #expect(entries.map(\.siren) == [6, 1])
        #expect(entries.first.map { Timestamp.string($0.at) } == "2026-11-10T09:00:00Z")
        // The note came before the assignment: 6 is still untreated.
        let watch = FollowUpWatch(settings: CallingSettings(), now: now)
        let untreated = try db.writer.read { try watch.alerts($0) }.filter { $0.kind == .untreated }
        #expect(untreated.map(\.siren).sorted() == [1, 6])
        #expect(try db.writer.read { try watch.alertCount(ownerID: 1, $0) } == 2)
        #expect(try db.writer.read { try watch.alertCount(ownerID: nil, $0) } == 2)
    }

    @Test func eachReadWalksAnIndexInItsOrder() throws {
        var statements: [String] = []
        try db.writer.read { db in
            db.trace(options: .statement) { event in
                if case .statement(let statement) = event { statements.append(statement.sql) }
            }
            _ = try CallQueue(policy: CallingPolicy(), now: now).items(for: 1, limit: 50, db)
            let watch = FollowUpWatch(settings: CallingSettings(), now: now)
            _ = try watch.alertCount(ownerID: 1, db)
            _ = try watch.alertCount(ownerID: nil, db)
            for owner in [1, nil] as [Int?] {
                _ = try ForgottenProspects(settings: CallingSettings(), now: now).entries(ownerID: owner, limit: 10, db)
            }
        }
        // The in-memory database is one connection: the trace follows the list's count.
        _ = try db.prospectCount()
        try db.writer.read { $0.trace(options: []) }
        let plans = try Set(statements).filter { $0.hasPrefix("SELECT") }.map { sql in
            try db.writer.read { db in
                // Unbound parameters, as when the statement is prepared.
                let explain = try db.makeStatement(sql: "EXPLAIN QUERY PLAN " + sql)
                explain.setUncheckedArguments([])
                return (sql, try Row.fetchAll(explain).map { $0["detail"] as String })
            }
        }
        #expect(plans.count >= 8)
        for (sql, plan) in plans {
            for line in plan {
                let scans = ["company", "prospect", "activity", "follow_up"].contains {
                    line == "SCAN \($0)" || line.hasPrefix("SCAN \($0) ")
                }
                #expect(!scans || line.contains("COVERING INDEX"), "\(line)\nin: \(sql)")
                #expect(!line.contains("activity"), "\(line)\nin: \(sql)")
            }
            // Served in order, stopped at the limit: no sort of every candidate first.
            if sql.contains("prospect_recycle") || sql.contains("prospect_forgotten") {
                #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "\(plan)\nin: \(sql)")
            }
            if sql.contains("prospect_unworked") && sql.hasPrefix("SELECT COUNT") {
                #expect(plan.allSatisfy { $0.contains("COVERING INDEX prospect_unworked") }, "\(plan)\nin: \(sql)")
            }
        }
        #expect(plans.contains { $0.0.contains("company_undisclosed_person") })
    }
}
