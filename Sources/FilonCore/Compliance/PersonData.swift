import Foundation
import GRDB

/// Data-protection requests about one person (RGPD R9): find what Filon holds about them, export it
/// with its sources, or erase it. Only an active admin may answer (`Permissions.requireAdmin`), and
/// every answered request leaves an `audit_log` row (`gdpr_export`, `gdpr_erase`) naming the admin,
/// the target (a SIREN, or the first digits of an email's or phone's hash: the audit outlives the
/// erasure and must not keep the value) and what was done. Works in the caller's transaction.
///
/// What an erasure does, and why:
/// - deletes the person rows (directors and contact persons) found, and every email and phone tied
///   to them (their own, or the one searched for);
/// - puts those emails and phones on the suppression list, so that no source stores them again;
/// - when the person objected to prospecting, or is the sole trader (the company is the person),
///   puts the SIREN there too: the company leaves every queue for good, through re-imports;
/// - replaces their full name, emails and phones in the prospect's notes, history and callback
///   notes with "[effacé]": those are free text an operator wrote about them; the lines
///   themselves stay, as the team's record of its own work. Messages to their address keep their
///   date and status with the recipient, and their name in subject and body, redacted; a message
///   still queued to them is failed; an article 14 notice given to them stays as proof, its
///   recipient redacted;
/// - keeps what the law needs: the suppression hashes (to honour the objection) and the audit line.
///
/// A registry director may come back with the next RNE or Sirene refresh: that is public data the
/// registry publishes, and erasing it here does not remove it there. Their erased email and phone
/// never come back, and neither does a suppressed company into a queue.
public struct PersonData: Sendable {
    public static let redaction = "[effacé]"
    /// The controller named in an export (who holds the data); `[mail] sender_name` when set.
    public var controller = "Filon"
    public let lookup: PersonLookup
    public let now: Date

    public init(_ lookup: PersonLookup, now: Date = Date()) {
        self.lookup = lookup
        self.now = now
    }

    var stamp: String { Timestamp.string(now) }

    // MARK: - Requests

    /// Everything held about the person, with sources and dates; audited as `gdpr_export`.
    public func export(by userID: Int, _ db: Database) throws -> PersonExport {
        let admin = try Permissions.requireAdmin(userID, to: "answer data-protection requests", db)
        let found = try find(db)
        let export = try found.export(lookup: lookup, controller: controller, at: stamp, db)
        try AuditTrail.record(
            at: now, actor: admin.login, action: "gdpr_export", target: lookup.auditTarget,
            detail:
                "\(export.persons.count) person(s), \(export.contactPoints.count) contact point(s), "
                + "\(export.mentions.count) mention(s)", db)
        return export
    }

    /// What `erase` would do, without writing anything (not audited: nothing was answered yet).
    public func preview(objected: Bool, by userID: Int, _ db: Database) throws -> ErasureSummary {
        _ = try Permissions.requireAdmin(userID, to: "answer data-protection requests", db)
        return try plan(objected: objected, db)
    }

    /// Erases the person (see the type's comment); audited as `gdpr_erase`.
    @discardableResult
    public func erase(objected: Bool, by userID: Int, _ db: Database) throws -> ErasureSummary {
        let admin = try Permissions.requireAdmin(userID, to: "answer data-protection requests", db)
        var summary = try plan(objected: objected, db)
        let found = try find(db)
        let list = SuppressionList(now: now)
        var added = 0
        for contact in found.contacts {
            if let kind = SuppressionKind(rawValue: contact.kind),
                try list.add(kind, contact.value, reason: "gdpr erasure", by: userID, db)
            {
                added += 1
            }
            try db.execute(sql: "DELETE FROM contact_point WHERE id = ?", arguments: [contact.id])
        }
        switch lookup {
        case .email(let value):
            if try list.add(.email, value, reason: "gdpr erasure", by: userID, db) { added += 1 }
        case .phone(let value):
            if try list.add(.phone, value, reason: "gdpr erasure", by: userID, db) { added += 1 }
        case .name: break
        }
        for person in found.persons {
            try db.execute(sql: "DELETE FROM person WHERE id = ?", arguments: [person.id])
        }
        try redact(found, db)
        for siren in summary.blockedSirens {
            if try list.add(.siren, String(siren), reason: "gdpr erasure: objected", by: userID, db) { added += 1 }
            try list.addCompany(siren: siren, reason: "gdpr erasure: objected", by: userID, db)
        }
        summary.suppressed = added
        // The search index holds directors and phones: index these companies again without them.
        try SearchIndex().index(sirens: found.sirens, db)
        try AuditTrail.record(
            at: now, actor: admin.login, action: "gdpr_erase", target: lookup.auditTarget,
            detail:
                "\(summary.persons) person(s), \(summary.contactPoints) contact point(s), "
                + "\(summary.redactedNotes + summary.redactedActivities) text(s) redacted, "
                + "\(added) suppression entr\(added == 1 ? "y" : "ies")"
                + (summary.blockedSirens.isEmpty
                    ? ""
                    : ", blocked " + summary.blockedSirens.map { Siren.format(siren: $0) }.joined(separator: ", ")),
            db)
        return summary
    }

