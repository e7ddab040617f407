import FilonCore
import Foundation
import GRDB
import Testing

/// The alerts: FollowUpWatch's untreated prospects and overdue follow-ups, prospects the
/// assignment should have given an owner, the daemon's failed steps and missed passes.
@Suite struct ReportAlertsTests {
    let db: AppDatabase
    let script = ReportScript()

    init() throws {
        db = try AppDatabase.inMemory()
        try db.writer.write { [script] in try script.write($0) }
    }

    func alerts(schedule: Schedule = .every(minutes: 60), now: Date = ReportScript.now) throws -> ReportAlerts {
        var daemon = DaemonSettings()
        daemon.schedule = schedule
        let builder = ReportBuilder(period: .last(30, endingAt: now), daemon: daemon, now: now)
        return try db.writer.read { try builder.alerts($0) }
    }

    @Test func untreatedAndOverdueAreFollowUpWatchs() throws {
        let alerts = try alerts()
        let watched = try db.writer.read {
            try FollowUpWatch(settings: CallingSettings(), now: ReportScript.now).alerts($0)
        }
        #expect(alerts.untreated == watched.filter { $0.kind == .untreated }.count)
        #expect(alerts.overdueFollowUps == watched.filter { $0.kind == .overdueFollowUp }.count)
        #expect(alerts.untreated == script.untreated().count)
        #expect(alerts.untreated == 3)
        #expect(alerts.overdueFollowUps == script.overdue().count)
        // The examples are FollowUpWatch's alerts, word for word.
        #expect(
            Set(alerts.examples.map { "\($0.kind) \($0.siren) \($0.owner ?? "-") \($0.detail)" })
                == Set(watched.map { "\($0.kind) \($0.siren) \($0.owner ?? "-") \($0.detail)" }))
    }

    @Test func aProspectActedOnSinceItsAssignmentIsNoLongerUntreated() throws {
        try db.writer.write { db in
            try db.execute(
                sql:
                    "INSERT INTO activity (siren, user_id, kind, created_at) VALUES (1, 2, 'note', '2026-12-01T09:00:00Z')"
            )
        }
        #expect(try alerts().untreated == script.untreated().count - 1)
        // An action older than the assignment does not count: the trigger keeps the newest.
        try db.writer.write { db in
            try db.execute(
                sql:
                    "INSERT INTO activity (siren, user_id, kind, created_at) VALUES (7, 5, 'note', '2026-11-01T09:00:00Z')"
            )
        }
        #expect(try alerts().untreated == script.untreated().count - 1)
    }

    @Test func withoutOwnerIsWhatTheAssignmentWouldGiveAndZeroAfterIt() throws {
        let before = try alerts()
        #expect(before.withoutOwner == script.withoutOwner().count)
        #expect(Set(script.withoutOwner().map(\.siren)) == [7, 8, 9, 12, 14])
        let summary = try db.writer.write { try AssignmentEngine(now: ReportScript.now).assignUnowned($0) }
        #expect(summary.assigned + summary.waiting.values.reduce(0, +) == before.withoutOwner)
        #expect(try alerts().withoutOwner == 0)
    }

    @Test func failedStepsAreTheLatestRunOfEachStepWhenItFailed() throws {
        let alerts = try alerts()
        #expect(alerts.failedSteps.map(\.run) == [9])
        #expect(alerts.failedSteps.first?.message == "HTTP 401: the key was refused")
        // A day later the failure has aged out.
        #expect(try self.alerts(now: ReportScript.now.addingTimeInterval(86_400 + 3600)).failedSteps.isEmpty)
    }

    @Test func aPassIsLateAfterTheScheduleAndItsMargin() throws {
        // The last pass's newest run (assignment) started at 08:06; it is 09:30.
        let hourly = try alerts()
        #expect(hourly.lastPassAt == "2026-12-01T08:06:00Z")
        #expect(!hourly.passOverdue)
        #expect(try alerts(schedule: .every(minutes: 30)).passOverdue)
        #expect(!(try alerts(schedule: .daily(hour: 8, minute: 0)).passOverdue))
        // 08:06 + 60 min + 30 min = 09:36: late a minute later.
        #expect(!(try alerts(now: Date(timeIntervalSince1970: 1_796_117_400 + 6 * 60)).passOverdue))
        #expect(try alerts(now: Date(timeIntervalSince1970: 1_796_117_400 + 7 * 60)).passOverdue)
        #expect(hourly.headline.contains("1 daemon step failed"))
    }

    @Test func noPassAtAllIsAnAlert() throws {
        try db.writer.write { try $0.execute(sql: "DELETE FROM run WHERE kind IN ('pass', 'score', 'assign')") }
        let alerts = try alerts()
        #expect(alerts.lastPassAt == nil)
        #expect(alerts.passOverdue)
        #expect(alerts.headline.hasPrefix("daemon never ran"))
    }

    @Test func aCleanBaseHasNoAlerts() throws {
        let empty = try AppDatabase.inMemory()
        try empty.writer.write { db in
            try db.execute(
                sql: "INSERT INTO run (source, kind, started_at, status) VALUES ('assignment', 'assign', ?, 'ok')",
                arguments: [Timestamp.string(ReportScript.now.addingTimeInterval(-600))])
        }
        let alerts = try empty.writer.read {
            try ReportBuilder(period: .last(1, endingAt: ReportScript.now), now: ReportScript.now).alerts($0)
        }
        #expect(alerts.isClear)
        #expect(alerts.headline == "no alerts")
    }
}
