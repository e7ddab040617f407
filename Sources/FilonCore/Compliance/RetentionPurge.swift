import Foundation
import GRDB

/// The retention purge (RGPD R6): lists the prospects past `RetentionPolicy` and what personal
/// data each holds (the dry run, anyone may read it), and only on an admin's confirmation
/// anonymises them. What it keeps: the company (registry data about a legal person), the
/// suppression list and opted-out contact points (an objection must outlive the purge, R7), the
/// notices given (proof of R3, the recipient blanked), and the timeline's skeleton (who did
/// what, when) without its free text. Each purged prospect is archived and leaves an
/// `audit_log` row (`retention_purge`, target the SIREN).
public struct RetentionPurge: Sendable {
    public let policy: RetentionPolicy

    public init(policy: RetentionPolicy = RetentionPolicy()) {
        self.policy = policy
    }

    /// Nominative or personal contact points: those the purge deletes.
    static let personalContact = """
        (is_personal = 1 OR subtype IN ('nominative', 'mobile', 'person')) AND opted_out = 0
        """
    /// Timeline rows that carry free text: an operator's notes, an email's recipient and subject.
    static let freeText =
        "kind IN ('call', 'email', 'note', 'other', 'follow_up') AND detail IS NOT NULL AND detail <> ''"

    /// The dry run: what `confirm` would do at `now`. Changes nothing.
    public func report(now: Date, _ db: Database) throws -> PurgeReport {
        var candidates: [PurgeCandidate] = []
        for (siren, clock) in try policy.expired(now: now, db) {
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT (SELECT name FROM company WHERE siren = ?1) AS name,
                      (SELECT COUNT(*) FROM person WHERE siren = ?1 AND kind = 'physical'
                         AND (last_name IS NOT NULL OR first_names IS NOT NULL OR birth_year IS NOT NULL)) AS persons,
                      (SELECT COUNT(*) FROM contact_point WHERE siren = ?1 AND \(Self.personalContact)) AS contacts,
                      (SELECT COUNT(*) FROM contact_point WHERE siren = ?1 AND opted_out = 1) AS objections,
                      (SELECT notes IS NOT NULL AND notes <> '' FROM prospect WHERE siren = ?1) AS notes,
                      (SELECT COUNT(*) FROM activity WHERE siren = ?1 AND \(Self.freeText)) AS texts,
                      (SELECT COUNT(*) FROM email_outbox WHERE siren = ?1 AND status <> 'queued') AS emails
                    """, arguments: [siren])!
            let candidate = PurgeCandidate(
                siren: siren, name: row["name"], clock: clock, persons: row["persons"], contactPoints: row["contacts"],
                keptObjections: row["objections"], hasNotes: row["notes"] ?? false, activityTexts: row["texts"],
                emails: row["emails"])
            // Purged already (or never held anything personal): nothing to report.
            if !candidate.isEmpty { candidates.append(candidate) }
        }
        return PurgeReport(
            cutoff: Timestamp.string(policy.cutoff(now: now)), years: policy.years, applied: false,
            candidates: candidates)
    }

    /// Anonymises what `report(now:)` lists, as `adminID`, in the caller's transaction.
    ///
    /// - throws: `PermissionError` when `adminID` is not an active admin; nothing is changed then.
    @discardableResult
    public func confirm(by adminID: Int, now: Date, _ db: Database) throws -> PurgeReport {
        let admin = try Permissions.requireAdmin(adminID, to: "purge prospects past their retention", db)
        var report = try report(now: now, db)
        let stamp = Timestamp.string(now)
        for candidate in report.candidates {
            let siren = candidate.siren
            try db.execute(
                sql: """
                    UPDATE person SET last_name = NULL, first_names = NULL, birth_year = NULL, erased_at = ?
                    WHERE siren = ? AND kind = 'physical'
                      AND (last_name IS NOT NULL OR first_names IS NOT NULL OR birth_year IS NOT NULL)
                    """, arguments: [stamp, siren])
            try db.execute(
                sql: "DELETE FROM contact_point WHERE siren = ? AND \(Self.personalContact)", arguments: [siren])
            try db.execute(
                sql: "UPDATE activity SET detail = NULL WHERE siren = ? AND \(Self.freeText)", arguments: [siren])
            try db.execute(sql: "DELETE FROM email_outbox WHERE siren = ? AND status <> 'queued'", arguments: [siren])
            try db.execute(sql: "UPDATE follow_up SET note = NULL WHERE siren = ?", arguments: [siren])
            try db.execute(sql: "UPDATE privacy_notice SET recipient = NULL WHERE siren = ?", arguments: [siren])
            try db.execute(
                sql: """
                    UPDATE prospect SET notes = NULL, archived_at = COALESCE(archived_at, ?), updated_at = ?,
                      version = version + 1
                    WHERE siren = ?
                    """, arguments: [stamp, stamp, siren])
            try AuditTrail.record(
                at: now, actor: admin.login, action: "retention_purge", target: Siren.pad(siren, 9),
                detail:
                    "last contact \(candidate.clock), before \(report.cutoff): \(candidate.persons) person(s), "
                    + "\(candidate.contactPoints) contact point(s), \(candidate.activityTexts) timeline text(s), "
                    + "\(candidate.emails) email(s)\(candidate.hasNotes ? ", notes" : "")", db)
        }
        try AuditTrail.record(
            at: now, actor: admin.login, action: "retention_purge_run", target: nil,
            detail: "\(report.candidates.count) prospect(s) past \(policy.years) years (before \(report.cutoff))", db)
        report.applied = true
        return report
    }
}
