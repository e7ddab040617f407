import Foundation
import GRDB
import Testing

@testable import FilonCore

/// Rights requests (RGPD R9): export with sources, erasure, and the audit line of each.
@Suite struct PersonDataTests {
    let db: AppDatabase
    let now = Date(timeIntervalSince1970: 1_796_117_400)
    let alpha = 552_100_554

    init() throws {
        db = try AppDatabase.inMemory()
        try db.writer.write { [alpha] (db: Database) throws in
            for (id, login, role) in [(1, "admin", "admin"), (2, "tina", "telepro")] {
                try db.execute(
                    sql: "INSERT INTO user (id, login, name, role, created_at) VALUES (?, ?, ?, ?, 'x')",
                    arguments: [id, login, login, role])
            }
            try db.execute(
                sql:
                    "INSERT INTO company (siren, denomination, legal_form, state, row_hash) VALUES (?, 'ALPHA', '5710', 'A', 1)",
                arguments: [alpha])
            try db.execute(
                sql: """
                    INSERT INTO prospect (siren, route, tier, score, owner_id, notes, created_at, updated_at)
                    VALUES (?, 'telemarketing', 'A', 80, 2, 'Rappeler Jean Dupont après 14 h', 'x', 'x')
                    """, arguments: [alpha])
            try db.execute(
                sql: """
                    INSERT INTO person (id, siren, role, last_name, first_names, birth_year, source, retrieved_at)
                    VALUES (1, ?, 'Gérant', 'DUPONT', 'Jean Pierre', 1970, 'rne', '2026-10-01T00:00:00Z'),
                           (2, ?, 'Directeur général', 'MARTIN', 'Claire', 1980, 'rne', '2026-10-01T00:00:00Z')
                    """, arguments: [alpha, alpha])
            try db.execute(
                sql: """
                    INSERT INTO contact_point (siren, person_id, kind, value, normalized, is_personal, source, retrieved_at)
                    VALUES (?, 1, 'email', 'jean.dupont@alpha.fr', 'jean.dupont@alpha.fr', 1, 'dropcontact', '2026-11-02T00:00:00Z'),
                           (?, 1, 'phone', '06 12 34 56 78', '+33612345678', 1, 'kaspr', '2026-11-03T00:00:00Z'),
                           (?, NULL, 'phone', '01 23 45 67 89', '+33123456789', 0, 'pappers', '2026-11-01T00:00:00Z')
                    """, arguments: [alpha, alpha, alpha])
            try db.execute(
                sql:
                    "INSERT INTO field_provenance (siren, field, source, retrieved_at) VALUES (?, 'directors', 'rne', '2026-10-01T00:00:00Z')",
                arguments: [alpha])
            try db.execute(
                sql: """
                    INSERT INTO activity (siren, user_id, kind, disposition, detail, created_at)
                    VALUES (?, 2, 'call', 'callback', 'parlé à JEAN DUPONT, rappeler', '2026-11-20T10:00:00Z'),
                           (?, 2, 'call', 'no_answer', 'standard', '2026-11-21T10:00:00Z')
                    """, arguments: [alpha, alpha])
        }
    }

