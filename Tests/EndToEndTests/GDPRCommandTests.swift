import FilonCore
import Foundation
import GRDB
import Testing

/// `filon gdpr export|erase` through the real binary (RGPD R9): JSON with sources, a dry run
/// that changes nothing, the erasure, the audit lines, and the refusals' exit codes.
@Suite struct GDPRCommandTests: CommandSuite {
    let folder: String
    let db: String
    let database: AppDatabase

    init() throws {
        (folder, db, database) = try Self.freshDatabase()
        try database.writer.write { db in
            for (id, login, role) in [(1, "ada", "admin"), (2, "tina", "telepro")] {
                try db.execute(
                    sql: "INSERT INTO user (id, login, name, role, created_at) VALUES (?, ?, ?, ?, 'x')",
                    arguments: [id, login, login, role])
            }
            try db.execute(
                sql:
                    "INSERT INTO company (siren, denomination, legal_form, row_hash) VALUES (552100554, 'ALPHA', '5710', 1)"
            )
            try db.execute(
                sql: """
                    INSERT INTO person (id, siren, role, last_name, first_names, source, retrieved_at)
                    VALUES (1, 552100554, 'Gérant', 'DUPONT', 'Jean', 'rne', '2026-10-01T00:00:00Z')
                    """)
            try db.execute(
                sql: """
                    INSERT INTO contact_point (siren, person_id, kind, value, normalized, is_personal, source, retrieved_at)
                    VALUES (552100554, 1, 'phone', '06 12 34 56 78', '+33612345678', 1, 'kaspr', '2026-11-03T00:00:00Z')
                    """)
        }
    }

    func count(_ sql: String) throws -> Int {
        try database.writer.read { try Int.fetchOne($0, sql: sql) ?? 0 }
    }

    @Test("R9: filon gdpr export writes the person's data with sources, and erase needs --yes and an admin")
    func exportThenErase() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let export = try filon("ada", ["gdpr", "export", "--phone", "+33 6 12 34 56 78", "--out", folder + "/p.json"])
        #expect(export.status == 0, "\(export.stderr)")
        let json = try String(contentsOfFile: folder + "/p.json", encoding: .utf8)
        #expect(json.contains("\"source\" : \"kaspr\"") && json.contains("\"lastName\" : \"DUPONT\""), "\(json)")

        let refused = try filon("tina", ["gdpr", "erase", "--siren", "552100554", "--name", "DUPONT Jean", "--yes"])
        #expect(refused.status == 1 && refused.stderr.contains("tina is not an active admin"), "\(refused.stderr)")
        #expect(try filon("ada", ["gdpr", "erase", "--siren", "552100554"]).status == 2)
        #expect(try filon("ada", ["gdpr", "erase", "--email", "a@b.fr", "--phone", "0612345678"]).status == 2)

        let dryRun = try filon("ada", ["gdpr", "erase", "--siren", "552100554", "--name", "DUPONT Jean"])
        #expect(dryRun.status == 0 && dryRun.stdout.contains("Would erase"), "\(dryRun.stdout)")
        #expect(try count("SELECT COUNT(*) FROM person") == 1)

        let erased = try filon("ada", ["gdpr", "erase", "--siren", "552 100 554", "--name", "DUPONT Jean", "--yes"])
        #expect(erased.status == 0, "\(erased.stderr)")
        #expect(erased.stdout.contains("person Jean DUPONT at 552 100 554"), "\(erased.stdout)")
        #expect(try count("SELECT COUNT(*) FROM person") == 0)
        #expect(try count("SELECT COUNT(*) FROM contact_point") == 0)
        #expect(try count("SELECT COUNT(*) FROM suppression WHERE kind = 'phone'") == 1)
        #expect(try count("SELECT COUNT(*) FROM audit_log WHERE action IN ('gdpr_export', 'gdpr_erase')") == 2)
    }

    @Test("R7: filon gdpr suppress records an objection from any active user, hashed and audited")
    func suppress() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let stop = try filon("tina", ["gdpr", "suppress", "--phone", "06 12 34 56 78", "--reason", "STOP"])
        #expect(stop.status == 0 && stop.stdout.contains("on the list now"), "\(stop.stdout)\(stop.stderr)")
        #expect(try count("SELECT opted_out FROM contact_point") == 1)
        #expect(try count("SELECT COUNT(*) FROM audit_log WHERE action = 'suppression_add' AND actor = 'tina'") == 1)
        #expect(try filon("tina", ["gdpr", "suppress"]).status == 2)
        #expect(try filon("mallory", ["gdpr", "suppress", "--email", "a@b.fr"]).status == 2)
    }
}
