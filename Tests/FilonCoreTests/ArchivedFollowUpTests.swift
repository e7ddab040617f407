import FilonCore
import Foundation
import GRDB
import Testing

/// An archived record keeps its follow-ups as history, but they no longer ask anyone for a call:
/// not in the alerts, the dashboard, the day's agenda, nor handed to a colleague.
@Suite struct ArchivedFollowUpTests {
    @Test func anArchivedRecordsFollowUpsAskNothingOfAnyone() throws {
        let database = try AppDatabase.inMemory()
        let now = Date(timeIntervalSince1970: 1_796_117_400)  // 2026-12-01T09:30:00Z
        try database.writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO user (id, login, name, role, created_at)
                    VALUES (1, 'ada', 'Ada', 'admin', 'x'), (2, 'tina', 'Tina', 'telepro', 'x')
                    """)
            for siren in [1, 2] {
                try db.execute(
                    sql: "INSERT INTO company (siren, denomination, state, row_hash) VALUES (?, 'X', 'A', 1)",
                    arguments: [siren])
                try db.execute(
                    sql: """
                        INSERT INTO prospect (siren, route, owner_id, assigned_at, created_at, updated_at)
                        VALUES (?, 'telemarketing', 2, '2026-11-30T09:00:00Z', 'x', 'x')
                        """, arguments: [siren])
                try db.execute(
                    sql: "INSERT INTO follow_up (siren, owner_id, due_at, created_at) VALUES (?, 2, ?, 'x')",
                    arguments: [siren, "2026-11-29T09:00:00Z"])
            }
            try ArchiveActions(now: now).archive(siren: 2, reason: "doublon", by: 1, db)
        }
        let watch = FollowUpWatch(settings: CallingSettings(), now: now)
        let report = ReportBuilder(period: .last(30, endingAt: now), now: now)
        let agenda = FollowUpAgenda(endOfDay: now.addingTimeInterval(86_400))
        let (alerts, overdue, agendaSirens) = try database.writer.read { db in
            (
                try watch.alerts(db).filter { $0.kind == .overdueFollowUp }.map(\.siren),
                try report.overdueFollowUps(owner: nil, db), try agenda.entries(ownerID: 2, limit: 10, db).map(\.siren)
            )
        }
        #expect(alerts == [1])
        #expect(overdue == 1)
        #expect(agendaSirens == [1])
        let shared = try database.writer.write { try watch.shareOverdueCallbacks($0) }
        #expect(shared == 1)
        // The archived record's follow-up is still there, untouched: history.
        let kept: Int? = try database.writer.read {
            try Int.fetchOne(
                $0, sql: "SELECT COUNT(*) FROM follow_up WHERE siren = 2 AND done_at IS NULL AND shared = 0")
        }
        #expect(kept == 1)
    }
}
