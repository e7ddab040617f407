import Foundation
import GRDB

/// An admin merges two records of the same business (a duplicate `DuplicateFinder` suggested):
/// the loser's activities, follow-ups, contact points, emails and article 14 notices move to the
/// winner (with the later inbound contact, the retention clock), the
/// prospect fields are chosen field by field, and the loser stays archived with a pointer to the
/// winner, for history. (`CompanyMerger` is another thing: it merges what sources say about
/// one company.)
///
/// One transaction, the caller's. Every row the merge inserts, changes or deletes is written to
/// `merge_journal` as it was before and after, so that `undo` puts back exactly the previous
/// state; the `merge` activities on both records and the `audit_log` rows stay as history, and so
/// do objections: the suppression rows a merge copies and the "ne plus contacter" and opt-outs it
/// carries over outlive an undo.
public struct RecordMerge: Sendable {
    public let now: Date
    public init(now: Date = Date()) { self.now = now }

    var stamp: String { Timestamp.string(now) }

    // MARK: - Plan

    /// What merging `loser` into `winner` with these choices would do; changes nothing.
    ///
    /// - throws: `RecordMergeError` for the same record, an unknown company, an archived winner
    ///   or a loser already merged.
    public func plan(
        loser: Int, into winner: Int, choices: [RecordMergeField: RecordMergeSide] = [:], _ db: Database
    ) throws -> RecordMergePlan {
        if loser == winner { throw RecordMergeError.sameRecord(loser) }
        let names = try Dictionary(
            Row.fetchAll(
                db, sql: "SELECT siren, name FROM company WHERE siren IN (?, ?)", arguments: [loser, winner]
            ).map { (($0["siren"] as Int), ($0["name"] as String?)) }, uniquingKeysWith: { first, _ in first })
        for siren in [loser, winner] where names[siren] == nil { throw RecordMergeError.unknownCompany(siren) }
        let w = try side(winner, db)
        let l = try side(loser, db)
        if w?["archived_at"] as String? != nil { throw RecordMergeError.archivedWinner(winner) }
        if let into = l?["merged_into"] as Int? { throw RecordMergeError.alreadyMerged(loser: loser, into: into) }
        var plan = RecordMergePlan(
            loser: loser, winner: winner, loserName: names[loser] ?? nil, winnerName: names[winner] ?? nil)
        for field in RecordMergeField.allCases {
            let (wv, lv) = (Self.display(field, w), Self.display(field, l))
            let choice = choices[field]
            let kept: String?
            if field == .notes && choice == nil {
                kept = Self.joinedNotes(w?["notes"], l?["notes"])
            } else {
                kept = choice == .loser ? lv : wv
            }
            plan.fields.append(
                .init(
                    field: field, winnerValue: wv, loserValue: lv, kept: kept,
                    side: field == .notes && choice == nil ? nil : (choice ?? .winner)))
        }
        func count(_ sql: String, _ arguments: StatementArguments) throws -> Int {
            try Int.fetchOne(db, sql: sql, arguments: arguments) ?? 0
        }
        plan.activities = try count("SELECT COUNT(*) FROM activity WHERE siren = ?", [loser])
        plan.followUps = try count("SELECT COUNT(*) FROM follow_up WHERE siren = ?", [loser])
        plan.contactPointsMerged = try count(
            """
            SELECT COUNT(*) FROM contact_point l WHERE l.siren = ?1 AND EXISTS
              (SELECT 1 FROM contact_point w WHERE w.siren = ?2 AND w.kind = l.kind AND w.normalized = l.normalized)
            """, [loser, winner])
        plan.contactPointsMoved =
            try count("SELECT COUNT(*) FROM contact_point WHERE siren = ?", [loser]) - plan.contactPointsMerged
        plan.emails = try count("SELECT COUNT(*) FROM email_outbox WHERE siren = ?", [loser])
        plan.notices = try count("SELECT COUNT(*) FROM privacy_notice WHERE siren = ?", [loser])
        plan.suppressions = try count(
            "SELECT COUNT(*) FROM suppression WHERE kind = 'siren' AND hash = ?", [Self.sirenKey(loser)])
        return plan
    }

    // MARK: - Merge

