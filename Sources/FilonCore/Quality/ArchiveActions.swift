import Foundation
import GRDB

/// An admin archives a record (a duplicate, a business that is not a prospect): it leaves every
/// call queue, the assignment and the dashboards, which all read `prospect.archived_at IS NULL`,
/// and keeps its history. Restore brings it back as it was. Both are journaled (`activity`
/// 'archive' with the reason, `audit_log`).
public struct ArchiveActions: Sendable {
    public let now: Date

    public init(now: Date = Date()) { self.now = now }

    var stamp: String { Timestamp.string(now) }

    /// Archives `siren` for `reason`. A company never scored gets its prospect row now, archived,
    /// so that it leaves the operator list too.
    ///
    /// - throws: `PermissionError` unless `adminID` is an active admin; `ArchiveError`.
    public func archive(siren: Int, reason: String, by adminID: Int, _ db: Database) throws {
        let admin = try Permissions.requireAdmin(adminID, to: "archive records", db)
        guard
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM company WHERE siren = ?)", arguments: [siren])
                == true
        else { throw ArchiveError.unknownCompany(siren) }
        if let since = try String.fetchOne(
            db, sql: "SELECT archived_at FROM prospect WHERE siren = ?", arguments: [siren])
        {
            throw ArchiveError.alreadyArchived(siren, since: since)
        }
        try db.execute(
            sql: """
                INSERT INTO prospect (siren, created_at, updated_at) VALUES (?, ?, ?) ON CONFLICT (siren) DO NOTHING
                """, arguments: [siren, stamp, stamp])
        // The reservation goes too: an operator holding it would otherwise keep it on screen.
        try db.execute(
            sql: """
                UPDATE prospect SET archived_at = ?, reserved_by = NULL, reserved_until = NULL, updated_at = ?,
                  version = version + 1
                WHERE siren = ?
                """, arguments: [stamp, stamp, siren])
        try journal(siren, old: nil, new: "archived", detail: reason, by: adminID, db)
        try AuditTrail.record(
            at: now, actor: admin.login, action: "archive", target: Siren.pad(siren, 9), detail: reason, db)
    }

    /// Brings `siren` back into the queues and dashboards.
    ///
    /// - throws: `PermissionError` unless `adminID` is an active admin; `ArchiveError.notArchived`,
    ///   `.merged` for a record a merge archived (undo the merge instead).
    public func restore(siren: Int, by adminID: Int, _ db: Database) throws {
        let admin = try Permissions.requireAdmin(adminID, to: "restore archived records", db)
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT archived_at, merged_into FROM prospect WHERE siren = ?", arguments: [siren])
        else {
            let exists = try Bool.fetchOne(
                db, sql: "SELECT EXISTS (SELECT 1 FROM company WHERE siren = ?)", arguments: [siren])
            throw exists == true ? ArchiveError.notArchived(siren) : ArchiveError.unknownCompany(siren)
        }
        if let into = row["merged_into"] as Int? { throw ArchiveError.merged(siren, into: into) }
        guard let since = row["archived_at"] as String? else { throw ArchiveError.notArchived(siren) }
        try db.execute(
            sql: "UPDATE prospect SET archived_at = NULL, updated_at = ?, version = version + 1 WHERE siren = ?",
            arguments: [stamp, siren])
        try journal(siren, old: "archived", new: "restored", detail: "archived since \(since)", by: adminID, db)
        try AuditTrail.record(at: now, actor: admin.login, action: "restore", target: Siren.pad(siren, 9), db)
    }

    private func journal(_ siren: Int, old: String?, new: String, detail: String, by adminID: Int, _ db: Database)
        throws
    {
        try db.execute(
            sql: """
                INSERT INTO activity (siren, user_id, kind, old_value, new_value, detail, created_at)
                VALUES (?, ?, 'archive', ?, ?, ?, ?)
                """, arguments: [siren, adminID, old, new, detail, stamp])
    }
}
