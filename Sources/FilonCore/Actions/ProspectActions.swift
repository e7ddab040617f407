import Foundation
import GRDB

/// What an operator does to a prospect from its card, with the rules the core enforces whatever
/// the screen shows: only its owner (or an admin) acts on it, nothing but a note or a status
/// change on a prospect that must not be contacted, and no silent overwrite of someone else's
/// change (`version`). Every action is an `activity` row with its user and time.
public struct ProspectActions: Sendable {
    public let userID: Int
    public let now: Date

    public init(userID: Int, now: Date = Date()) {
        self.userID = userID
        self.now = now
    }

    var stamp: String { Timestamp.string(now) }

    public func addNote(siren: Int, text: String, expectedVersion: Int? = nil, _ db: Database) throws {
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw ActionError.emptyNote }
        _ = try authorize(siren, expectedVersion: expectedVersion, allowDoNotContact: true, db)
        try db.execute(
            sql: """
                UPDATE prospect SET notes = CASE WHEN notes IS NULL OR notes = '' THEN ? ELSE notes || char(10) || ? END,
                  updated_at = ?, version = version + 1 WHERE siren = ?
                """, arguments: [text, text, stamp, siren])
        try journal(siren, kind: "note", old: nil, new: nil, detail: text, db)
    }

    /// A callback at `date`: personal unless `shared`.
    public func scheduleFollowUp(siren: Int, at date: Date, shared: Bool = false, note: String? = nil, _ db: Database)
        throws
    {
        guard date > now else { throw ActionError.followUpInThePast(Timestamp.string(date)) }
        _ = try authorize(siren, expectedVersion: nil, allowDoNotContact: false, db)
        try db.execute(
            sql: """
                INSERT INTO follow_up (siren, owner_id, due_at, shared, note, created_by, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [siren, userID, Timestamp.string(date), shared, note, userID, stamp])
        try journal(
            siren, kind: "follow_up", old: nil, new: Timestamp.string(date), detail: shared ? "shared" : "personal", db)
    }

    public func changeStatus(siren: Int, to status: PipelineStatus, expectedVersion: Int? = nil, _ db: Database) throws
    {
        let current = try authorize(siren, expectedVersion: expectedVersion, allowDoNotContact: true, db)
        guard current.status != status else { return }
        try db.execute(
            sql: "UPDATE prospect SET pipeline_status = ?, updated_at = ?, version = version + 1 WHERE siren = ?",
            arguments: [status.rawValue, stamp, siren])
        try journal(siren, kind: "status_change", old: current.status.rawValue, new: status.rawValue, detail: nil, db)
    }

    /// "Ne plus contacter": final for calls and emails; the screen asks for confirmation first.
    public func markDoNotContact(siren: Int, reason: String?, _ db: Database) throws {
        _ = try authorize(siren, expectedVersion: nil, allowDoNotContact: true, db)
        try db.execute(
            sql: """
                UPDATE prospect SET do_not_contact = 1, call_state = 'stopped', reserved_by = NULL,
                  reserved_until = NULL, updated_at = ?, version = version + 1 WHERE siren = ?
                """, arguments: [stamp, siren])
        try db.execute(
            sql: "UPDATE follow_up SET done_at = ? WHERE siren = ? AND done_at IS NULL", arguments: [stamp, siren])
        try journal(siren, kind: "do_not_contact", old: nil, new: "1", detail: reason, db)
        // The flag lives on a row a purge deletes; the suppression list keeps the objection.
        try SuppressionList(now: now).addCompany(siren: siren, reason: reason ?? "ne plus contacter", by: userID, db)
    }

    // MARK: - Rules

    struct Current {
        var status: PipelineStatus
    }

    /// Who may act (`Permissions.requireCaller`), the optimistic version check and "ne plus contacter": every
    /// action on a prospect passes here (the outbox's too).
    func authorize(_ siren: Int, expectedVersion: Int?, allowDoNotContact: Bool, _ db: Database) throws
        -> Current
    {
        // Whoever may call it may note it, plan it and change it: the owner, an admin, the operator
        // the queue reserved it for, anyone on a shared callback (the one rule, `requireCaller`).
        try Permissions.requireCaller(siren: siren, userID: userID, at: now, db)
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT version, do_not_contact, pipeline_status FROM prospect WHERE siren = ?",
                arguments: [siren])
        else { throw ActionError.unknownProspect(siren) }
        if let expectedVersion, (row["version"] as Int) != expectedVersion {
            throw ActionError.changedMeanwhile(siren)
        }
        if !allowDoNotContact, row["do_not_contact"] as Bool { throw ActionError.doNotContact(siren) }
        return Current(status: PipelineStatus(rawValue: row["pipeline_status"]) ?? .nouveau)
    }

    private func journal(_ siren: Int, kind: String, old: String?, new: String?, detail: String?, _ db: Database) throws
    {
        try db.execute(
            sql: """
                INSERT INTO activity (siren, user_id, kind, old_value, new_value, detail, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [siren, userID, kind, old, new, detail, stamp])
    }
}
