import Foundation
import GRDB

/// An admin moves prospects between people: one or a selection to a user, all of a user's to a
/// user or over the team, or "rebalance now". Only an active admin may.
///
/// Every move is journaled as the daemon's assignments are (`activity` 'assignment': the admin as
/// user, old and new owner, the reason 'manual', 'bulk' or 'rebalance'), bumps the prospect's
/// version so that open screens reload it, and takes the previous owner's pending personal
/// callbacks along: nobody would make them otherwise. Each call also leaves one `audit_log` row.
///
/// Left where they are, and listed in the summary: prospects reserved by an operator right now
/// (on their screen), and prospects routed to a role the new owner does not have (the daemon
/// would give them back to that role at its next pass).
public struct Reassignment: Sendable {
    public let now: Date

    public init(now: Date = Date()) { self.now = now }

    var stamp: String { Timestamp.string(now) }

    // MARK: - By hand

    /// Gives these prospects to `userID`. Journaled as 'manual' for one, 'bulk' for several.
    ///
    /// - throws: `PermissionError` unless `adminID` is an active admin;
    ///   `ReassignmentError.unknownProspect` (nothing moved) for a SIREN without a prospect;
    ///   `.unknownUser` or `.cannotTake` for a user who cannot take prospects.
    @discardableResult
    public func reassign(sirens: [Int], to userID: Int, by adminID: Int, _ db: Database) throws
        -> ReassignmentSummary
    {
        let admin = try Permissions.requireAdmin(adminID, to: "reassign prospects", db)
        let target = try taker(userID, db)
        var seen = Set<Int>()
        let sirens = sirens.filter { seen.insert($0).inserted }
        let found = try prospects(
            where: "p.siren IN (SELECT value FROM json_each(?))",
            arguments: ["[" + sirens.map(String.init).joined(separator: ",") + "]"], db)
        let bySiren = Dictionary(found.map { ($0.siren, $0) }, uniquingKeysWith: { first, _ in first })
        if let missing = sirens.first(where: { bySiren[$0] == nil }) {
            throw ReassignmentError.unknownProspect(missing)
        }
        let reason = sirens.count == 1 ? "manual" : "bulk"
        var summary = ReassignmentSummary()
        for siren in sirens {
            guard let prospect = bySiren[siren] else { continue }
            if let skip = skipReason(prospect, to: target) {
                summary.skipped.append(SkippedProspect(siren: siren, reason: skip))
                continue
            }
            try move(prospect, to: target, reason: reason, by: adminID, &summary, db)
        }
        try AuditTrail.record(
            at: now, actor: admin.login, action: "reassign", target: target.login,
            detail: "\(summary.moved) of \(sirens.count) prospects (\(reason))", db)
        return summary
    }

    /// Gives all of `userID`'s open prospects to `target`, or, with no target, spreads them over
    /// the team as the daemon's balance does: each to the available user of its route's role who
    /// is least loaded for their capacity. Won, refused and lost prospects stay: they are the
    /// user's history, not work to do. Journaled as 'bulk'.
    ///
    /// - throws: `PermissionError`, `ReassignmentError.unknownUser`, `.cannotTake` for the target,
    ///   `.sameUser`.
    @discardableResult
    public func reassignAll(from userID: Int, to target: Int?, by adminID: Int, _ db: Database) throws
        -> ReassignmentSummary
    {
        let admin = try Permissions.requireAdmin(adminID, to: "reassign prospects", db)
        guard let source = try CRMUser.fetch(id: userID, db) else { throw ReassignmentError.unknownUser(userID) }
        if target == userID { throw ReassignmentError.sameUser(login: source.login) }
        let single = try target.map { try taker($0, db) }
        let owned = try prospects(
            where:
                "p.owner_id = ? AND p.pipeline_status IN (\(AssignmentEngine.openStatuses)) AND p.archived_at IS NULL",
            arguments: [userID], db)
        var team = try AssignmentEngine(now: now).availableUsers(db).filter { $0.id != userID }
        var summary = ReassignmentSummary()
        for prospect in owned {
            let owner: AssignableUser
            if let single {
                if let skip = skipReason(prospect, to: single) {
                    summary.skipped.append(SkippedProspect(siren: prospect.siren, reason: skip))
                    continue
                }
                owner = single
            } else {
                if let until = prospect.reservedUntil {
                    summary.skipped.append(
                        SkippedProspect(siren: prospect.siren, reason: .reserved(by: prospect.reservedBy, until: until))
                    )
                    continue
                }
                let role = prospect.route.flatMap(AssignmentEngine.role(for:)) ?? source.role.rawValue
                guard let index = Self.leastLoaded(team, role: role) else {
                    summary.skipped.append(
                        SkippedProspect(
                            siren: prospect.siren, reason: .nobodyAvailable(UserRole(rawValue: role) ?? source.role)))
                    continue
                }
                team[index].load += 1
                owner = team[index]
            }
            try move(prospect, to: owner, reason: "bulk", by: adminID, &summary, db)
        }
        try AuditTrail.record(
            at: now, actor: admin.login, action: "reassign_all", target: source.login,
            detail: "\(summary.moved) of \(owned.count) open prospects to \(single?.login ?? "the team")", db)
        return summary
    }

