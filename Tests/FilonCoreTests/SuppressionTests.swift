import Foundation
import GRDB
import Testing

@testable import FilonCore

/// The "ne plus contacter" list (RGPD R7, R5): what writes it, and every place that must honour it.
@Suite struct SuppressionTests {
    let db: AppDatabase
    /// Tuesday 2026-12-01, 10:30 in Paris: inside every calling window.
    let now = Date(timeIntervalSince1970: 1_796_117_400)
    let alpha = 552_100_554
    let beta = 732_829_320

    init() throws {
        db = try AppDatabase.inMemory()
        try db.writer.write { db in
            for (id, login, role) in [(1, "admin", "admin"), (2, "tina", "telepro")] {
                try db.execute(
                    sql: "INSERT INTO user (id, login, name, role, created_at) VALUES (?, ?, ?, ?, 'x')",
                    arguments: [id, login, login, role])
            }
        }
        try company(alpha, phones: ["01 23 45 67 89"], emails: ["contact@alpha.fr", "jean.dupont@alpha.fr"])
        try company(beta, phones: ["04 11 22 33 44"], emails: ["contact@beta.fr"])
    }

    func company(_ siren: Int, phones: [String], emails: [String]) throws {
        try db.writer.write { db in
            try db.execute(
                sql:
                    "INSERT INTO company (siren, denomination, legal_form, state, row_hash) VALUES (?, ?, '5710', 'A', 1)",
                arguments: [siren, "SOCIETE \(siren)"])
            try db.execute(
                sql: """
                    INSERT INTO prospect (siren, route, tier, score, owner_id, created_at, updated_at)
                    VALUES (?, 'telemarketing', 'A', 80, 2, 'x', 'x')
                    """, arguments: [siren])
            for (kind, values) in [("phone", phones), ("email", emails)] {
                for value in values {
                    try db.execute(
                        sql: """
                            INSERT INTO contact_point (siren, kind, value, normalized, source, retrieved_at)
                            VALUES (?, ?, ?, ?, 'pappers', '2026-11-01T00:00:00Z')
                            """,
                        arguments: [
                            siren, kind, value,
                            ContactNormalizer.normalize(value, kind: kind == "phone" ? .phone : .email),
                        ])
                }
            }
        }
    }

    var queue: CallQueue { CallQueue(policy: CallingPolicy(), now: now) }

    func queued() throws -> [Int] {
        try db.writer.read { [queue] db in try queue.items(for: 2, limit: 20, db).map(\.siren) }
    }

