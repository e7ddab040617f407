import Foundation
import GRDB

/// Nothing forgotten: an overdue personal callback becomes shared so that a colleague makes it,
/// and prospects left untreated raise alerts (what `filond status` and the dashboards show).
public struct FollowUpWatch: Sendable {
    public let settings: CallingSettings
    public let now: Date

    public init(settings: CallingSettings, now: Date = Date()) {
        self.settings = settings
        self.now = now
    }

    /// Shares the personal callbacks overdue by more than `share_callbacks_after_hours`, each one
    /// journaled on its prospect. Returns how many.
    @discardableResult
    public func shareOverdueCallbacks(_ db: Database) throws -> Int {
        let limit = Timestamp.string(now.addingTimeInterval(-Double(settings.shareCallbacksAfterHours) * 3600))
        let overdue = try Row.fetchAll(
            db,
            sql: "SELECT id, siren, due_at FROM follow_up WHERE shared = 0 AND done_at IS NULL AND due_at <= ?",
            arguments: [limit])
        let stamp = Timestamp.string(now)
        for row in overdue {
            try db.execute(sql: "UPDATE follow_up SET shared = 1 WHERE id = ?", arguments: [row["id"] as Int])
            try db.execute(
                sql: """
                    INSERT INTO activity (siren, kind, old_value, new_value, detail, created_at)
                    VALUES (?, 'follow_up', 'personal', 'shared', ?, ?)
                    """,
                arguments: [
                    row["siren"] as Int,
                    "callback due \(row["due_at"] as String) not made within \(settings.shareCallbacksAfterHours) h",
                    stamp,
                ])
        }
        return overdue.count
    }

    /// What needs a person's attention now.
    public func alerts(_ db: Database) throws -> [Alert] {
        let stamp = Timestamp.string(now)
        let since = Timestamp.string(now.addingTimeInterval(-Double(settings.untreatedDays) * 86_400))
        let untreated = try Row.fetchAll(
            db,
            sql: """
                SELECT p.siren, u.login, p.assigned_at FROM prospect p JOIN user u ON u.id = p.owner_id
                WHERE p.assigned_at <= ? AND p.archived_at IS NULL AND p.do_not_contact = 0
                  AND p.pipeline_status IN (\(AssignmentEngine.openStatuses))
                  AND NOT EXISTS (SELECT 1 FROM activity a WHERE a.siren = p.siren AND a.user_id IS NOT NULL
                                  AND a.created_at >= p.assigned_at)
                ORDER BY p.assigned_at
                """, arguments: [since]
        ).map {
            Alert(
                kind: .untreated, siren: $0["siren"], owner: $0["login"],
                detail: "assigned \($0["assigned_at"] as String), no action for \(settings.untreatedDays) days")
        }
        let overdue = try Row.fetchAll(
            db,
            sql: """
                SELECT f.siren, u.login, f.due_at FROM follow_up f LEFT JOIN user u ON u.id = f.owner_id
                WHERE f.done_at IS NULL AND f.due_at <= ? ORDER BY f.due_at
                """, arguments: [stamp]
        ).map {
            Alert(
                kind: .overdueFollowUp, siren: $0["siren"], owner: $0["login"], detail: "due \($0["due_at"] as String)")
        }
        return untreated + overdue
    }
}
