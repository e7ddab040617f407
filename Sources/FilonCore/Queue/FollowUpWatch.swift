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
        let untreated = try Row.fetchAll(
            db,
            sql: """
                SELECT p.siren, u.login, p.assigned_at FROM prospect p JOIN user u ON u.id = p.owner_id
                WHERE \(Self.untreated) ORDER BY p.assigned_at
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
                WHERE \(Self.overdue) ORDER BY f.due_at
                """, arguments: [Timestamp.string(now)]
        ).map {
            Alert(
                kind: .overdueFollowUp, siren: $0["siren"], owner: $0["login"], detail: "due \($0["due_at"] as String)")
        }
        return untreated + overdue
    }

    /// How many of `alerts` are `ownerID`'s (everyone's when nil), counted by the database: the
    /// operator screen's header shows the number after every action, and building each alert
    /// of 200,000 assigned prospects took a quarter of a second (filon-bench tui).
    public func alertCount(ownerID: Int?, _ db: Database) throws -> Int {
        func count(_ sql: String, _ bound: String, owner column: String) throws -> Int {
            var arguments: StatementArguments = [bound]
            if let ownerID { _ = arguments.append(contentsOf: [ownerID]) }
            let mine = ownerID == nil ? "" : " AND \(column) = ?"
            return try Int.fetchOne(db, sql: sql + mine, arguments: arguments) ?? 0
        }
        return try count(
            "SELECT COUNT(*) FROM prospect p JOIN user u ON u.id = p.owner_id WHERE \(Self.untreated)", since,
            owner: "p.owner_id")
            + count(
                "SELECT COUNT(*) FROM follow_up f WHERE \(Self.overdue)", Timestamp.string(now), owner: "f.owner_id")
    }

    private var since: String {
        Timestamp.string(now.addingTimeInterval(-Double(settings.untreatedDays) * 86_400))
    }

    /// Assigned prospects still open that nobody acted on since their assignment, assigned
    /// before the argument; `p` is the prospect.
    private static let untreated = """
        p.assigned_at <= ? AND p.archived_at IS NULL AND p.do_not_contact = 0
          AND p.pipeline_status IN (\(AssignmentEngine.openStatuses))
          AND NOT EXISTS (SELECT 1 FROM activity a WHERE a.siren = p.siren AND a.user_id IS NOT NULL
                          AND a.created_at >= p.assigned_at)
        """

    /// Open follow-ups due at the argument or before; `f` is the follow-up.
    private static let overdue = "f.done_at IS NULL AND f.due_at <= ?"
}
