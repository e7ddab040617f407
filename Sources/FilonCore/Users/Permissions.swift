import Foundation
import GRDB

/// Who may do what, checked in the core whatever a screen shows or hides: an active user acts,
/// only an admin manages users, reassigns and opens the admin screen, and an operator works only
/// the prospects that are theirs (or that the queue handed them).
public enum Permissions {
    /// The acting user, who must exist and be active.
    ///
    /// - throws: `PermissionError.unknownUser` or `.inactive`.
    @discardableResult
    public static func requireActor(_ userID: Int, _ db: Database) throws -> CRMUser {
        guard let user = try CRMUser.fetch(id: userID, db) else { throw PermissionError.unknownUser(userID) }
        guard user.active else { throw PermissionError.inactive(login: user.login) }
        return user
    }

    /// The acting user, who must be an active admin to do `action` (said in the refusal: "only an
    /// admin can `action`").
    ///
    /// - throws: `PermissionError.unknownUser`, `.inactive` or `.notAdmin`.
    @discardableResult
    public static func requireAdmin(
        _ userID: Int, to action: String = "manage users and reassign prospects", _ db: Database
    ) throws -> CRMUser {
        let user = try requireActor(userID, db)
        guard user.role == .admin else { throw PermissionError.notAdmin(login: user.login, action: action) }
        return user
    }

    /// Whether the user may open the admin screen: an active admin.
    public static func canOpenAdminScreen(_ userID: Int, _ db: Database) throws -> Bool {
        guard let user = try CRMUser.fetch(id: userID, db) else { return false }
        return user.active && user.role == .admin
    }

    /// Whether some active admin exists. Until one does, the first admin may be added without an
    /// acting admin (there is nobody to ask).
    public static func hasActiveAdmin(_ db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM user WHERE role = 'admin' AND active = 1)") ?? false
    }

    /// Whose figures `viewer` may read when asking for `requested`'s (nil: the whole team): an admin
    /// reads anyone's and the team's; an operator reads their own only, and asking for no one
    /// gives them their own. Until a team has an admin (a single person trying Filon) everything
    /// is open, as adding the first admin is.
    ///
    /// - returns: the login the report must be limited to, or nil for the team.
    /// - throws: `PermissionError.unknownLogin`, `.inactive` or `.notAdmin`.
    public static func reportScope(viewer: String, requested: String?, _ db: Database) throws -> String? {
        guard try hasActiveAdmin(db) else { return requested }
        guard let user = try CRMUser.fetch(login: viewer, db) else { throw PermissionError.unknownLogin(viewer) }
        guard user.active else { throw PermissionError.inactive(login: user.login) }
        if user.role == .admin { return requested }
        guard requested == nil || requested == user.login else {
            throw PermissionError.notAdmin(login: user.login, action: "read another user's or the team's figures")
        }
        return user.login
    }

    /// May `userID` record a call on `siren` at `date`? Its owner may, an admin may, and so may
    /// the operator the queue reserved it for or anyone when it has a pending shared callback
    /// (a shared callback is for whoever of the team is free).
    ///
    /// - throws: `ActionError.inactiveUser`, `.unknownProspect` or `.notYourProspect`, the errors the
    ///   operator screen already shows as refusals.
    public static func requireCaller(siren: Int, userID: Int, at date: Date, _ db: Database) throws {
        guard let user = try CRMUser.fetch(id: userID, db), user.active else {
            throw ActionError.inactiveUser(userID)
        }
        guard
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT p.owner_id, u.name AS owner_name,
                      p.reserved_by = ?2 AND p.reserved_until > ?3 AS reserved_for_them,
                      EXISTS (SELECT 1 FROM follow_up f WHERE f.siren = p.siren AND f.shared = 1 AND f.done_at IS NULL)
                        AS shared_callback
                    FROM prospect p LEFT JOIN user u ON u.id = p.owner_id WHERE p.siren = ?1
                    """, arguments: [siren, userID, Timestamp.string(date)])
        else { throw ActionError.unknownProspect(siren) }
        if user.role == .admin || (row["owner_id"] as Int?) == userID { return }
        if (row["reserved_for_them"] as Bool?) == true || (row["shared_callback"] as Bool) { return }
        throw ActionError.notYourProspect(owner: row["owner_name"])
    }
}