    // MARK: - Finding

    /// The rows that belong to the person.
    struct Found {
        struct PersonRow {
            var id: Int
            var siren: Int
            var lastName: String?
            var firstNames: String?
        }
        struct ContactRow {
            var id: Int
            var siren: Int
            var kind: String
            var value: String
            var normalized: String
        }
        var persons: [PersonRow] = []
        var contacts: [ContactRow] = []
        /// Sole-trader companies whose registry name is the person.
        var soleTraders: [Int] = []
        var sirens: Set<Int> = []
        /// Text that names them, matched after folding (case and accents).
        var needles: [String] = []
        /// Their normalised email addresses: the outbox's messages to them.
        var emails: Set<String> = []

        func export(lookup: PersonLookup, controller: String, at stamp: String, _ db: Database) throws
            -> PersonExport
        {
            var export = PersonExport(request: lookup.description, exportedAt: stamp, controller: controller)
            for person in persons {
                guard let row = try Row.fetchOne(db, sql: "SELECT * FROM person WHERE id = ?", arguments: [person.id])
                else { continue }
                export.persons.append(
                    .init(
                        siren: Siren.format(siren: row["siren"]), kind: row["kind"], role: row["role"],
                        lastName: row["last_name"], firstNames: row["first_names"], birthYear: row["birth_year"],
                        isDirector: row["is_director"], source: row["source"], retrievedAt: row["retrieved_at"]))
            }
            for contact in contacts {
                guard
                    let row = try Row.fetchOne(
                        db, sql: "SELECT * FROM contact_point WHERE id = ?", arguments: [contact.id])
                else { continue }
                export.contactPoints.append(
                    .init(
                        siren: Siren.format(siren: row["siren"]), kind: row["kind"], value: row["value"],
                        label: row["label"], isPersonal: row["is_personal"], optedOut: row["opted_out"],
                        source: row["source"], retrievedAt: row["retrieved_at"]))
            }
            for siren in soleTraders {
                guard
                    let row = try Row.fetchOne(
                        db,
                        sql: """
                            SELECT c.name, c.diffusion, f.started_at AS imported, l.started_at AS changed, f.source
                            FROM company c LEFT JOIN run f ON f.id = c.first_run_id LEFT JOIN run l ON l.id = c.last_run_id
                            WHERE c.siren = ?
                            """, arguments: [siren])
                else { continue }
                export.registry.append(
                    .init(
                        siren: Siren.format(siren: siren), name: row["name"], diffusion: row["diffusion"],
                        source: row["source"] ?? "registry", importedAt: row["imported"], changedAt: row["changed"]))
            }
            for siren in sirens.sorted() {
                for row in try Row.fetchAll(
                    db, sql: "SELECT field, source, retrieved_at FROM field_provenance WHERE siren = ? ORDER BY field",
                    arguments: [siren])
                {
                    export.provenance.append(
                        .init(
                            siren: Siren.format(siren: siren), field: row["field"], source: row["source"],
                            retrievedAt: row["retrieved_at"]))
                }
                if try SuppressionList.contains(siren: siren, db) {
                    export.suppressed.append("company \(Siren.format(siren: siren))")
                }
            }
            for mention in try mentions(db) {
                export.mentions.append(
                    .init(
                        siren: Siren.format(siren: mention.siren), kind: mention.kind, at: mention.at,
                        text: mention.text))
            }
            var values: [(SuppressionKind, String)] = contacts.compactMap { contact in
                SuppressionKind(rawValue: contact.kind).map { ($0, contact.value) }
            }
            switch lookup {
            case .email(let value): values.append((.email, value))
            case .phone(let value): values.append((.phone, value))
            case .name: break
            }
            var seen = Set<String>()
            for (kind, value) in values where seen.insert(kind.rawValue + kind.normalize(value)).inserted {
                if try SuppressionList.contains(kind, value, db) {
                    export.suppressed.append("\(kind.rawValue) \(value)")
                }
            }
            return export
        }

