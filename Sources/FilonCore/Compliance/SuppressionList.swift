import Foundation
import GRDB

/// "Ne plus contacter" that outlives everything else (RGPD R7): hashes of normalised emails and
/// phones, and SIRENs, that block calls, emails, paid enrichment and re-entry into the queues, and
/// survive merges, purges and re-imports because nothing else deletes from `suppression`.
///
/// The CNIL suggests keeping hashes rather than named lists: an email or phone is stored only as
/// SHA-256 of `filon-suppression:<kind>:<normalised value>` (`hash(_:kind:)`). The fixed prefix
/// keeps these hashes from matching a plain hash of the same value elsewhere; changing it would
/// unblock everyone, so it never changes. A SIREN row also keeps the SIREN in clear (`siren`
/// column, v10): it identifies a company in a public registry, and the queues must join on it.
///
/// Every method works inside the caller's transaction.
public struct SuppressionList: Sendable {
    /// Never change it: every stored hash depends on it.
    public static let hashPrefix = "filon-suppression:"

    public let now: Date

    public init(now: Date = Date()) {
        self.now = now
    }

    /// The hash stored for `value` of this kind, from its normalised form.
    public static func hash(_ value: String, kind: SuppressionKind) -> String {
        SHA256.hex(hashPrefix + kind.rawValue + ":" + kind.normalize(value))
    }

    // MARK: - Adding

    /// Adds an email, phone or SIREN. Emails and phones also become opted out on every company's
    /// card that has them, so that the queues and the card (which read `opted_out`) leave them out
    /// at once. Empty values are ignored.
    ///
    /// - Returns: whether the entry is new.
    @discardableResult
    public func add(_ kind: SuppressionKind, _ value: String, reason: String?, by userID: Int?, _ db: Database) throws
        -> Bool
    {
        let normalized = kind.normalize(value)
        guard !normalized.isEmpty else { return false }
        let siren: Int? = kind == .siren ? Int(normalized) : nil
        try db.execute(
            sql: """
                INSERT INTO suppression (kind, hash, siren, reason, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (kind, hash) DO NOTHING
                """,
            arguments: [kind.rawValue, Self.hash(value, kind: kind), siren, reason, userID, Timestamp.string(now)])
        let added = db.changesCount == 1
        switch kind {
        case .email, .phone:
            try db.execute(
                sql: "UPDATE contact_point SET opted_out = 1 WHERE kind = ? AND normalized = ? AND opted_out = 0",
                arguments: [kind.rawValue, normalized])
        case .siren:
            if let siren { try flagProspect(siren, db) }
        }
        return added
    }

    /// A company that objected: its SIREN and every email and phone on its card, so that a purge of
    /// the company and a later re-import or enrichment cannot bring any of them back.
    public func addCompany(siren: Int, reason: String?, by userID: Int?, _ db: Database) throws {
        try add(.siren, String(siren), reason: reason, by: userID, db)
        let contacts = try Row.fetchAll(
            db, sql: "SELECT kind, value FROM contact_point WHERE siren = ? AND kind IN ('email', 'phone')",
            arguments: [siren])
        for row in contacts {
            guard let kind = SuppressionKind(rawValue: row["kind"]) else { continue }
            try add(kind, row["value"], reason: reason, by: userID, db)
        }
    }

    /// An objection heard outside the card (a STOP reply, a letter, `filon gdpr suppress`): the
    /// entry (a SIREN with its card's emails and phones) and an `audit_log` line
    /// `suppression_add` naming who recorded it. Any active user may: an objection is honoured
    /// whoever hears it.
    ///
    /// - Returns: whether the entry is new.
    @discardableResult
    public func recordObjection(
        _ kind: SuppressionKind, _ value: String, reason: String, by userID: Int, _ db: Database
    ) throws -> Bool {
        let user = try Permissions.requireActor(userID, db)
        let target: String
        let added: Bool
        switch kind {
        case .siren:
            added = try add(.siren, value, reason: reason, by: userID, db)
            if let siren = Int(kind.normalize(value)) { try addCompany(siren: siren, reason: reason, by: userID, db) }
            target = "siren \(kind.normalize(value))"
        case .email:
            added = try add(kind, value, reason: reason, by: userID, db)
            target = PersonLookup.email(value).auditTarget
        case .phone:
            added = try add(kind, value, reason: reason, by: userID, db)
            target = PersonLookup.phone(value).auditTarget
        }
        try AuditTrail.record(at: now, actor: user.login, action: "suppression_add", target: target, detail: reason, db)
        return added
    }

