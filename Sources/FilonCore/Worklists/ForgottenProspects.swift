import Foundation
import GRDB

/// Prospects that will not come back by themselves: assigned, still open, with no follow-up
/// planned, no call scheduled, and nobody's action for `untreated_days` (nor since they were
/// assigned). The longest forgotten first. What `FollowUpWatch` raises as alerts, as a list an
/// operator can work.
public struct ForgottenProspects: Sendable {
    public let settings: CallingSettings
    public let now: Date

    public init(settings: CallingSettings, now: Date) {
        self.settings = settings
        self.now = now
    }

    /// One user's forgotten prospects; everyone's when `ownerID` is nil.
    public func entries(ownerID: Int?, limit: Int, _ db: Database) throws -> [WorklistEntry] {
        let since = Timestamp.string(now.addingTimeInterval(-Double(settings.untreatedDays) * 86_400))
        let stamp = Timestamp.string(now)
        let owner = ownerID == nil ? "p.owner_id IS NOT NULL" : "p.owner_id = ?"
        var arguments: StatementArguments = []
        if let ownerID { _ = arguments.append(contentsOf: [ownerID]) }
        _ = arguments.append(contentsOf: [stamp, since, limit])
        // The last touch: the newest human action (last_action_at, v8), else the assignment.
        // prospect_forgotten holds it in the list's order: the walk stops at the limit, and
        // filters owner and call state on the index. It is named because for one owner SQLite
        // would rather read all their prospects (prospect_live) and sort them; with the activity
        // and follow-ups looked up for each, that took 27 s at 1 M companies (filon-bench tui).
        return try Row.fetchAll(
            db,
            sql: """
                SELECT p.siren, c.name, c.city, p.pipeline_status, u.login, \(Self.touched) AS touched
                FROM prospect p INDEXED BY prospect_forgotten
                JOIN company c ON c.siren = p.siren JOIN user u ON u.id = p.owner_id
                WHERE \(owner) AND \(Self.candidates)
                  AND NOT (p.call_state = 'recycle' AND p.next_call_at > ?)
                  AND NOT EXISTS (SELECT 1 FROM follow_up f WHERE f.siren = p.siren AND f.done_at IS NULL)
                  AND \(Self.touched) <= ?
                ORDER BY \(Self.touched), p.siren LIMIT ?
                """, arguments: arguments
        ).compactMap { row in
            guard let touched = Timestamp.date(row["touched"]) else { return nil }
            return WorklistEntry(
                siren: row["siren"], name: row["name"], city: row["city"],
                status: (row["pipeline_status"] as String?).flatMap(PipelineStatus.init(rawValue:)),
                owner: row["login"], at: touched)
        }
    }

    /// When the prospect was last touched, in the words of `prospect_forgotten`'s first column.
    static let touched = "COALESCE(p.last_action_at, p.assigned_at, p.created_at)"

    /// Open prospects with an owner, in the words of `prospect_forgotten`'s WHERE (the owner's
    /// condition beside it implies `owner_id IS NOT NULL`).
    static let candidates = """
        p.archived_at IS NULL AND p.do_not_contact = 0
          AND p.pipeline_status IN (\(AssignmentEngine.openStatuses))
        """
}
