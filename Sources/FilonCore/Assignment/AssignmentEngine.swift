import Foundation
import GRDB

/// Gives every eligible prospect exactly one active owner of the right role, balancing open
/// prospects against each user's capacity, and journals every assignment with its reason.
///
/// Eligible: routed to `sales` or `telemarketing`, not archived, not "ne plus contacter", company
/// active, pipeline status still open. A prospect whose owner left (disabled, absent, or of the
/// wrong role for its route) is reassigned, its pending callbacks with it; a prospect with a valid
/// owner is never moved by the balance.
public struct AssignmentEngine: Sendable {
    public let now: Date

    public init(now: Date = Date()) { self.now = now }

    /// The role that works a route.
    public static func role(for route: String) -> String? {
        switch route {
        case "sales": return "commercial"
        case "telemarketing": return "telepro"
        default: return nil
        }
    }

    static let openStatuses = PipelineStatus.allCases.filter(\.isOpen).map { "'\($0.rawValue)'" }
        .joined(separator: ", ")

    /// Users who can take prospects now, with their open load.
    func availableUsers(_ db: Database) throws -> [AssignableUser] {
        let stamp = Timestamp.string(now)
        return try Row.fetchAll(
            db,
            sql: """
                SELECT u.id, u.login, u.role, u.capacity,
                  (SELECT COUNT(*) FROM prospect p WHERE p.owner_id = u.id
                     AND p.pipeline_status IN (\(Self.openStatuses))) AS load
                FROM user u
                WHERE u.active = 1 AND u.role IN ('commercial', 'telepro') AND u.capacity > 0
                  AND (u.absent_until IS NULL OR u.absent_until <= ?)
                ORDER BY u.id
                """, arguments: [stamp]
        ).map {
            AssignableUser(
                id: $0["id"], login: $0["login"], role: $0["role"], capacity: $0["capacity"], load: $0["load"])
        }
    }

    /// Assigns the eligible prospects that have no valid owner; best tiers and scores first.
    public func assignUnowned(_ db: Database) throws -> AssignmentSummary {
        var users = try availableUsers(db)
        let stamp = Timestamp.string(now)
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT p.siren, p.route, p.owner_id, u.login AS owner_login FROM prospect p
                JOIN company c ON c.siren = p.siren
                LEFT JOIN user u ON u.id = p.owner_id
                WHERE p.route IN ('sales', 'telemarketing') AND p.archived_at IS NULL AND p.do_not_contact = 0
                  AND NOT EXISTS (SELECT 1 FROM suppression s WHERE s.siren = p.siren)
                  AND c.state = 'A' AND p.pipeline_status IN (\(Self.openStatuses))
                  AND (u.id IS NULL OR u.active = 0 OR (u.absent_until IS NOT NULL AND u.absent_until > ?)
                       OR u.role != CASE p.route WHEN 'sales' THEN 'commercial' ELSE 'telepro' END)
                ORDER BY p.tier, p.score DESC, p.siren
                """, arguments: [stamp])
        var summary = AssignmentSummary()
        for row in rows {
            let route: String = row["route"]
            guard let role = Self.role(for: route) else { continue }
            // The least loaded for its capacity: (open + 1) / capacity, lowest id on ties.
            guard
                let index = users.indices.filter({ users[$0].role == role }).min(by: {
                    users[$0].share < users[$1].share
                        || (users[$0].share == users[$1].share && users[$0].id < users[$1].id)
                })
            else {
                summary.waiting[role, default: 0] += 1
                continue
            }
            let siren: Int = row["siren"]
            let previous: Int? = row["owner_id"]
            let reason =
                previous == nil
                ? "\(route): least loaded \(role) (\(users[index].load) open of \(users[index].capacity))"
                : "\(route): previous owner \(row["owner_login"] as String? ?? "?") unavailable"
            try setOwner(
                siren: siren, owner: users[index], previous: row["owner_login"], reason: reason, actor: nil, db)
            if let previous {
                // The prospect's pending callbacks follow it: nobody would make them otherwise.
                try db.execute(
                    sql: "UPDATE follow_up SET owner_id = ? WHERE siren = ? AND owner_id = ? AND done_at IS NULL",
                    arguments: [users[index].id, siren, previous])
            }
            users[index].load += 1
            summary.assigned += 1
            summary.byUser[users[index].login, default: 0] += 1
        }
        return summary
    }

    /// An admin gives a prospect to a user by hand.
    public func assign(siren: Int, to userID: Int, by adminID: Int, _ db: Database) throws {
        try requireAdmin(adminID, to: "assign prospects by hand", db)
        guard let target = try availableUsers(db).first(where: { $0.id == userID }) else {
            throw AssignmentError.unavailable(userID)
        }
        guard
            let row = try Row.fetchOne(
                db,
                sql: "SELECT p.siren, u.login FROM prospect p LEFT JOIN user u ON u.id = p.owner_id WHERE p.siren = ?",
                arguments: [siren])
        else { throw AssignmentError.unknownProspect(siren) }
        try setOwner(siren: siren, owner: target, previous: row["login"], reason: "manual", actor: adminID, db)
    }

    /// Disables a user and gives their prospects and pending callbacks to the others.
    public func disable(userID: Int, by adminID: Int, _ db: Database) throws -> AssignmentSummary {
        let admin = try requireAdmin(adminID, to: "disable users", db)
        try db.execute(sql: "UPDATE user SET active = 0 WHERE id = ?", arguments: [userID])
        let login = try String.fetchOne(db, sql: "SELECT login FROM user WHERE id = ?", arguments: [userID])
        try AuditTrail.record(at: now, actor: admin.login, action: "user_disabled", target: login ?? String(userID), db)
        return try assignUnowned(db)
    }

    /// `Permissions.requireAdmin`, refused as `AssignmentError.notAdmin` as this API always did.
    @discardableResult
    private func requireAdmin(_ adminID: Int, to action: String, _ db: Database) throws -> CRMUser {
        do {
            return try Permissions.requireAdmin(adminID, to: action, db)
        } catch is PermissionError {
            throw AssignmentError.notAdmin(adminID)
        }
    }

    /// Gives `siren` to `owner` and journals it (`activity` 'assignment': old and new owner, the
    /// reason, the acting admin or nil for the daemon); the version bump tells open screens.
    func setOwner(
        siren: Int, owner: AssignableUser, previous: String?, reason: String, actor: Int?, _ db: Database
    ) throws {
        let stamp = Timestamp.string(now)
        // Cached statements: a round or a bulk reassignment moves thousands of prospects.
        try db.cachedStatement(
            sql:
                "UPDATE prospect SET owner_id = ?, assigned_at = ?, updated_at = ?, version = version + 1 WHERE siren = ?"
        ).execute(arguments: [owner.id, stamp, stamp, siren])
        try db.cachedStatement(
            sql: """
                INSERT INTO activity (siren, user_id, kind, old_value, new_value, detail, created_at)
                VALUES (?, ?, 'assignment', ?, ?, ?, ?)
                """
        ).execute(arguments: [siren, actor, previous, owner.login, reason, stamp])
    }
}