    func audit() throws -> [String] {
        try db.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT actor, action, target FROM audit_log ORDER BY id").map {
                "\($0["actor"] as String) \($0["action"] as String) \($0["target"] as String? ?? "")"
            }
        }
    }

    @Test("R9: an export holds the person's data with each piece's source and date, and is audited")
    func export() throws {
        let export = try db.writer.write { [now] (db: Database) throws in
            try PersonData(.email("Jean.Dupont@alpha.fr"), now: now).export(by: 1, db)
        }
        #expect(
            export.persons.map { "\($0.lastName!) \($0.source) \($0.retrievedAt)" } == [
                "DUPONT rne 2026-10-01T00:00:00Z"
            ])
        #expect(
            export.contactPoints.map { "\($0.value) \($0.source) \($0.retrievedAt)" }.sorted() == [
                "06 12 34 56 78 kaspr 2026-11-03T00:00:00Z", "jean.dupont@alpha.fr dropcontact 2026-11-02T00:00:00Z",
            ])
        #expect(export.provenance.map { "\($0.field) \($0.source)" } == ["directors rne"])
        #expect(export.mentions.map(\.kind).sorted() == ["call", "notes"])
        // Codable: the JSON carries the sources.
        let json = String(decoding: try JSONEncoder().encode(export), as: UTF8.self)
        #expect(json.contains("\"source\":\"kaspr\""))
        let target = PersonLookup.email("jean.dupont@alpha.fr").auditTarget
        #expect(try audit() == ["admin gdpr_export \(target)"])
        #expect(!target.contains("dupont"))
    }

    @Test("R9: only an admin answers a rights request")
    func adminOnly() throws {
        _ = try db.writer.write { [now, alpha] (db: Database) throws in
            #expect(throws: PermissionError.self) {
                try PersonData(.name(siren: alpha, name: "DUPONT Jean"), now: now).erase(objected: false, by: 2, db)
            }
        }
        #expect(try audit().isEmpty)
    }

    @Test("R9: erasing a person removes their rows, redacts their name, blocks their email and phone, and is audited")
    func erase() throws {
        let preview = try db.writer.write { [now, alpha] (db: Database) throws in
            try PersonData(.name(siren: alpha, name: "DUPONT Jean"), now: now).preview(objected: false, by: 1, db)
        }
        #expect(preview.persons == 1 && preview.contactPoints == 2 && preview.redactedNotes == 1)
        #expect(try TestValue.int(db, "SELECT COUNT(*) FROM person") == 2)  // a preview writes nothing
        let summary = try db.writer.write { [now, alpha] (db: Database) throws in
            try PersonData(.name(siren: alpha, name: "DUPONT Jean"), now: now).erase(objected: false, by: 1, db)
        }
        #expect(summary.persons == 1 && summary.contactPoints == 2 && summary.suppressed == 2)
        #expect(summary.blockedSirens.isEmpty)
        try db.writer.read { [alpha] (db: Database) throws in
            #expect(try String.fetchAll(db, sql: "SELECT last_name FROM person") == ["MARTIN"])
            #expect(try String.fetchAll(db, sql: "SELECT normalized FROM contact_point") == ["+33123456789"])
            #expect(try String.fetchOne(db, sql: "SELECT notes FROM prospect") == "Rappeler [effacé] après 14 h")
            #expect(
                try String.fetchAll(db, sql: "SELECT detail FROM activity ORDER BY id") == [
                    "parlé à [effacé], rappeler", "standard",
                ])
            #expect(try SuppressionList.contains(.email, "jean.dupont@alpha.fr", db))
            #expect(try SuppressionList.contains(.phone, "+33 6 12 34 56 78", db))
            #expect(try !SuppressionList.contains(siren: alpha, db))
        }
        #expect(try audit() == ["admin gdpr_erase siren 552 100 554"])
        let after = try db.writer.write { [now] (db: Database) throws in
            try PersonData(.email("jean.dupont@alpha.fr"), now: now).export(by: 1, db)
        }
        #expect(after.persons.isEmpty && after.contactPoints.isEmpty)
        #expect(after.suppressed == ["email jean.dupont@alpha.fr"])
    }

    @Test("R9: erasure redacts callback notes and messages written to them; a queued one is never sent")
    func eraseReachesCallbacksAndTheOutbox() throws {
        try db.writer.write { [alpha] db in
            try db.execute(
                sql: """
                    INSERT INTO follow_up (siren, owner_id, due_at, note, created_at)
                    VALUES (?, 2, '2026-12-10T09:00:00Z', 'Jean Dupont rentre lundi', 'x')
                    """, arguments: [alpha])
            try db.execute(
                sql: """
                    INSERT INTO email_outbox (siren, user_id, to_address, to_name, subject, body, status, attempts,
                      next_attempt_at, created_at)
                    VALUES (?, 2, 'Jean.Dupont@alpha.fr', 'Jean Dupont', 'Votre site', 'Bonjour Jean Dupont,', 'queued', 0,
                      'x', '2026-11-25T10:00:00Z')
                    """, arguments: [alpha])
            try db.execute(
                sql: """
                    INSERT INTO privacy_notice (siren, recipient, channel, notice_version, notified_at)
                    VALUES (?, 'jean.dupont@alpha.fr', 'email', 'https://example.fr/rgpd', '2026-11-25T10:00:00Z')
                    """, arguments: [alpha])
        }
        let export = try db.writer.write { [now] (db: Database) throws in
            try PersonData(.email("jean.dupont@alpha.fr"), now: now).export(by: 1, db)
        }
        #expect(
            export.mentions.map(\.kind).sorted() == ["call", "email (queued)", "follow_up", "notes", "privacy_notice"])
        _ = try db.writer.write { [now] (db: Database) throws in
            try PersonData(.email("jean.dupont@alpha.fr"), now: now).erase(objected: false, by: 1, db)
        }
        try db.writer.read { (db: Database) throws in
            #expect(try String.fetchOne(db, sql: "SELECT note FROM follow_up") == "[effacé] rentre lundi")
            #expect(try String.fetchOne(db, sql: "SELECT recipient FROM privacy_notice") == "[effacé]")
            let row = try #require(try Row.fetchOne(db, sql: "SELECT * FROM email_outbox"))
            #expect((row["to_address"] as String) == "[effacé]" && (row["to_name"] as String?) == nil)
            #expect((row["body"] as String) == "Bonjour [effacé]," && (row["status"] as String) == "failed")
        }
    }

    @Test("R9: a person who objected takes the company out of every queue for good")
    func erasureWithObjection() throws {
        let summary = try db.writer.write { [now] (db: Database) throws in
            try PersonData(.phone("0612345678"), now: now).erase(objected: true, by: 1, db)
        }
        #expect(summary.blockedSirens == [alpha])
        #expect(try TestValue.int(db, "SELECT do_not_contact FROM prospect") == 1)
        let items = try db.writer.read { [now] (db: Database) throws in
            try CallQueue(policy: CallingPolicy(), now: now).items(for: 2, limit: 10, db)
        }
        #expect(items.isEmpty)
    }

    @Test("R9: a request that names nobody, or an unknown company, says what to give")
    func badRequests() throws {
        try db.writer.write { [now] (db: Database) throws in
            #expect(throws: ComplianceError.emptyLookup) {
                try PersonData(.email("  "), now: now).export(by: 1, db)
            }
            #expect(throws: ComplianceError.unknownCompany(732_829_320)) {
                try PersonData(.name(siren: 732_829_320, name: "X Y"), now: now).export(by: 1, db)
            }
        }
    }
}