    // MARK: - Rebalance

    /// "Rebalance now": within each role, moves prospects nobody has worked yet (never called, no
    /// call, email, note, status change or callback by anyone) from the users holding more than
    /// their fair share of the role's open prospects (the role's load split by capacity) to
    /// those holding less, until each is within one prospect of it or nothing movable is left.
    /// What a user has touched stays theirs. Present, active users only: the daemon's assignment
    /// already replaces absent and disabled ones. Journaled as 'rebalance'.
    ///
    /// A user over their share gives prospects evenly spread over their queue order, so that
    /// both sides keep a fair mix of good and weaker prospects.
    @discardableResult
    public func rebalance(by adminID: Int, _ db: Database) throws -> ReassignmentSummary {
        let admin = try Permissions.requireAdmin(adminID, to: "rebalance the team", db)
        var summary = ReassignmentSummary()
        for role in [UserRole.commercial, .telepro] {
            try rebalance(role, by: adminID, &summary, db)
        }
        try AuditTrail.record(
            at: now, actor: admin.login, action: "rebalance", target: nil,
            detail: "\(summary.moved) prospects moved", db)
        return summary
    }

    private func rebalance(_ role: UserRole, by adminID: Int, _ summary: inout ReassignmentSummary, _ db: Database)
        throws
    {
        // Unlike the daemon's list, users at capacity 0 count: their share is 0, so "rebalance
        // now" empties what they have not touched.
        var team = try Row.fetchAll(
            db,
            sql: """
                SELECT u.id, u.login, u.role, u.capacity,
                  (SELECT COUNT(*) FROM prospect p WHERE p.owner_id = u.id
                     AND p.pipeline_status IN (\(AssignmentEngine.openStatuses))) AS load
                FROM user u
                WHERE u.active = 1 AND u.role = ? AND (u.absent_until IS NULL OR u.absent_until <= ?)
                ORDER BY u.id
                """, arguments: [role.rawValue, stamp]
        ).map {
            AssignableUser(
                id: $0["id"], login: $0["login"], role: $0["role"], capacity: $0["capacity"], load: $0["load"])
        }
        let capacity = team.reduce(0) { $0 + $1.capacity }
        guard team.count > 1, capacity > 0 else { return }
        let load = team.reduce(0) { $0 + $1.load }
        let share = team.map { Double(load) * Double($0.capacity) / Double(capacity) }
        var room = team.indices.map { max(0, Int(share[$0].rounded(.down)) - team[$0].load) }
        var roomLeft = room.reduce(0, +)
        let routes = ["sales", "telemarketing"].filter { AssignmentEngine.role(for: $0) == role.rawValue }
        let donors = team.indices.filter { team[$0].load > Int(share[$0].rounded(.up)) }
            .sorted { team[$0].load - Int(share[$0].rounded(.up)) > team[$1].load - Int(share[$1].rounded(.up)) }
        for donor in donors where roomLeft > 0 {
            let excess = min(team[donor].load - Int(share[donor].rounded(.up)), roomLeft)
            let movable = try untouched(owner: team[donor].id, routes: routes, db)
            for prospect in Self.spread(movable, taking: excess) {
                guard
                    let receiver = team.indices.filter({ room[$0] > 0 }).min(by: {
                        (team[$0].share, team[$0].id) < (team[$1].share, team[$1].id)
                    })
                else { break }
                try move(prospect, to: team[receiver], reason: "rebalance", by: adminID, &summary, db)
                team[receiver].load += 1
                team[donor].load -= 1
                room[receiver] -= 1
                roomLeft -= 1
            }
        }
    }

    /// `owner`'s open prospects on these routes that nobody worked yet and nobody holds now, in
    /// their queue order (the prospect_queue index: owner, call state, tier, score).
    private func untouched(owner: Int, routes: [String], _ db: Database) throws -> [Held] {
        try prospects(
            where: """
                p.owner_id = ? AND p.call_state = 'fresh' AND p.route IN (SELECT value FROM json_each(?))
                  AND p.pipeline_status IN (\(AssignmentEngine.openStatuses)) AND p.archived_at IS NULL
                  AND p.do_not_contact = 0
                  AND (p.reserved_by IS NULL OR p.reserved_until IS NULL OR p.reserved_until <= ?)
                  AND NOT EXISTS (SELECT 1 FROM activity a WHERE a.siren = p.siren AND a.user_id IS NOT NULL
                                  AND a.kind != 'assignment')
                """,
            arguments: [owner, "[" + routes.map { "\"\($0)\"" }.joined(separator: ",") + "]", stamp], db)
    }

