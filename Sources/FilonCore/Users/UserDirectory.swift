import Foundation
import GRDB

/// The team: who may sign in, with which role and capacity, and how busy each one is.
///
/// Every change needs an active admin (`by adminID`) and leaves an `audit_log` row naming them,
/// with one exception: while there is no active admin, the first admin is added without one
/// (there is nobody to ask). Disabling a user gives their prospects and pending callbacks to the
/// others at once (`AssignmentEngine.disable`), and the last active admin cannot be disabled.
public struct UserDirectory: Sendable {
    public let now: Date
    /// Whose midnight starts "today" in the activity counts: the team works French hours.
    public var timeZone: TimeZone

    public init(now: Date = Date(), timeZone: TimeZone = CallingWindow.france) {
        self.now = now
        self.timeZone = timeZone
    }

    public static let defaultCapacity = 100

    /// 2 to 32 of a–z, 0–9, '.', '_', '-': what OS logins look like, so that the OS login maps
    /// to the CRM user as it is.
    public static func isValidLogin(_ login: String) -> Bool {
        (2...32).contains(login.utf8.count)
            && login.utf8.allSatisfy { byte in
                (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                    || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                    || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
            }
    }

    // MARK: - Reading

    public func user(id: Int, _ db: Database) throws -> CRMUser? { try CRMUser.fetch(id: id, db) }

    public func user(login: String, _ db: Database) throws -> CRMUser? { try CRMUser.fetch(login: login, db) }

    /// Midnight in `timeZone` on the day of `now`.
    public var startOfToday: Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar.startOfDay(for: now)
    }

    /// Every user by login, with their open load and today's calls, emails and notes.
    public func list(_ db: Database) throws -> [UserWorkload] {
        // Each count is a range of one index: prospect_owner for the load, activity_user for
        // the day's actions.
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT \(CRMUser.columns),
                  (SELECT COUNT(*) FROM prospect p WHERE p.owner_id = user.id
                     AND p.pipeline_status IN (\(AssignmentEngine.openStatuses))) AS load,
                  (SELECT COUNT(*) FROM activity a WHERE a.user_id = user.id AND a.created_at >= ?1
                     AND a.kind = 'call') AS calls,
                  (SELECT COUNT(*) FROM activity a WHERE a.user_id = user.id AND a.created_at >= ?1
                     AND a.kind = 'email' AND a.new_value = 'queued') AS emails,
                  (SELECT COUNT(*) FROM activity a WHERE a.user_id = user.id AND a.created_at >= ?1
                     AND a.kind = 'note') AS notes
                FROM user ORDER BY login
                """, arguments: [Timestamp.string(startOfToday)])
        return rows.map { row in
            UserWorkload(
                user: CRMUser(row: row), load: row["load"], callsToday: row["calls"], emailsToday: row["emails"],
                notesToday: row["notes"])
        }
    }

    // MARK: - Changes

    /// Adds a user. `adminID` is the acting admin; nil is accepted only while no active admin
    /// exists, and then only to add an admin.
    ///
    /// - throws: `UserError` for a bad login, name or capacity, a login already taken, or a first
    ///   user who is not an admin; `PermissionError` when the actor is not an active admin.
    @discardableResult
    public func add(
        login: String, name: String, role: UserRole, capacity: Int = UserDirectory.defaultCapacity, by adminID: Int?,
        _ db: Database
    ) throws -> CRMUser {
        guard Self.isValidLogin(login) else { throw UserError.invalidLogin(login) }
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= 100, !name.unicodeScalars.contains(where: Self.isControl) else {
            throw UserError.invalidName(name)
        }
        guard capacity >= 0 else { throw UserError.negativeCapacity(capacity) }
        let actor: String
        var detail = "\(role.rawValue), capacity \(capacity)"
        if try Permissions.hasActiveAdmin(db) {
            guard let adminID else { throw PermissionError.noActor(action: "add users") }
            actor = try Permissions.requireAdmin(adminID, to: "add users", db).login
        } else {
            guard role == .admin else { throw UserError.firstUserMustBeAdmin(login: login) }
            // Nobody else exists to vouch for them: the first admin adds themselves.
            actor = try adminID.flatMap { try CRMUser.fetch(id: $0, db) }?.login ?? login
            detail += ", first admin"
        }
        guard try CRMUser.fetch(login: login, db) == nil else { throw UserError.loginTaken(login) }
        try db.execute(
            sql: "INSERT INTO user (login, name, role, active, capacity, created_at) VALUES (?, ?, ?, 1, ?, ?)",
            arguments: [login, name, role.rawValue, capacity, Timestamp.string(now)])
        let user = CRMUser(id: Int(db.lastInsertedRowID), login: login, name: name, role: role, capacity: capacity)
        try AuditTrail.record(at: now, actor: actor, action: "user_added", target: login, detail: detail, db)
        return user
    }

    /// Disables a user: they can no longer act, and their open prospects and pending callbacks go
    /// to the others of their role now. Disabling a disabled user changes nothing.
    ///
    /// - throws: `PermissionError` unless `adminID` is an active admin; `UserError.unknownUser`;
    ///   `UserError.lastAdmin` for the last active admin.
    @discardableResult
    public func disable(userID: Int, by adminID: Int, _ db: Database) throws -> AssignmentSummary {
        try Permissions.requireAdmin(adminID, to: "disable users", db)
        let user = try existing(userID, db)
        guard user.active else { return AssignmentSummary() }
        if user.role == .admin {
            let admins =
                try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM user WHERE role = 'admin' AND active = 1") ?? 0
            guard admins > 1 else { throw UserError.lastAdmin(login: user.login) }
        }
        return try AssignmentEngine(now: now).disable(userID: userID, by: adminID, db)
    }

    /// Enables a disabled user. New prospects reach them from the daemon's next assignment, or at
    /// once with `Reassignment.rebalance`.
    ///
    /// - Returns: false when they were already active (nothing written).
    @discardableResult
    public func enable(userID: Int, by adminID: Int, _ db: Database) throws -> Bool {
        let admin = try Permissions.requireAdmin(adminID, to: "enable users", db)
        let user = try existing(userID, db)
        guard !user.active else { return false }
        try db.execute(sql: "UPDATE user SET active = 1 WHERE id = ?", arguments: [userID])
        try AuditTrail.record(at: now, actor: admin.login, action: "user_enabled", target: user.login, db)
        return true
    }

    /// Sets how many open prospects the balance gives a user at most. Lowering it moves nothing
    /// by itself: `Reassignment.rebalance` moves the prospects nobody worked yet.
    public func setCapacity(userID: Int, to capacity: Int, by adminID: Int, _ db: Database) throws {
        let admin = try Permissions.requireAdmin(adminID, to: "change capacities", db)
        guard capacity >= 0 else { throw UserError.negativeCapacity(capacity) }
        let user = try existing(userID, db)
        guard user.capacity != capacity else { return }
        try db.execute(sql: "UPDATE user SET capacity = ? WHERE id = ?", arguments: [capacity, userID])
        try AuditTrail.record(
            at: now, actor: admin.login, action: "user_capacity", target: user.login,
            detail: "\(user.capacity) → \(capacity)", db)
    }

    private func existing(_ userID: Int, _ db: Database) throws -> CRMUser {
        guard let user = try CRMUser.fetch(id: userID, db) else { throw UserError.unknownUser(userID) }
        return user
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .control || scalar.properties.generalCategory == .format
    }
}