    /// Merges `loser` into `winner` as `plan` says, journals it and returns the plan with its
    /// merge id. Only an active admin may.
    ///
    /// - throws: `PermissionError`, or `RecordMergeError` as `plan` does.
    @discardableResult
    public func merge(
        loser: Int, into winner: Int, choices: [RecordMergeField: RecordMergeSide] = [:], by adminID: Int,
        _ db: Database
    ) throws -> RecordMergePlan {
        let admin = try Permissions.requireAdmin(adminID, to: "merge records", db)
        var plan = try self.plan(loser: loser, into: winner, choices: choices, db)
        var journal = MergeJournal()
        // Records never scored have no prospect row yet: the merge needs one on each side.
        for siren in [winner, loser] where try side(siren, db) == nil {
            try db.execute(
                sql: "INSERT INTO prospect (siren, created_at, updated_at) VALUES (?, ?, ?)",
                arguments: [siren, stamp, stamp])
            journal.inserted("prospect", "siren", Int64(siren))
        }
        try journal.touch("prospect", "siren", Int64(winner), db)
        try journal.touch("prospect", "siren", Int64(loser), db)
        let w = try side(winner, db)!
        let l = try side(loser, db)!

        for id in try Int64.fetchAll(db, sql: "SELECT id FROM activity WHERE siren = ?", arguments: [loser]) {
            try journal.touch("activity", "id", id, db)
        }
        try db.execute(sql: "UPDATE activity SET siren = ? WHERE siren = ?", arguments: [winner, loser])
        for id in try Int64.fetchAll(db, sql: "SELECT id FROM follow_up WHERE siren = ?", arguments: [loser]) {
            try journal.touch("follow_up", "id", id, db)
        }
        try db.execute(sql: "UPDATE follow_up SET siren = ? WHERE siren = ?", arguments: [winner, loser])
        for id in try Int64.fetchAll(db, sql: "SELECT id FROM email_outbox WHERE siren = ?", arguments: [loser]) {
            try journal.touch("email_outbox", "id", id, db)
        }
        try db.execute(sql: "UPDATE email_outbox SET siren = ? WHERE siren = ?", arguments: [winner, loser])
        // The article 14 notices given to the loser were given to this business: they follow it.
        for id in try Int64.fetchAll(db, sql: "SELECT id FROM privacy_notice WHERE siren = ?", arguments: [loser]) {
            try journal.touch("privacy_notice", "id", id, db)
        }
        try db.execute(sql: "UPDATE privacy_notice SET siren = ? WHERE siren = ?", arguments: [winner, loser])
        try moveContactPoints(from: loser, to: winner, &journal, db)
        try copySuppressions(from: loser, to: winner, by: adminID, db)

        // The winner's fields, as chosen; "ne plus contacter" if either side had it.
        let fromLoser = { (field: RecordMergeField) in choices[field] == .loser }
        let notes: String? =
            switch choices[.notes] {
            case .loser: l["notes"]
            case .winner: w["notes"]
            case nil: Self.joinedNotes(w["notes"], l["notes"])
            }
        let base = fromLoser(.owner) ? l : w
        try db.execute(
            sql: """
                UPDATE prospect SET pipeline_status = ?, owner_id = ?, assigned_at = ?, notes = ?, tier = ?,
                  score = ?, score_reasons = ?, do_not_contact = do_not_contact OR ?,
                  last_inbound_contact_at = CASE WHEN ? > IFNULL(last_inbound_contact_at, '') THEN ?
                    ELSE last_inbound_contact_at END,
                  last_action_at = (SELECT MAX(created_at) FROM activity WHERE siren = ? AND user_id IS NOT NULL),
                  updated_at = ?, version = version + 1
                WHERE siren = ?
                """,
            arguments: [
                (fromLoser(.status) ? l : w)["pipeline_status"] as String, base["owner_id"] as Int?,
                base["assigned_at"] as String?, notes, (fromLoser(.tier) ? l : w)["tier"] as String?,
                (fromLoser(.score) ? l : w)["score"] as Int, (fromLoser(.score) ? l : w)["score_reasons"] as String?,
                l["do_not_contact"] as Bool, l["last_inbound_contact_at"] as String?,
                l["last_inbound_contact_at"] as String?, winner, stamp, winner,
            ])
        try db.execute(
            sql: """
                UPDATE prospect SET archived_at = ?, merged_into = ?, reserved_by = NULL, reserved_until = NULL,
                  updated_at = ?, version = version + 1
                WHERE siren = ?
                """, arguments: [stamp, winner, stamp, loser])

        let chosen = RecordMergeField.allCases.compactMap { field in
            choices[field].map { "\(field.rawValue)=\($0.rawValue)" }
        }
        let detail = chosen.isEmpty ? "winner's values" : chosen.joined(separator: ", ")
        try db.execute(
            sql: """
                INSERT INTO activity (siren, user_id, kind, old_value, new_value, detail, created_at)
                VALUES (?, ?, 'merge', ?, ?, ?, ?), (?, ?, 'merge', ?, ?, ?, ?)
                """,
            arguments: [
                loser, adminID, Siren.pad(loser, 9), Siren.pad(winner, 9),
                "merged into \(Siren.format(siren: winner))", stamp,
                winner, adminID, Siren.pad(loser, 9), Siren.pad(winner, 9),
                "\(Siren.format(siren: loser)) merged in (\(detail))", stamp,
            ])
        let rows = try journal.finish(db)
        let choiceText = String(
            decoding: try Self.encoder.encode(
                Dictionary(uniqueKeysWithValues: choices.map { ($0.key.rawValue, $0.value.rawValue) })),
            as: UTF8.self)
        try db.execute(
            sql: """
                INSERT INTO merge_journal (loser, winner, user_id, merged_at, choices, rows)
                VALUES (?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                loser, winner, adminID, stamp, choiceText,
                String(decoding: try Self.encoder.encode(rows), as: UTF8.self),
            ])
        let mergeID = Int(db.lastInsertedRowID)
        plan.mergeID = mergeID
        try AuditTrail.record(
            at: now, actor: admin.login, action: "merge", target: "\(Siren.pad(loser, 9))→\(Siren.pad(winner, 9))",
            detail: "merge \(mergeID): \(plan.activities) activities, \(plan.followUps) follow-ups, "
                + "\(plan.contactPointsMoved + plan.contactPointsMerged) contact points, \(plan.emails) emails; \(detail)",
            db)
        try SearchIndex().index(sirens: [loser, winner], db)
        return plan
    }

    // MARK: - Undo

    /// Puts back what merge `mergeID` inserted, changed or deleted (`JournalledRow.undo`), and
    /// journals the undo (a `merge` activity on both records, `audit_log`). Only an active admin may.
    ///
    /// - throws: `PermissionError`; `RecordMergeError.unknownMerge`, `.alreadyUndone`, or
    ///   `.changedSinceMerge` or `.rowChangedSinceMerge` when something the merge changed was
    ///   changed again since (undo would overwrite that work).
    public func undo(mergeID: Int, by adminID: Int, _ db: Database) throws {
        let admin = try Permissions.requireAdmin(adminID, to: "undo merges", db)
        guard let entry = try Row.fetchOne(db, sql: "SELECT * FROM merge_journal WHERE id = ?", arguments: [mergeID])
        else { throw RecordMergeError.unknownMerge(mergeID) }
        if entry["undone_at"] as String? != nil { throw RecordMergeError.alreadyUndone(mergeID) }
        let rows = try JSONDecoder().decode([JournalledRow].self, from: Data((entry["rows"] as String).utf8))
        let (loser, winner): (Int, Int) = (entry["loser"], entry["winner"])
        for row in rows {
            let current = try JournalledRow.read(table: row.table, keyColumn: row.keyColumn, key: row.key, db)
            guard row.changedSince(current) else { continue }
            if row.table == "prospect" {
                throw RecordMergeError.changedSinceMerge(mergeID: mergeID, siren: Int(row.key))
            }
            throw RecordMergeError.rowChangedSinceMerge(mergeID: mergeID, table: row.table, id: Int(row.key))
        }
        // The history first: the prospects' rows are put back afterwards, with the last action
        // they had before the merge.
        try db.execute(
            sql: """
                INSERT INTO activity (siren, user_id, kind, old_value, new_value, detail, created_at)
                VALUES (?, ?, 'merge', ?, ?, ?, ?), (?, ?, 'merge', ?, ?, ?, ?)
                """,
            arguments: [
                loser, adminID, Siren.pad(loser, 9), Siren.pad(winner, 9), "merge \(mergeID) undone", stamp,
                winner, adminID, Siren.pad(loser, 9), Siren.pad(winner, 9), "merge \(mergeID) undone", stamp,
            ])
        for row in rows.reversed() { try row.undo(db) }
        try db.execute(
            sql: "UPDATE merge_journal SET undone_at = ?, undone_by = ? WHERE id = ?",
            arguments: [stamp, adminID, mergeID])
        try AuditTrail.record(
            at: now, actor: admin.login, action: "unmerge", target: "\(Siren.pad(loser, 9))→\(Siren.pad(winner, 9))",
            detail: "merge \(mergeID) undone", db)
        try SearchIndex().index(sirens: [loser, winner], db)
    }

    // MARK: - Parts

    /// The loser's contact points go to the winner; one the winner already has is dropped, its
    /// opt-out and consent carried over (an objection is never lost in a merge).
    private func moveContactPoints(from loser: Int, to winner: Int, _ journal: inout MergeJournal, _ db: Database)
        throws
    {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT l.id, l.opted_out, l.consent_at, w.id AS twin FROM contact_point l
                LEFT JOIN contact_point w ON w.siren = ? AND w.kind = l.kind AND w.normalized = l.normalized
                WHERE l.siren = ?
                """, arguments: [winner, loser])
        for row in rows {
            let id: Int64 = row["id"]
            try journal.touch("contact_point", "id", id, db)
            if let twin = row["twin"] as Int64? {
                try journal.touch("contact_point", "id", twin, db)
                if row["opted_out"] as Bool {
                    try db.execute(sql: "UPDATE contact_point SET opted_out = 1 WHERE id = ?", arguments: [twin])
                }
                // A consent given at the same address holds for the twin that stays.
                if let consent = row["consent_at"] as String? {
                    try db.execute(
                        sql: "UPDATE contact_point SET consent_at = IFNULL(consent_at, ?) WHERE id = ?",
                        arguments: [consent, twin])
                }
                try db.execute(sql: "DELETE FROM contact_point WHERE id = ?", arguments: [id])
            } else {
                try db.execute(sql: "UPDATE contact_point SET siren = ? WHERE id = ?", arguments: [winner, id])
            }
        }
    }

