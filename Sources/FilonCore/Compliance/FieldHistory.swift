import GRDB

/// A company's traceability record (issue 6, RGPD R8): every field change with its source or
/// user and time, and who said each value still held. One chronological list merging
/// `change_event` (registry changes), `field_provenance`, `contact_point`, `person` and the
/// registry row's runs (who said the current values), `activity` (what people and the daemon
/// did: status changes old → new, notes, calls, emails, assignments), `privacy_notice` and the
/// `audit_log` rows whose target is the SIREN.
public enum FieldHistory {
    /// Oldest first; lines at the same time keep the order above.
    ///
    /// - throws: `ContactRecordError.unknownCompany` when no company has this SIREN.
    public static func entries(siren: Int, _ db: Database) throws -> [FieldHistoryEntry] {
        guard
            let company = try Row.fetchOne(
                db,
                sql: """
                    SELECT f.source AS first_source, f.started_at AS first_at, l.source AS last_source,
                      l.started_at AS last_at, c.first_run_id, c.last_run_id
                    FROM company c LEFT JOIN run f ON f.id = c.first_run_id LEFT JOIN run l ON l.id = c.last_run_id
                    WHERE c.siren = ?
                    """, arguments: [siren])
        else { throw ContactRecordError.unknownCompany(siren) }
        var entries: [FieldHistoryEntry] = []
        if let at = company["first_at"] as String? {
            entries.append(
                FieldHistoryEntry(
                    at: at, origin: .provenance, field: "registry record", source: company["first_source"],
                    detail: "created by run #\(company["first_run_id"] as Int)"))
        }
        if let at = company["last_at"] as String?, (company["last_run_id"] as Int?) != (company["first_run_id"] as Int?)
        {
            entries.append(
                FieldHistoryEntry(
                    at: at, origin: .provenance, field: "registry record", source: company["last_source"],
                    detail: "last changed by run #\(company["last_run_id"] as Int)"))
        }
        for row in try Row.fetchAll(
            db,
            sql:
                "SELECT field, source, retrieved_at FROM field_provenance WHERE siren = ? ORDER BY retrieved_at, field",
            arguments: [siren])
        {
            entries.append(
                FieldHistoryEntry(
                    at: row["retrieved_at"], origin: .provenance, field: row["field"], source: row["source"],
                    detail: "current value given"))
        }
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT kind, value, subtype, validation, opted_out, source, retrieved_at FROM contact_point
                WHERE siren = ? ORDER BY retrieved_at, id
                """, arguments: [siren])
        {
            let kind: String = row["kind"]
            let value: String = row["value"]
            var notes: [String] = []
            if kind == "email" {
                notes.append(EmailKind.of(value, subtype: row["subtype"]).label)
            } else if let subtype = row["subtype"] as String? {
                notes.append(subtype)
            }
            if (row["validation"] as String) != "unknown" { notes.append(row["validation"]) }
            if row["opted_out"] as Bool { notes.append("objected") }
            entries.append(
                FieldHistoryEntry(
                    at: row["retrieved_at"], origin: .provenance, field: kind, newValue: value, source: row["source"],
                    detail: notes.joined(separator: ", ")))
        }
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT kind, role, last_name, first_names, legal_name, source, retrieved_at, erased_at FROM person
                WHERE siren = ? ORDER BY retrieved_at, id
                """, arguments: [siren])
        {
            let name = [row["first_names"] as String?, row["last_name"] as String?, row["legal_name"] as String?]
                .compactMap { $0 }.joined(separator: " ")
            let erased = (row["erased_at"] as String?).map { "erased \($0)" }
            entries.append(
                FieldHistoryEntry(
                    at: row["retrieved_at"], origin: .provenance, field: "person",
                    newValue: name.isEmpty ? nil : name, source: row["source"],
                    detail: [row["role"] as String?, erased].compactMap { $0 }.joined(separator: ", ")))
        }
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT kind, old_value, new_value, source, run_id, detected_at FROM change_event
                WHERE siren = ? ORDER BY detected_at, id
                """, arguments: [siren])
        {
            entries.append(
                FieldHistoryEntry(
                    at: row["detected_at"], origin: .change, field: row["kind"], oldValue: row["old_value"],
                    newValue: row["new_value"], source: row["source"],
                    detail: (row["run_id"] as Int?).map { "run #\($0)" }))
        }
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT a.kind, a.disposition, a.old_value, a.new_value, a.detail, a.created_at, u.login
                FROM activity a LEFT JOIN user u ON u.id = a.user_id WHERE a.siren = ? ORDER BY a.created_at, a.id
                """, arguments: [siren])
        {
            let disposition = (row["disposition"] as String?).map { Disposition(rawValue: $0)?.label ?? $0 }
            let detail = [disposition, row["detail"] as String?].compactMap { $0 }.filter { !$0.isEmpty }
            entries.append(
                FieldHistoryEntry(
                    at: row["created_at"], origin: .action, field: row["kind"], oldValue: row["old_value"],
                    newValue: row["new_value"], user: row["login"],
                    source: (row["login"] as String?) == nil ? "daemon" : nil,
                    detail: detail.isEmpty ? nil : detail.joined(separator: " — ")))
        }
        for notice in try PrivacyNotice.all(siren: siren, db) {
            entries.append(
                FieldHistoryEntry(
                    at: notice.notifiedAt, origin: .notice, field: "privacy notice", newValue: notice.version,
                    user: notice.by,
                    detail: [notice.channel.rawValue, notice.recipient].compactMap { $0 }
                        .joined(separator: " to ")))
        }
        for row in try Row.fetchAll(
            db,
            sql: "SELECT at, actor, action, detail FROM audit_log WHERE target IN (?, ?) ORDER BY at, id",
            arguments: [Siren.pad(siren, 9), Siren.format(siren: siren)])
        {
            entries.append(
                FieldHistoryEntry(
                    at: row["at"], origin: .audit, field: row["action"], user: row["actor"], detail: row["detail"]))
        }
        // Stable: lines at the same second keep the order they were gathered in.
        return entries.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }.map(\.element)
    }

    /// The prospect's retention clock and notice state, for the history's header.
    public static func complianceSummary(siren: Int, _ db: Database) throws -> (
        lastInboundContact: String?, informed: Bool
    ) {
        let inbound = try String.fetchOne(
            db, sql: "SELECT last_inbound_contact_at FROM prospect WHERE siren = ?", arguments: [siren])
        let informed =
            try Bool.fetchOne(
                db, sql: "SELECT EXISTS (SELECT 1 FROM privacy_notice WHERE siren = ?)", arguments: [siren])
            ?? false
        return (inbound, informed)
    }
}