    /// Contact points marked opted out (a directory's "opposé au marketing direct", R5) that are
    /// not hashed yet: carried into the list so that the objection outlives the contact point.
    /// `siren` narrows it to one company's card.
    public func carryOptOuts(siren: Int? = nil, _ db: Database) throws {
        // Two statements, not `(?1 IS NULL OR siren = ?1)`: that form keeps SQLite off the siren
        // index and scanned every contact point inside each enrichment write (26 ms at 1 M).
        let optedOut = "SELECT kind, value FROM contact_point WHERE opted_out = 1 AND kind IN ('email', 'phone')"
        let rows =
            try siren.map { try Row.fetchAll(db, sql: optedOut + " AND siren = ?", arguments: [$0]) }
            ?? Row.fetchAll(db, sql: optedOut)
        for row in rows {
            guard let kind = SuppressionKind(rawValue: row["kind"]) else { continue }
            try add(kind, row["value"], reason: "opted out (contact point)", by: nil, db)
        }
    }

    /// Sets `prospect.do_not_contact` again on every suppressed company that has a prospect row.
    /// Importers call it after a run so that whatever they wrote, a suppressed SIREN stays out;
    /// the list is small, so this reads it whole.
    public func reapply(_ db: Database) throws {
        try carryOptOuts(db)
        try db.execute(
            sql: """
                UPDATE prospect SET do_not_contact = 1, call_state = 'stopped', reserved_by = NULL,
                  reserved_until = NULL, updated_at = ?, version = version + 1
                WHERE do_not_contact = 0 AND siren IN (SELECT siren FROM suppression WHERE siren IS NOT NULL)
                """, arguments: [Timestamp.string(now)])
    }

    private func flagProspect(_ siren: Int, _ db: Database) throws {
        try db.execute(
            sql: """
                UPDATE prospect SET do_not_contact = 1, call_state = 'stopped', reserved_by = NULL,
                  reserved_until = NULL, updated_at = ?, version = version + 1
                WHERE siren = ? AND do_not_contact = 0
                """, arguments: [Timestamp.string(now), siren])
    }

    // MARK: - Checking

    /// Whether this email, phone or SIREN is on the list. An email or phone opted out on any card
    /// counts too (R5): `carryOptOuts` hashes those when enrichment stores them and after imports.
    public static func contains(_ kind: SuppressionKind, _ value: String, _ db: Database) throws -> Bool {
        let normalized = kind.normalize(value)
        guard !normalized.isEmpty else { return false }
        if try Bool.fetchOne(
            db, sql: "SELECT EXISTS (SELECT 1 FROM suppression WHERE kind = ? AND hash = ?)",
            arguments: [kind.rawValue, hash(value, kind: kind)]) == true
        {
            return true
        }
        guard kind != .siren else { return false }
        return
            try Bool.fetchOne(
                db,
                sql: "SELECT EXISTS (SELECT 1 FROM contact_point WHERE kind = ? AND normalized = ? AND opted_out = 1)",
                arguments: [kind.rawValue, normalized]) ?? false
    }

    /// Whether the company is on the list.
    public static func contains(siren: Int, _ db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM suppression WHERE siren = ?)", arguments: [siren])
            ?? false
    }

    /// A company is out of reach when its SIREN is suppressed, or when it has phones and every one
    /// of them is suppressed or opted out (nothing left to dial).
    public static func blocksCalls(siren: Int, _ db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT \(callBlockedSQL(siren: "?1"))", arguments: [siren]) ?? false
    }

    /// The SQL condition "calls to this company are blocked", for queries that filter many
    /// prospects; `siren` is the column or parameter naming the company.
    public static func callBlockedSQL(siren: String) -> String {
        """
        (EXISTS (SELECT 1 FROM suppression s WHERE s.siren = \(siren))
          OR (EXISTS (SELECT 1 FROM contact_point t WHERE t.siren = \(siren) AND t.kind = 'phone')
            AND NOT EXISTS (SELECT 1 FROM contact_point t WHERE t.siren = \(siren) AND t.kind = 'phone'
              AND t.opted_out = 0)))
        """
    }

    /// How many entries of each kind: the list itself is only hashes, so this is all it can show.
    public static func counts(_ db: Database) throws -> [SuppressionKind: Int] {
        var counts: [SuppressionKind: Int] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT kind, COUNT(*) AS n FROM suppression GROUP BY kind") {
            if let kind = SuppressionKind(rawValue: row["kind"]) { counts[kind] = row["n"] }
        }
        return counts
    }
}
