import Foundation
import GRDB

/// The consent of a person reached at a consumer mailbox (RGPD R1): `gmail.com`, `orange.fr`
/// and the like are treated as a private person's address, which L34-5 opens to prospecting
/// only with prior consent. The consent is the person's, so it is kept on every card holding the
/// address (`contact_point.consent_at`).
public enum EmailConsent {
    /// Whether `address` may be written to: not a consumer mailbox, or one whose owner consented.
    public static func allows(_ address: String, _ db: Database) throws -> Bool {
        guard EmailKind.of(address).needsConsent else { return true }
        return try Bool.fetchOne(
            db,
            sql: """
                SELECT EXISTS (SELECT 1 FROM contact_point WHERE kind = 'email' AND normalized = ?
                  AND consent_at IS NOT NULL)
                """, arguments: [ContactNormalizer.normalize(address, kind: .email)]) ?? false
    }

    /// Records that the person agreed at `date`, as `userID` (who must be allowed to act on the
    /// prospect). The address is added to the prospect's card when it is not there yet.
    ///
    /// - throws: `ContactRecordError.unknownProspect`, `.futureDate`; the owner-or-admin rule's
    ///   `ActionError`s; `EmailError.invalidAddress` for text that is not an address.
    public static func record(
        siren: Int, address: String, userID: Int, at date: Date, now: Date = Date(), _ db: Database
    ) throws {
        try ContactRecord.check(siren: siren, at: date, now: now, db)
        _ = try ProspectActions(userID: userID, now: now).authorize(
            siren, expectedVersion: nil, allowDoNotContact: false, db)
        let value = try EmailAddress(address, role: "consenting address").value
        let normalized = ContactNormalizer.normalize(value, kind: .email)
        let stamp = Timestamp.string(date)
        try db.execute(
            sql: """
                INSERT INTO contact_point (siren, kind, value, normalized, subtype, is_personal, source, retrieved_at,
                  consent_at)
                VALUES (?, 'email', ?, ?, 'nominative', 1, 'manual', ?, ?)
                ON CONFLICT (siren, kind, normalized) DO UPDATE SET consent_at = excluded.consent_at
                """, arguments: [siren, value, normalized, stamp, stamp])
        try db.execute(
            sql:
                "UPDATE contact_point SET consent_at = ? WHERE kind = 'email' AND normalized = ? AND consent_at IS NULL",
            arguments: [stamp, normalized])
        try db.execute(
            sql: """
                INSERT INTO activity (siren, user_id, kind, new_value, detail, created_at)
                VALUES (?, ?, 'other', 'consent', ?, ?)
                """, arguments: [siren, userID, "email consent: \(value)", stamp])
    }
}
