import Foundation
import GRDB

/// "My follow-ups today": the open follow-ups of one user due before the end of the day, the
/// overdue ones first (oldest first), then today's by time.
public struct FollowUpAgenda: Sendable {
    /// The end of the operator's day (local midnight), computed by the caller's clock.
    public let endOfDay: Date

    public init(endOfDay: Date) {
        self.endOfDay = endOfDay
    }

    /// The user's follow-ups due before `endOfDay`; every user's when `ownerID` is nil.
    public func entries(ownerID: Int?, limit: Int, _ db: Database) throws -> [WorklistEntry] {
        let owner = ownerID == nil ? "" : "AND f.owner_id = ?"
        var arguments: StatementArguments = [Timestamp.string(endOfDay)]
        if let ownerID { _ = arguments.append(contentsOf: [ownerID]) }
        _ = arguments.append(contentsOf: [limit])
        return try Row.fetchAll(
            db,
            sql: """
                SELECT f.siren, c.name, c.city, p.pipeline_status, u.login, f.due_at, f.note
                FROM follow_up f JOIN company c ON c.siren = f.siren
                LEFT JOIN prospect p ON p.siren = f.siren LEFT JOIN user u ON u.id = f.owner_id
                WHERE f.done_at IS NULL AND f.due_at < ? AND p.archived_at IS NULL \(owner)
                ORDER BY f.due_at, f.id LIMIT ?
                """, arguments: arguments
        ).compactMap { row in
            guard let due = Timestamp.date(row["due_at"]) else { return nil }
            return WorklistEntry(
                siren: row["siren"], name: row["name"], city: row["city"],
                status: (row["pipeline_status"] as String?).flatMap(PipelineStatus.init(rawValue:)),
                owner: row["login"], at: due, note: row["note"])
        }
    }
}