    @Test("R7: \"ne plus contacter\" hashes the SIREN, phones and emails, and stores no value in clear")
    func markDoNotContactWritesHashes() throws {
        try db.writer.write { [alpha, now] (db: Database) throws in
            try ProspectActions(userID: 2, now: now).markDoNotContact(siren: alpha, reason: "asked", db)
        }
        let rows = try db.writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT kind, hash, siren, reason, created_by FROM suppression ORDER BY kind, hash")
        }
        #expect(rows.map { $0["kind"] as String } == ["email", "email", "phone", "siren"])
        #expect(rows.allSatisfy { ($0["hash"] as String).count == 64 && ($0["created_by"] as Int) == 2 })
        #expect(rows.contains { ($0["hash"] as String) == SuppressionList.hash("+33123456789", kind: .phone) })
        let dump = rows.map { "\($0)" }.joined()
        #expect(!dump.contains("dupont") && !dump.contains("+3312345"))
        try db.writer.read { [alpha] (db: Database) throws in
            #expect(try SuppressionList.contains(siren: alpha, db))
            #expect(try SuppressionList.contains(.email, "JEAN.DUPONT@alpha.fr", db))
            #expect(try SuppressionList.contains(.phone, "+33 1 23 45 67 89", db))
        }
    }

    @Test("R7: the do_not_call outcome writes the suppression list, and no later call is recorded")
    func doNotCallDisposition() throws {
        try db.writer.write { [queue, alpha] (db: Database) throws in
            _ = try queue.record(.doNotCall, siren: alpha, by: 2, db)
        }
        #expect(try queued() == [beta])
        try db.writer.write { [queue, alpha] (db: Database) throws in
            #expect(try SuppressionList.contains(siren: alpha, db))
            #expect(throws: ActionError.doNotContact(alpha)) {
                try queue.record(.noAnswer, siren: alpha, by: 2, db)
            }
        }
    }

    @Test("R7: a suppressed phone is never called again: a company whose every phone is suppressed leaves the queue")
    func suppressedPhoneLeavesTheQueue() throws {
        #expect(try queued() == [alpha, beta])
        _ = try db.writer.write { [now] (db: Database) throws in
            // The same number reached through another company's card: the person objected.
            try SuppressionList(now: now).add(.phone, "04.11.22.33.44", reason: "objected", by: 1, db)
        }
        #expect(try queued() == [alpha])
        try db.writer.write { [queue, beta] (db: Database) throws in
            #expect(throws: ActionError.doNotContact(beta)) { try queue.record(.noAnswer, siren: beta, by: 2, db) }
            #expect(try queue.reserveNext(for: 2, db)?.siren == alpha)
        }
    }

    @Test("R7: a suppressed SIREN survives a purge of its prospect row and stays out of the queues and assignment")
    func survivesAPurgeOfTheProspectRow() throws {
        try db.writer.write { [alpha, now] (db: Database) throws in
            try ProspectActions(userID: 2, now: now).markDoNotContact(siren: alpha, reason: nil, db)
            // A purge deletes the CRM row; the scoring then creates a fresh one, unowned.
            try db.execute(sql: "DELETE FROM prospect WHERE siren = ?", arguments: [alpha])
            try db.execute(
                sql: """
                    INSERT INTO prospect (siren, route, tier, score, created_at, updated_at)
                    VALUES (?, 'telemarketing', 'A', 90, 'x', 'x')
                    """, arguments: [alpha])
        }
        #expect(try TestValue.int(db, "SELECT do_not_contact FROM prospect WHERE siren = \(alpha)") == 1)
        let summary = try db.writer.write { [now] db in try AssignmentEngine(now: now).assignUnowned(db) }
        #expect(summary.assigned == 0)
        // Even with the flag cleared by hand, the list keeps it out.
        try db.writer.write { [alpha] (db: Database) throws in
            try db.execute(
                sql: "UPDATE prospect SET do_not_contact = 0, owner_id = 2 WHERE siren = ?", arguments: [alpha])
        }
        #expect(try queued() == [beta])
        try db.writer.write { [alpha] (db: Database) throws in
            try db.execute(sql: "UPDATE prospect SET owner_id = NULL WHERE siren = ?", arguments: [alpha])
        }
        let again = try db.writer.write { [now] db in try AssignmentEngine(now: now).assignUnowned(db) }
        #expect(again.assigned == 0)
    }

    @Test("R7: a merge keeps the objection: the surviving record of a suppressed company stays out of the queues")
    func survivesAMerge() throws {
        try db.writer.write { [alpha, now] db in
            try ProspectActions(userID: 2, now: now).markDoNotContact(siren: alpha, reason: "refus", db)
        }
        try db.writer.write { [alpha, beta, now] db in
            _ = try RecordMerge(now: now).merge(loser: alpha, into: beta, by: 1, db)
        }
        #expect(try queued().isEmpty)
        try db.writer.read { [beta] (db: Database) throws in
            #expect(try SuppressionList.contains(siren: beta, db))
            // The loser's numbers, moved to the survivor, stay blocked.
            #expect(try SuppressionList.contains(.phone, "01 23 45 67 89", db))
        }
    }

    @Test("R7: no email is queued or sent to a suppressed address or company")
    func emailsAreRefused() throws {
        let outbox = EmailOutbox()
        let draft = EmailDraft(subject: "Votre site", body: "Bonjour")
        let id = try db.writer.write { [alpha, now] (db: Database) throws in
            try outbox.queue(
                siren: alpha, userID: 2, to: Mailbox(address: try EmailAddress("contact@alpha.fr")), draft: draft,
                now: now, db)
        }
        try db.writer.write { [alpha, beta, now] (db: Database) throws in
            // The recipient unsubscribes: the address is refused at once, on any card.
            try outbox.unsubscribe("Contact@Beta.fr", by: nil, now: now, db)
            #expect(throws: EmailError.doNotContact("contact@beta.fr")) {
                try outbox.queue(
                    siren: beta, userID: 2, to: Mailbox(address: try EmailAddress("contact@beta.fr")), draft: draft,
                    now: now, db)
            }
            // The company objects after the message was queued: it is not sent.
            try SuppressionList(now: now).add(.siren, String(alpha), reason: "objected", by: 1, db)
            guard case .blocked = try outbox.claim(id: id, now: now, lease: 60, messageIDDomain: "x", db) else {
                Issue.record("a message to a suppressed company was claimed for sending")
                return
            }
            #expect(throws: ActionError.doNotContact(alpha)) {
                try outbox.queue(
                    siren: alpha, userID: 2, to: Mailbox(address: try EmailAddress("contact@alpha.fr")),
                    draft: draft, now: now, db)
            }
        }
    }

    @Test("R5: an opted-out contact point blocks email and calls, and is carried into the suppression list")
    func optedOutContactPointBlocks() throws {
        try db.writer.write { [beta] (db: Database) throws in
            try db.execute(
                sql: "UPDATE contact_point SET opted_out = 1 WHERE siren = ? AND kind IN ('phone', 'email')",
                arguments: [beta])
        }
        #expect(try queued() == [alpha])
        try db.writer.write { [beta, now] (db: Database) throws in
            #expect(try SuppressionList.contains(.email, "contact@beta.fr", db))
            // Enrichment stores an answer: the opt-outs of the card become hashes.
            try EnrichmentStore(provider: .pappers, run: 1, now: now).store(
                EnrichmentResult(found: true), siren: beta, timeToLive: 60, db)
            // The contact point is purged with its company: the hash remains.
            try db.execute(sql: "DELETE FROM contact_point WHERE siren = ?", arguments: [beta])
            #expect(try SuppressionList.contains(.email, "contact@beta.fr", db))
            #expect(try SuppressionList.contains(.phone, "0411223344", db))
        }
    }

    @Test("R7: enrichment never stores a suppressed email or phone again")
    func enrichmentDoesNotStoreSuppressedContacts() throws {
        try db.writer.write { [alpha, beta, now] (db: Database) throws in
            try SuppressionList(now: now).add(.email, "jean.dupont@alpha.fr", reason: "erased", by: 1, db)
            try db.execute(sql: "DELETE FROM contact_point WHERE normalized = 'jean.dupont@alpha.fr'")
            var result = EnrichmentResult(found: true)
            result.contacts = [
                ContactFinding(kind: .email, value: "Jean.Dupont@alpha.fr", subtype: .nominative),
                ContactFinding(kind: .phone, value: "06 99 88 77 66", subtype: .mobile),
            ]
            for siren in [alpha, beta] {
                try EnrichmentStore(provider: .dropcontact, run: 1, now: now).store(
                    result, siren: siren, timeToLive: 60, db)
            }
            #expect(
                try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM contact_point WHERE normalized = 'jean.dupont@alpha.fr'")
                    == 0)
            #expect(
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM contact_point WHERE normalized = '+33699887766'") == 2)
        }
    }
}
