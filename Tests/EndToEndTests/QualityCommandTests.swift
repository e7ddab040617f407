import FilonCore
import Foundation
import GRDB
import Testing

/// `filon duplicates`, `merge`, `unmerge`, `archive` and `restore` through the real binary on a
/// file database, as the admin ada and the telemarketer tina (`USER`).
@Suite struct QualityCommandTests: CommandSuite {
    let folder: String
    let db: String
    let database: AppDatabase

    init() throws {
        (folder, db, database) = try Self.freshDatabase()
    }

    func value<T: DatabaseValueConvertible>(_ sql: String) throws -> T? {
        try database.writer.read { try T.fetchOne($0, sql: sql) }
    }

    @Test func duplicatesMergedUndoneArchivedAndRestored() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(try filon("ada", ["users", "add", "ada", "--role", "admin"]).status == 0)
        #expect(try filon("ada", ["users", "add", "tina", "--role", "telepro"]).status == 0)
        try database.writer.write { db in
            for (siren, name) in [(100_000_009, "Dupont SARL"), (100_000_017, "Dupont SAS"), (100_000_025, "Martin")] {
                try db.execute(
                    sql: "INSERT INTO company (siren, denomination, state, row_hash) VALUES (?, ?, 'A', 1)",
                    arguments: [siren, name])
                try db.execute(
                    sql: """
                        INSERT INTO prospect (siren, route, tier, score, owner_id, created_at, updated_at)
                        VALUES (?, 'telemarketing', 'B', 50, 2, 'x', 'x')
                        """, arguments: [siren])
            }
            for siren in [100_000_009, 100_000_017] {
                try db.execute(
                    sql: """
                        INSERT INTO contact_point (siren, kind, value, normalized, source, retrieved_at)
                        VALUES (?, 'phone', '04 72 00 00 01', '+33472000001', 'test', 'x')
                        """, arguments: [siren])
            }
            try db.execute(
                sql:
                    "INSERT INTO activity (siren, user_id, kind, detail, created_at) VALUES (100000017, 2, 'note', 'n', 'x')"
            )
        }

        let listed = try filon("ada", ["duplicates", "--json"])
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(listed.stdout.contains("\"first_name\":\"Dupont SARL\""), "\(listed.stdout)")
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let pairs = try decoder.decode([DuplicateSuggestion].self, from: Data(listed.stdout.utf8))
        #expect(pairs.map { [$0.first, $0.second] } == [[100_000_009, 100_000_017]])
        #expect(pairs.first?.evidence.first?.kind == .phone)
        #expect(try filon("ada", ["duplicates"]).stdout.contains("same phone +33472000001"))

        // Without --yes: the plan, nothing changed.
        let plan = try filon("ada", ["merge", "100000017", "100000009", "--take", "notes=loser"])
        #expect(plan.status == 0, "\(plan.stderr)")
        #expect(plan.stdout.contains("add --yes to merge") && plan.stdout.contains("moves 1 activities"))
        #expect(try value("SELECT COUNT(*) FROM merge_journal") == 0)
        #expect(try filon("ada", ["merge", "100000017", "100000009", "--take", "colour=loser"]).status == 2)
        let refused = try filon("tina", ["merge", "100000017", "100000009", "--yes"])
        #expect(refused.status == 1 && refused.stderr.contains("only an admin can merge records"), "\(refused.stderr)")

        let merged = try filon("ada", ["merge", "100000017", "100000009", "--yes"])
        #expect(merged.status == 0 && merged.stdout.contains("Merged (merge 1)"), "\(merged.stderr)")
        #expect(try value("SELECT merged_into FROM prospect WHERE siren = 100000017") == 100_000_009)
        #expect(try value("SELECT siren FROM activity WHERE kind = 'note'") == 100_000_009)
        // The merged pair is no longer a suggestion.
        #expect(try filon("ada", ["duplicates"]).stdout.contains("No likely duplicates."))

        let undone = try filon("ada", ["unmerge", "1"])
        #expect(undone.status == 0 && undone.stdout.contains("Merge 1 undone."), "\(undone.stderr)")
        #expect(try value("SELECT siren FROM activity WHERE kind = 'note'") == 100_000_017)
        #expect((try value("SELECT merged_into FROM prospect WHERE siren = 100000017") as Int?) == nil)
        #expect(try filon("ada", ["unmerge", "1"]).status == 1)

        let dismissed = try filon("ada", ["duplicates", "dismiss", "100000009", "100000017"])
        #expect(dismissed.status == 0, "\(dismissed.stderr)")
        #expect(try filon("ada", ["duplicates"]).stdout.contains("No likely duplicates."))

        let archived = try filon("ada", ["archive", "100000025", "--reason", "not a prospect"])
        #expect(archived.status == 0, "\(archived.stderr)")
        #expect((try value("SELECT archived_at FROM prospect WHERE siren = 100000025") as String?) != nil)
        #expect(try filon("ada", ["archive", "100000025", "--reason", "again"]).status == 1)
        #expect(try filon("tina", ["restore", "100000025"]).status == 1)
        #expect(try filon("ada", ["restore", "100000025"]).status == 0)
        #expect((try value("SELECT archived_at FROM prospect WHERE siren = 100000025") as String?) == nil)
        #expect(try filon("ada", ["archive", "123", "--reason", "x"]).status == 2)
        let actions: [String] = try database.writer.read {
            try String.fetchAll(
                $0, sql: "SELECT action FROM audit_log WHERE actor = 'ada' AND action NOT LIKE 'user%' ORDER BY id")
        }
        #expect(actions == ["merge", "unmerge", "duplicate_dismissed", "archive", "restore"])
    }
}
