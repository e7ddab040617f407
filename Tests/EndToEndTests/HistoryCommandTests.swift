import FilonCore
import Foundation
import GRDB
import Testing

/// `filon history`, `filon notice` and `filon inbound` through the real binary: the traceability
/// record as text and JSON, and the notice and inbound contact an operator records.
@Suite struct HistoryCommandTests: CommandSuite {
    let folder: String
    let db: String
    let database: AppDatabase

    init() throws {
        (folder, db, database) = try Self.freshDatabase()
        try database.writer.write { db in
            for (id, login, role) in [(1, "ada", "admin"), (2, "tina", "telepro"), (3, "theo", "telepro")] {
                try db.execute(
                    sql: "INSERT INTO user (id, login, name, role, created_at) VALUES (?, ?, ?, ?, 'x')",
                    arguments: [id, login, login.capitalized, role])
            }
            try db.execute(
                sql:
                    "INSERT INTO company (siren, denomination, legal_form, row_hash) VALUES (552100554, 'ALPHA', '5710', 1)"
            )
            try db.execute(
                sql: """
                    INSERT INTO prospect (siren, owner_id, created_at, updated_at)
                    VALUES (552100554, 2, '2026-01-05T09:00:00Z', 'x')
                    """)
            try db.execute(
                sql: """
                    INSERT INTO field_provenance (siren, field, source, retrieved_at)
                    VALUES (552100554, 'legal_form', 'rne', '2026-02-01T08:00:00Z')
                    """)
            try db.execute(
                sql: """
                    INSERT INTO contact_point (siren, kind, value, normalized, subtype, source, retrieved_at)
                    VALUES (552100554, 'email', 'jean.dupont@alpha.fr', 'jean.dupont@alpha.fr', 'nominative',
                      'dropcontact', '2026-02-02T08:00:00Z')
                    """)
            try db.execute(
                sql: """
                    INSERT INTO change_event (siren, kind, old_value, new_value, source, detected_at)
                    VALUES (552100554, 'name', 'ALPH', 'ALPHA', 'sirene_api', '2026-02-03T08:00:00Z')
                    """)
            try ProspectActions(userID: 2, now: Timestamp.date("2026-02-04T08:00:00Z")!)
                .changeStatus(siren: 552_100_554, to: .aContacter, db)
        }
    }

    @Test func theHistoryListsEveryChangeWithItsSourceOrUser() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let refused = try filon("theo", ["notice", "552100554", "--channel", "call"])
        #expect(refused.status == 1, "\(refused.stderr)")
        let notice = try filon("tina", ["notice", "552 100 554", "--channel", "call", "--to", "Jean Dupont"])
        #expect(notice.status == 0, "\(notice.stderr)")
        #expect(notice.stdout.contains("privacy notice given by call"))
        let inbound = try filon("tina", ["inbound", "552100554", "--channel", "email", "--note", "répond"])
        #expect(inbound.status == 0, "\(inbound.stderr)")
        #expect(try filon("tina", ["notice", "552100554", "--channel", "fax"]).status == 2)
        #expect(try filon("tina", ["history", "552100555"]).status == 2)
        #expect(try filon("tina", ["history", "404833048"]).status == 2)

        let text = try filon("tina", ["history", "552100554"])
        #expect(text.status == 0, "\(text.stderr)")
        let lines = text.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "History of 552 100 554: 6 entries")
        #expect(lines.contains { $0.contains("privacy notice: given, last inbound contact: 20") })
        #expect(
            lines.contains { $0.hasPrefix("2026-02-01T08:00:00Z  provenance  legal_form") && $0.hasSuffix("from rne") })
        #expect(
            lines.contains {
                $0.contains(
                    "provenance  email  jean.dupont@alpha.fr  nominative (personal data, opt-out)  from dropcontact")
            })
        #expect(lines.contains { $0.contains("change  name  ALPH → ALPHA") && $0.hasSuffix("from sirene_api") })
        #expect(lines.contains { $0.contains("action  status_change  nouveau → a_contacter  by tina") })
        #expect(
            lines.contains {
                $0.contains("notice  privacy notice  \(PrivacyNotice.currentVersion)  call to Jean Dupont  by tina")
            })
        #expect(lines.contains { $0.contains("action  other  inbound  inbound email: répond  by tina") })
        #expect(lines.contains { $0.hasPrefix("  dropcontact: legitimate interest") })

        let json = try filon("tina", ["history", "552100554", "--json"])
        #expect(json.status == 0, "\(json.stderr)")
        let entries = try JSONDecoder().decode([FieldHistoryEntry].self, from: Data(json.stdout.utf8))
        #expect(entries.count == 6)
        #expect(entries.first?.field == "legal_form" && entries.first?.legalBasis == ProviderLegalBasis.of(.rne).line)
    }

    @Test func thePurgeReportsThenAnAdminConfirms() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try database.writer.write { db in
            try db.execute(
                sql: """
                    UPDATE prospect SET notes = 'Jean, à rappeler', created_at = '2020-01-01T00:00:00Z'
                    WHERE siren = 552100554
                    """)
        }
        let dryRun = try filon("tina", ["gdpr", "purge"])
        #expect(dryRun.status == 0, "\(dryRun.stderr)")
        #expect(dryRun.stdout.contains("Would purge 1 prospect(s)"), "\(dryRun.stdout)")
        #expect(dryRun.stdout.contains("552 100 554  ALPHA  last contact 2020-01-01T00:00:00Z"))
        #expect(dryRun.stdout.contains("An admin runs `filon gdpr purge --confirm`"))
        let refused = try filon("tina", ["gdpr", "purge", "--confirm"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("only an admin can purge prospects past their retention"), "\(refused.stderr)")
        let done = try filon("ada", ["gdpr", "purge", "--confirm", "--json"])
        #expect(done.status == 0, "\(done.stderr)")
        let report = try JSONDecoder().decode(PurgeReport.self, from: Data(done.stdout.utf8))
        #expect(report.applied && report.candidates.map(\.siren) == [552_100_554] && report.contactPoints == 1)
        let history = try filon("ada", ["history", "552100554"])
        #expect(history.stdout.contains("audit  retention_purge"), "\(history.stdout)")
        #expect(try filon("ada", ["gdpr", "purge"]).stdout.contains("Would purge 0 prospect(s)"))
    }

    @Test func consentIsRecordedForAPersonalMailbox() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(try filon("theo", ["consent", "552100554", "jean@gmail.com"]).status == 1)
        #expect(try filon("tina", ["consent", "552100554", "not an address"]).status == 2)
        let done = try filon("tina", ["consent", "552100554", "jean@gmail.com"])
        #expect(done.status == 0, "\(done.stderr)")
        #expect(done.stdout.contains("consent to emails at jean@gmail.com recorded"), "\(done.stdout)")
        #expect(done.stdout.contains("(personal mailbox (consent needed))"))
        let allowed = try database.writer.read { try EmailConsent.allows("jean@gmail.com", $0) }
        #expect(allowed)
    }
}
