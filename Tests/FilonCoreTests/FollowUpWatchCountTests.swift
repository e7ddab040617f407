import FilonCore
import Foundation
import GRDB
import Testing

/// The header's alert count says what the alert list says, for each owner and for everyone.
@Suite struct FollowUpWatchCountTests {
    @Test func theCountIsTheListsCountForEachOwnerAndForEveryone() throws {
        let db = try AppDatabase.inMemory()
        let now = Date(timeIntervalSince1970: 1_796_117_400)  // 2026-12-01T09:30:00Z
        try db.writer.write { db in
            for (id, login) in [(1, "tina"), (2, "theo")] {
                try db.execute(
                    sql: "INSERT INTO user (id, login, name, role, created_at) VALUES (?, ?, ?, 'telepro', 'x')",
                    arguments: [id, login, login])
            }
            // Tina: 1 called since its assignment, 2 untreated, 3 assigned yesterday, 4 lost.
            // Théo: 5 untreated. 6 has nobody's callback, overdue.
            let prospects: [(Int, Int?, String, String)] = [
                (1, 1, "2026-11-25T09:00:00Z", "nouveau"), (2, 1, "2026-11-25T09:00:00Z", "nouveau"),
                (3, 1, "2026-11-30T09:00:00Z", "nouveau"), (4, 1, "2026-11-25T09:00:00Z", "perdu"),
                (5, 2, "2026-11-20T09:00:00Z", "contacte"), (6, nil, "2026-11-20T09:00:00Z", "nouveau"),
            ]
            for (siren, owner, assigned, status) in prospects {
                try db.execute(
                    sql: "INSERT INTO company (siren, denomination, state, row_hash) VALUES (?, 'X', 'A', 1)",
                    arguments: [siren])
                try db.execute(
                    sql: """
                        INSERT INTO prospect (siren, route, owner_id, assigned_at, pipeline_status, created_at,
                          updated_at)
                        VALUES (?, 'telemarketing', ?, ?, ?, 'x', 'x')
                        """, arguments: [siren, owner, assigned, status])
            }
            try db.execute(
                sql:
                    "INSERT INTO activity (siren, user_id, kind, created_at) VALUES (1, 1, 'call', '2026-11-26T10:00:00Z')"
            )
            for (siren, owner, due) in [(2, 1, "2026-11-29T09:00:00Z"), (5, 2, "2026-12-01T08:00:00Z")] {
                try db.execute(
                    sql: "INSERT INTO follow_up (siren, owner_id, due_at, created_at) VALUES (?, ?, ?, 'x')",
                    arguments: [siren, owner, due])
            }
            try db.execute(
                sql: "INSERT INTO follow_up (siren, due_at, created_at) VALUES (6, '2026-11-30T08:00:00Z', 'x')")
            try db.execute(
                sql: """
                    INSERT INTO follow_up (siren, owner_id, due_at, created_at, done_at)
                    VALUES (1, 1, '2026-11-30T08:00:00Z', 'x', '2026-11-30T09:00:00Z')
                    """)
        }
        let watch = FollowUpWatch(settings: CallingSettings(), now: now)
        let alerts = try db.writer.read { try watch.alerts($0) }
        #expect(alerts.count == 5)
        #expect(try db.writer.read { try watch.alertCount(ownerID: nil, $0) } == alerts.count)
        for (id, login) in [(1, "tina"), (2, "theo"), (3, "nobody")] {
            #expect(
                try db.writer.read { try watch.alertCount(ownerID: id, $0) }
                    == alerts.filter { $0.owner == login }.count)
        }
    }
}