    /// The loser's "ne plus contacter" by SIREN also holds for the winner, for good.
    private func copySuppressions(
        from loser: Int, to winner: Int, by adminID: Int, _ db: Database
    ) throws {
        let reasons = try String?.fetchAll(
            db, sql: "SELECT reason FROM suppression WHERE kind = 'siren' AND hash = ?",
            arguments: [Self.sirenKey(loser)])
        for reason in reasons {
            let why = [reason, "merged from \(Siren.pad(loser, 9))"].compactMap { $0 }.joined(separator: "; ")
            // Not journalled: nothing deletes from the suppression list, an undo neither.
            try SuppressionList(now: now).add(.siren, String(winner), reason: why, by: adminID, db)
        }
    }

    /// The suppression list's key of a SIREN.
    static func sirenKey(_ siren: Int) -> String { SuppressionList.hash(String(siren), kind: .siren) }

    /// The prospect columns a merge reads, nil when the company has no prospect row.
    private func side(_ siren: Int, _ db: Database) throws -> Row? {
        try Row.fetchOne(
            db,
            sql: """
                SELECT p.*, u.login AS owner_login FROM prospect p LEFT JOIN user u ON u.id = p.owner_id
                WHERE p.siren = ?
                """, arguments: [siren])
    }

    static func display(_ field: RecordMergeField, _ row: Row?) -> String? {
        guard let row else { return nil }
        switch field {
        case .status: return row["pipeline_status"]
        case .owner: return row["owner_login"]
        case .notes: return row["notes"]
        case .tier: return row["tier"]
        case .score: return (row["score"] as Int?).map(String.init)
        }
    }

    /// Stable output: the same journal always reads the same.
    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }

    /// Both notes, the winner's first; one alone when the other is empty.
    static func joinedNotes(_ winner: String?, _ loser: String?) -> String? {
        let parts = [winner, loser].compactMap { $0?.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty }
        return parts.isEmpty ? nil : parts.joined(separator: "\n\n")
    }
}