    /// `count` of `items` spread evenly over the list (all of them when there are fewer).
    static func spread<T>(_ items: [T], taking count: Int) -> [T] {
        guard count < items.count else { return items }
        guard count > 0 else { return [] }
        return (0..<count).map { items[$0 * items.count / count] }
    }

    // MARK: - Moving one prospect

    /// A prospect as a move needs it.
    struct Held {
        var siren: Int
        var route: String?
        var ownerID: Int?
        var ownerLogin: String?
        /// Set only while someone holds it.
        var reservedBy: String?
        var reservedByID: Int?
        var reservedUntil: Date?
    }

    private func prospects(where condition: String, arguments: StatementArguments, _ db: Database) throws -> [Held] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT p.siren, p.route, p.owner_id, o.login AS owner_login,
                  CASE WHEN p.reserved_until > ? THEN p.reserved_by END AS reserved_by,
                  CASE WHEN p.reserved_until > ? THEN r.login END AS reserved_login,
                  CASE WHEN p.reserved_until > ? THEN p.reserved_until END AS reserved_until
                FROM prospect p LEFT JOIN user o ON o.id = p.owner_id LEFT JOIN user r ON r.id = p.reserved_by
                WHERE \(condition)
                ORDER BY p.tier, p.score DESC, p.siren
                """, arguments: [stamp, stamp, stamp] + arguments
        ).map { row in
            Held(
                siren: row["siren"], route: row["route"], ownerID: row["owner_id"], ownerLogin: row["owner_login"],
                reservedBy: row["reserved_login"], reservedByID: row["reserved_by"],
                reservedUntil: (row["reserved_until"] as String?).flatMap(Timestamp.date(_:)))
        }
    }

    /// Why `prospect` cannot go to `target`, or nil when it can.
    private func skipReason(_ prospect: Held, to target: AssignableUser) -> SkippedProspect.Reason? {
        if prospect.ownerID == target.id { return .alreadyTheirs(login: target.login) }
        if let until = prospect.reservedUntil, prospect.reservedByID != target.id {
            return .reserved(by: prospect.reservedBy, until: until)
        }
        if let route = prospect.route, let role = AssignmentEngine.role(for: route), role != target.role {
            return .wrongRole(route: route, needs: UserRole(rawValue: role) ?? .telepro)
        }
        return nil
    }

    private func move(
        _ prospect: Held, to owner: AssignableUser, reason: String, by adminID: Int,
        _ summary: inout ReassignmentSummary, _ db: Database
    ) throws {
        try AssignmentEngine(now: now).setOwner(
            siren: prospect.siren, owner: owner, previous: prospect.ownerLogin, reason: reason, actor: adminID, db)
        // Through follow_up_due (owner, due; pending only): the previous owner's pending callbacks.
        try db.cachedStatement(
            sql: """
                UPDATE follow_up SET owner_id = ?
                WHERE owner_id IS ? AND done_at IS NULL AND siren = ? AND shared = 0
                """
        ).execute(arguments: [owner.id, prospect.ownerID, prospect.siren])
        summary.received[owner.login, default: 0] += 1
        if let previous = prospect.ownerLogin { summary.given[previous, default: 0] += 1 }
    }

    // MARK: - Who can take prospects

    /// The user as a new owner, or why they cannot be one.
    private func taker(_ userID: Int, _ db: Database) throws -> AssignableUser {
        guard let user = try CRMUser.fetch(id: userID, db) else { throw ReassignmentError.unknownUser(userID) }
        let why: String? =
            if !user.active {
                "the user is disabled (filon users enable \(user.login))"
            } else if let until = user.absentUntil, until > now {
                "absent until \(Timestamp.string(until))"
            } else if !user.role.worksAQueue {
                "an admin has no call queue: pick a \(UserRole.commercial.label) or a \(UserRole.telepro.label)"
            } else if user.capacity == 0 {
                "capacity 0 (filon users set-capacity \(user.login) N)"
            } else {
                nil
            }
        if let why { throw ReassignmentError.cannotTake(login: user.login, why: why) }
        let load =
            try Int.fetchOne(
                db,
                sql:
                    "SELECT COUNT(*) FROM prospect WHERE owner_id = ? AND pipeline_status IN (\(AssignmentEngine.openStatuses))",
                arguments: [userID]) ?? 0
        return AssignableUser(
            id: user.id, login: user.login, role: user.role.rawValue, capacity: user.capacity, load: load)
    }

    /// The daemon's choice: lowest (load + 1) / capacity, lowest id on ties.
    static func leastLoaded(_ team: [AssignableUser], role: String) -> Int? {
        team.indices.filter { team[$0].role == role && team[$0].capacity > 0 }.min {
            (team[$0].share, team[$0].id) < (team[$1].share, team[$1].id)
        }
    }
}
