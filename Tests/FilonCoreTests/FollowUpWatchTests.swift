import FilonCore
import Foundation
import GRDB
import Testing

/// Nothing forgotten: overdue callbacks become shared, untreated prospects raise alerts.
@Suite struct FollowUpWatchTests {
    let db: AppDatabase
    let now = Date(timeIntervalSince1970: 1_796_117_400)  // 2026-12-01T09:30:00Z

    init() throws {
        db = try AppDatabase.inMemory()
        try db.writer.write { db in
            try db.execute(
                sql: "INSERT INTO user (id, login, name, role, created_at) VALUES (1, 'tina', 'Tina', 'telepro', 'x')")
            for siren in [1, 2, 3] {
                try db.execute(
                    sql: "INSERT INTO company (siren, denomination, state, row_hash) VALUES (?, 'X', 'A', 1)",
                    arguments: [siren])
                try db.execute(
                    sql: """
                        INSERT INTO prospect (siren, route, owner_id, assigned_at, created_at, updated_at)
                        VALUES (?, 'telemarketing', 1, '2026-11-25T09:00:00Z', 'x', 'x')
                        """, arguments: [siren])
            }
            // 1 was called since its assignment; 2 and 3 were not.
            try db.execute(
                sql:
                    "INSERT INTO activity (siren, user_id, kind, created_at) VALUES (1, 1, 'call', '2026-11-26T10:00:00Z')"
            )
            try db.execute(
                sql:
                    "INSERT INTO follow_up (siren, owner_id, due_at, shared, created_at) VALUES (2, 1, '2026-11-29T09:00:00Z', 0, 'x')"
            )
            try db.execute(
                sql:
                    "INSERT INTO follow_up (siren, owner_id, due_at, shared, created_at) VALUES (3, 1, '2026-12-01T09:00:00Z', 0, 'x')"
            )
        }
    }

    @Test func anOverduePersonalCallbackBecomesSharedOnce() throws {
        let watch = FollowUpWatch(settings: CallingSettings(), now: now)
        #expect(try db.writer.write { try watch.shareOverdueCallbacks($0) } == 1)
        #expect(try db.writer.write { try watch.shareOverdueCallbacks($0) } == 0)
        let shared = try db.writer.read { try Int.fetchAll($0, sql: "SELECT siren FROM follow_up WHERE shared = 1") }
        #expect(shared == [2])
    }

    @Test func untreatedProspectsAndOverdueCallbacksAreAlerts() throws {
        let alerts = try db.writer.read { try FollowUpWatch(settings: CallingSettings(), now: now).alerts($0) }
        #expect(alerts.filter { $0.kind == .untreated }.map(\.siren) == [2, 3])
        #expect(alerts.filter { $0.kind == .overdueFollowUp }.map(\.siren) == [2, 3])
        #expect(alerts.allSatisfy { $0.owner == "tina" })
    }

    @Test func theDelaysComeFromTheConfig() throws {
        let config = try FilonConfig.parse(
            "[calling]\nuntreated_days = 10\nshare_callbacks_after_hours = 96\n", path: "f.toml")
        let watch = FollowUpWatch(settings: config.calling, now: now)
        #expect(try db.writer.read { try watch.alerts($0) }.filter { $0.kind == .untreated }.isEmpty)
        #expect(try db.writer.write { try watch.shareOverdueCallbacks($0) } == 0)
    }
}