        struct MentionRow {
            var siren: Int
            var kind: String
            var at: String?
            var text: String
            /// Where it is: `prospect` (the notes), `activity`, `follow_up` or `email_outbox`.
            var table: String
            /// The row's id; nil for the prospect's notes (keyed by SIREN).
            var rowID: Int?
        }

        /// Notes and history lines of the companies involved that name the person.
        func mentions(_ db: Database) throws -> [MentionRow] {
            guard !needles.isEmpty else { return [] }
            var rows: [MentionRow] = []
            for siren in sirens.sorted() {
                if let notes = try String.fetchOne(
                    db, sql: "SELECT notes FROM prospect WHERE siren = ?", arguments: [siren]), names(notes)
                {
                    rows.append(
                        MentionRow(siren: siren, kind: "notes", at: nil, text: notes, table: "prospect", rowID: nil))
                }
                for row in try Row.fetchAll(
                    db, sql: "SELECT id, kind, detail, created_at FROM activity WHERE siren = ? AND detail IS NOT NULL",
                    arguments: [siren])
                {
                    let detail: String = row["detail"]
                    guard names(detail) else { continue }
                    rows.append(
                        MentionRow(
                            siren: siren, kind: row["kind"], at: row["created_at"], text: detail, table: "activity",
                            rowID: row["id"]))
                }
                for row in try Row.fetchAll(
                    db, sql: "SELECT id, note, created_at FROM follow_up WHERE siren = ? AND note IS NOT NULL",
                    arguments: [siren])
                {
                    let note: String = row["note"]
                    guard names(note) else { continue }
                    rows.append(
                        MentionRow(
                            siren: siren, kind: "follow_up", at: row["created_at"], text: note, table: "follow_up",
                            rowID: row["id"]))
                }
            }
            // Messages written to them, wherever their address was used, or naming them.
            for row in try Row.fetchAll(
                db, sql: "SELECT id, siren, to_address, subject, body, status, created_at FROM email_outbox")
            {
                let address: String = row["to_address"]
                let subject: String = row["subject"]
                let body: String = row["body"]
                guard emails.contains(SuppressionKind.email.normalize(address)) || names(subject) || names(body)
                else { continue }
                rows.append(
                    MentionRow(
                        siren: row["siren"], kind: "email (\(row["status"] as String))", at: row["created_at"],
                        text: "to \(address): \(subject)\n\n\(body)", table: "email_outbox", rowID: row["id"]))
            }
            // Article 14 notices given to them: the proof stays, the recipient is theirs.
            let personIDs = Set(persons.map(\.id))
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT id, siren, person_id, recipient, channel, notice_version, notified_at FROM privacy_notice
                    WHERE recipient IS NOT NULL AND recipient <> ?
                    """, arguments: [PersonData.redaction])
            {
                let recipient: String = row["recipient"]
                let theirs =
                    (row["person_id"] as Int?).map(personIDs.contains) == true
                    || emails.contains(SuppressionKind.email.normalize(recipient)) || names(recipient)
                guard theirs else { continue }
                rows.append(
                    MentionRow(
                        siren: row["siren"], kind: "privacy_notice", at: row["notified_at"],
                        text: "\(row["channel"] as String) notice \(row["notice_version"] as String) to \(recipient)",
                        table: "privacy_notice", rowID: row["id"]))
            }
            return rows
        }

        func names(_ text: String) -> Bool {
            let folded = PersonData.fold(text)
            return needles.contains { folded.contains($0) }
        }

        /// `text` with every needle replaced, whatever its case and accents.
        func redacted(_ text: String) -> String {
            var result = text
            for needle in needles.sorted(by: { $0.count > $1.count }) {
                while let range = result.range(
                    of: needle, options: [.caseInsensitive, .diacriticInsensitive])
                {
                    result.replaceSubrange(range, with: PersonData.redaction)
                }
            }
            return result
        }
    }

    func find(_ db: Database) throws -> Found {
        var found = Found()
        var contactIDs = Set<Int>()
        func addContacts(_ sql: String, _ arguments: StatementArguments) throws {
            for row in try Row.fetchAll(db, sql: sql, arguments: arguments) where contactIDs.insert(row["id"]).inserted
            {
                found.contacts.append(
                    .init(
                        id: row["id"], siren: row["siren"], kind: row["kind"], value: row["value"],
                        normalized: row["normalized"]))
                found.sirens.insert(row["siren"])
            }
        }
        let contactSQL = "SELECT id, siren, kind, value, normalized FROM contact_point"
        var personIDs = Set<Int>()
        switch lookup {
        case .email(let value), .phone(let value):
            let kind: SuppressionKind = if case .email = lookup { .email } else { .phone }
            let normalized = kind.normalize(value)
            guard !normalized.isEmpty else { throw ComplianceError.emptyLookup }
            try addContacts(
                contactSQL + " WHERE kind = ? AND normalized = ?", [kind.rawValue, normalized])
            personIDs = Set(
                try Int.fetchAll(
                    db,
                    sql:
                        "SELECT DISTINCT person_id FROM contact_point WHERE kind = ? AND normalized = ? AND person_id IS NOT NULL",
                    arguments: [kind.rawValue, normalized]))
            found.needles.append(Self.fold(value))
        case .name(let siren, let name):
            let wanted = Self.tokens(name)
            guard !wanted.isEmpty else { throw ComplianceError.emptyLookup }
            guard
                let company = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT legal_form, COALESCE(usage_name, last_name) AS last, COALESCE(usual_first_name, first_name)
                          AS first
                        FROM company WHERE siren = ?
                        """, arguments: [siren])
            else { throw ComplianceError.unknownCompany(siren) }
            for row in try Row.fetchAll(
                db, sql: "SELECT id, last_name, first_names FROM person WHERE siren = ? AND kind = 'physical'",
                arguments: [siren])
            where Self.matches(wanted, last: row["last_name"], first: row["first_names"]) {
                personIDs.insert(row["id"])
            }
            found.sirens.insert(siren)
            if (company["legal_form"] as String?) == "1000",
                Self.matches(wanted, last: company["last"], first: company["first"])
            {
                found.soleTraders.append(siren)
                // A sole trader's personal numbers and addresses are the person's.
                try addContacts(
                    contactSQL + " WHERE siren = ? AND is_personal = 1 AND kind IN ('email', 'phone')", [siren])
            }
            found.needles.append(Self.fold(name))
            let parts = name.split(separator: " ").map(String.init)
            if parts.count > 1 {
                found.needles.append(Self.fold((parts.dropFirst() + [parts[0]]).joined(separator: " ")))
            }
        }
        for id in personIDs.sorted() {
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT id, siren, last_name, first_names FROM person WHERE id = ?", arguments: [id])
            else { continue }
            let person = Found.PersonRow(
                id: row["id"], siren: row["siren"], lastName: row["last_name"], firstNames: row["first_names"])
            found.persons.append(person)
            found.sirens.insert(person.siren)
            if let last = person.lastName, let first = person.firstNames {
                found.needles.append(Self.fold("\(first) \(last)"))
                found.needles.append(Self.fold("\(last) \(first)"))
                if let given = first.split(separator: " ").first, given != first[...] {
                    found.needles.append(Self.fold("\(given) \(last)"))
                    found.needles.append(Self.fold("\(last) \(given)"))
                }
            }
            try addContacts(contactSQL + " WHERE person_id = ?", [id])
        }
        if case .email(let value) = lookup { found.emails.insert(SuppressionKind.email.normalize(value)) }
        for contact in found.contacts where contact.kind == "email" { found.emails.insert(contact.normalized) }
        for contact in found.contacts where contact.kind == "email" || contact.kind == "phone" {
            found.needles.append(Self.fold(contact.value))
            if contact.normalized != contact.value { found.needles.append(Self.fold(contact.normalized)) }
        }
        found.needles = Array(Set(found.needles.filter { !$0.isEmpty })).sorted()
        return found
    }

    /// What erasing would remove, counted.
    func plan(objected: Bool, _ db: Database) throws -> ErasureSummary {
        let found = try find(db)
        var summary = ErasureSummary()
        summary.persons = found.persons.count
        summary.contactPoints = found.contacts.count
        for person in found.persons {
            summary.lines.append(
                "person \([person.firstNames, person.lastName].compactMap { $0 }.joined(separator: " ")) "
                    + "at \(Siren.format(siren: person.siren))")
        }
        for contact in found.contacts {
            summary.lines.append("\(contact.kind) \(contact.value) at \(Siren.format(siren: contact.siren))")
        }
        for mention in try found.mentions(db) {
            if mention.table == "prospect" { summary.redactedNotes += 1 } else { summary.redactedActivities += 1 }
            summary.lines.append("\(mention.kind) of \(Siren.format(siren: mention.siren)): name redacted")
        }
        var blocked = Set(found.soleTraders)
        if objected { blocked.formUnion(found.persons.map(\.siren)) }
        if objected, case .name(let siren, _) = lookup { blocked.insert(siren) }
        if objected { blocked.formUnion(found.contacts.map(\.siren)) }
        summary.blockedSirens = blocked.sorted()
        for siren in summary.blockedSirens {
            summary.lines.append("company \(Siren.format(siren: siren)): \"ne plus contacter\" for good")
        }
        return summary
    }

    private func redact(_ found: Found, _ db: Database) throws {
        for mention in try found.mentions(db) {
            let text = found.redacted(mention.text)
            switch (mention.table, mention.rowID) {
            case ("activity", let id?):
                try db.execute(sql: "UPDATE activity SET detail = ? WHERE id = ?", arguments: [text, id])
            case ("privacy_notice", let id?):
                try db.execute(
                    sql: "UPDATE privacy_notice SET recipient = ? WHERE id = ?", arguments: [PersonData.redaction, id])
            case ("follow_up", let id?):
                try db.execute(sql: "UPDATE follow_up SET note = ? WHERE id = ?", arguments: [text, id])
            case ("email_outbox", let id?):
                // The message stays as the record that it was sent; a queued one is never sent now.
                guard
                    let row = try Row.fetchOne(
                        db, sql: "SELECT subject, body FROM email_outbox WHERE id = ?", arguments: [id])
                else { continue }
                try db.execute(
                    sql: """
                        UPDATE email_outbox SET to_address = ?, to_name = NULL, subject = ?, body = ?,
                          status = CASE status WHEN 'queued' THEN 'failed' ELSE status END,
                          last_error = CASE status WHEN 'queued' THEN 'not sent: the recipient was erased (RGPD)'
                            ELSE last_error END
                        WHERE id = ?
                        """,
                    arguments: [
                        PersonData.redaction, found.redacted(row["subject"]), found.redacted(row["body"]), id,
                    ])
            default:
                try db.execute(
                    sql: "UPDATE prospect SET notes = ?, updated_at = ?, version = version + 1 WHERE siren = ?",
                    arguments: [text, stamp, mention.siren])
            }
        }
    }

    // MARK: - Names

    static func fold(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).lowercased()
    }

    static func tokens(_ text: String?) -> Set<String> {
        Set(fold(text ?? "").split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init))
    }

    /// Same person when the request's words are all in their names and their last name is in the
    /// request: "DUPONT Jean" finds "Jean Pierre DUPONT", "Jean" alone finds nobody.
    static func matches(_ wanted: Set<String>, last: String?, first: String?) -> Bool {
        let lastTokens = tokens(last)
        guard !lastTokens.isEmpty else { return false }
        return lastTokens.isSubset(of: wanted) && wanted.isSubset(of: lastTokens.union(tokens(first)))
    }
}
