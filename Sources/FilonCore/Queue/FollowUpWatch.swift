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
            sql: """
                SELECT id, siren, due_at FROM follow_up f
                WHERE shared = 0 AND done_at IS NULL AND due_at <= ? AND \(Self.liveFollowUp)
                """,
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
                SELECT p.siren, u.login, p.assigned_at FROM prospect p INDEXED BY prospect_unworked
                JOIN user u ON u.id = p.owner_id
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
    /// of 200,000 assigned prospects took a quarter of a second (filon-bench tui). Both counts
    /// read a partial index alone: a few milliseconds for a hundred thousand untreated prospects.
    public func alertCount(ownerID: Int?, _ db: Database) throws -> Int {
        func count(_ sql: String, _ bound: String, owner column: String, everyone: String = "") throws -> Int {
            var arguments: StatementArguments = [bound]
            if let ownerID { _ = arguments.append(contentsOf: [ownerID]) }
            let owners = ownerID == nil ? everyone : " AND \(column) = ?"
            return try Int.fetchOne(db, sql: sql + owners, arguments: arguments) ?? 0
        }
        // The list joins the owner's user row; the foreign key (ON DELETE SET NULL) makes any
        // owner a user, so everyone's count only needs an owner, which the index holds.
        return try count(
            "SELECT COUNT(*) FROM prospect p INDEXED BY prospect_unworked WHERE \(Self.untreated)", since,
            owner: "p.owner_id", everyone: " AND p.owner_id IS NOT NULL")
            // Everyone's overdue follow-ups include those of nobody, as the list does.
            + count(
                "SELECT COUNT(*) FROM follow_up f WHERE \(Self.overdue)", Timestamp.string(now), owner: "f.owner_id")
    }

    private var since: String {
        Timestamp.string(now.addingTimeInterval(-Double(settings.untreatedDays) * 86_400))
    }

    /// Assigned prospects still open that nobody acted on since their assignment, assigned
    /// before the argument; `p` is the prospect, read through `prospect_unworked` (named by the
    /// queries, so that a WHERE drifting from the index's words fails instead of reading every
    /// open prospect's activity: 40 ms for one telepro, 112 ms for everyone at 1 M companies).
    /// "Nobody acted since" is `last_action_at` (the newest activity with a user, v8) older
    /// than the assignment or missing: no activity with a user at or after `assigned_at`.
    private static let untreated = ReportBuilder.unworked + " AND p.assigned_at <= ?"

    /// Open follow-ups due at the argument or before; `f` is the follow-up.
    private static let overdue = "f.done_at IS NULL AND f.due_at <= ? AND \(liveFollowUp)"

    /// A follow-up `f` of a record that is not archived: an archived prospect keeps its history,
    /// but nobody is asked to call it back.
    public static let liveFollowUp =
        "NOT EXISTS (SELECT 1 FROM prospect archived WHERE archived.siren = f.siren AND archived.archived_at IS NOT NULL)"
}
