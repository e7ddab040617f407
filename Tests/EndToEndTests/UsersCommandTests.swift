import FilonCore
import Foundation
import GRDB
import Testing

/// `filon users …`, `filon reassign …` and `--as` through the real binary, each run as an OS
/// login (`USER`): the first admin, an admin's changes, a telemarketer's refusals, exit codes.
@Suite struct UsersCommandTests: CommandSuite {
    let folder: String
    let db: String
    let database: AppDatabase

    init() throws {
        (folder, db, database) = try Self.freshDatabase()
    }

    func value<T: DatabaseValueConvertible>(_ sql: String, _ arguments: StatementArguments = []) throws -> T? {
        try database.writer.read { try T.fetchOne($0, sql: sql, arguments: arguments) }
    }

    @Test func theTeamIsManagedByAnAdminOnly() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // No admin yet: the first user must be one, and needs nobody's permission.
        let early = try filon("ada", ["users", "add", "tina", "--role", "telepro"])
        #expect(early.status == 1)
        #expect(early.stderr.contains("there is no admin yet, so tina cannot be added"), "\(early.stderr)")
        let first = try filon("ada", ["users", "add", "ada", "--role", "admin", "--name", "Ada Admin"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("Added ada (Ada Admin), Admin, capacity 100."))
        for arguments in [
            ["users", "add", "tina", "--role", "telepro", "--name", "Tina Morel"],
            ["users", "add", "theo", "--role", "telepro", "--name", "Théo Martin", "--capacity", "50"],
            ["users", "add", "sam", "--role", "commercial", "--name", "Sam Roux"],
        ] {
            let added = try filon("ada", arguments)
            #expect(added.status == 0, "\(arguments): \(added.stderr)")
        }
        // A telemarketer is refused (1); bad input is a usage error (2).
        let refused = try filon("tina", ["users", "add", "eve", "--role", "telepro"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("only an admin can add users; tina is not an active admin"))
        let stranger = try filon("mallory", ["users", "disable", "tina"])
        #expect(stranger.status == 1)
        #expect(stranger.stderr.contains("only an admin can disable users; the OS login mallory is not a CRM user"))
        #expect(try filon("ada", ["users", "add", "eve", "--role", "boss"]).status == 2)
        #expect(try filon("ada", ["users", "add", "Eve Smith", "--role", "telepro"]).status == 2)
        #expect(try filon("ada", ["users", "set-capacity", "theo", "-3"]).status == 2)
        #expect(try filon("ada", ["users", "disable", "nobody"]).status == 2)
        let lastAdmin = try filon("ada", ["users", "disable", "ada"])
        #expect(lastAdmin.status == 1 && lastAdmin.stderr.contains("ada is the last active admin"))

        let capacity = try filon("ada", ["users", "set-capacity", "theo", "30"])
        #expect(capacity.status == 0 && capacity.stdout.contains("theo can hold 30 open prospects."))
        let list = try filon("tina", ["users", "list", "--json"])
        #expect(list.status == 0, "\(list.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        #expect(rows.map { $0["login"] as? String } == ["ada", "sam", "theo", "tina"])
        let theo = try #require(rows.first { $0["login"] as? String == "theo" })
        #expect(theo["role"] as? String == "telepro" && theo["role_label"] as? String == "Téléprospecteur")
        #expect(theo["capacity"] as? Int == 30 && theo["load"] as? Int == 0 && theo["active"] as? Bool == true)
        let table = try filon("tina", ["users", "list"])
        #expect(table.stdout.contains("LOGIN  NAME         ROLE             ACTIVE   LOAD/CAP  CALLS  EMAILS  NOTES"))
        #expect(table.stdout.contains("theo   Théo Martin  Téléprospecteur  yes          0/30      0       0      0"))

        let disabled = try filon("ada", ["users", "disable", "sam"])
        #expect(disabled.status == 0 && disabled.stdout.contains("Disabled sam."), "\(disabled.stderr)")
        #expect(try filon("ada", ["users", "enable", "sam"]).stdout.contains("Enabled sam."))
        let actions: [String] = try database.writer.read {
            try String.fetchAll($0, sql: "SELECT actor || ' ' || action || ' ' || target FROM audit_log ORDER BY id")
        }
        #expect(
            actions == [
                "ada user_added ada", "ada user_added tina", "ada user_added theo", "ada user_added sam",
                "ada user_capacity theo", "ada user_disabled sam", "ada user_enabled sam",
            ])
    }

    @Test func prospectsAreReassignedByAnAdminAndJournaled() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let sirens = (0..<6).map { 100_000_000 + $0 * 10 }.map { base in
            (0...9).map { base + $0 }.first { Siren.isValid(Siren.pad($0, 9)) }!
        }
        try database.writer.write { db in
            for (id, login, role) in [(1, "ada", "admin"), (2, "tina", "telepro"), (3, "theo", "telepro")] {
                try db.execute(
                    sql: "INSERT INTO user (id, login, name, role, created_at) VALUES (?, ?, ?, ?, 'x')",
                    arguments: [id, login, login.capitalized, role])
            }
            for siren in sirens {
                try db.execute(
                    sql: "INSERT INTO company (siren, denomination, state, row_hash) VALUES (?, 'X', 'A', 1)",
                    arguments: [siren])
                try db.execute(
                    sql: """
                        INSERT INTO prospect (siren, route, tier, score, owner_id, created_at, updated_at)
                        VALUES (?, 'telemarketing', 'B', 50, 2, 'x', 'x')
                        """, arguments: [siren])
            }
        }
        let first = Siren.pad(sirens[0], 9)
        let refused = try filon("tina", ["reassign", first, "--to", "theo"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("only an admin can reassign prospects; tina is not an active admin"))
        #expect(try filon("ada", ["reassign"]).status == 2)
        #expect(try filon("ada", ["reassign", first]).status == 2)
        #expect(try filon("ada", ["reassign", "123456789", "--to", "theo"]).status == 2)
        #expect(try filon("ada", ["reassign", "--rebalance", "--from", "tina"]).status == 2)
        let toAdmin = try filon("ada", ["reassign", first, "--to", "ada"])
        #expect(toAdmin.status == 1 && toAdmin.stderr.contains("ada cannot take prospects: an admin has no call queue"))

        let one = try filon("ada", ["reassign", first, "--to", "theo"])
        #expect(one.status == 0, "\(one.stderr)")
        #expect(one.stdout.contains("Moved 1 prospect (manual)."), "\(one.stdout)")
        let journal: Row? = try database.writer.read {
            try Row.fetchOne(
                $0, sql: "SELECT user_id, old_value, new_value, detail FROM activity WHERE siren = ?",
                arguments: [sirens[0]])
        }
        #expect(journal?["user_id"] as Int? == 1 && journal?["detail"] as String? == "manual")
        #expect(journal?["old_value"] as String? == "tina" && journal?["new_value"] as String? == "theo")
        // Again: nothing moves, and the command says why.
        let again = try filon("ada", ["reassign", first, "--to", "theo"])
        #expect(again.status == 1 && again.stdout.contains("is already theo's"), "\(again.stdout)")

        let rebalance = try filon("ada", ["reassign", "--rebalance"])
        #expect(rebalance.status == 0, "\(rebalance.stderr)")
        #expect(rebalance.stdout.contains("Moved 2 prospects (rebalance)."), "\(rebalance.stdout)")
        #expect(try value("SELECT COUNT(*) FROM prospect WHERE owner_id = 3") == 3)

        let all = try filon("ada", ["reassign", "--from", "tina", "--to", "theo"])
        #expect(all.status == 0 && all.stdout.contains("Moved 3 prospects (bulk)."), "\(all.stdout)")
        #expect(try value("SELECT COUNT(*) FROM prospect WHERE owner_id = 3") == 6)
        #expect(try value("SELECT COUNT(*) FROM activity WHERE kind = 'assignment' AND user_id = 1") == 6)
    }

    @Test func onlyAnAdminWorksAsSomeoneElse() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try database.writer.write { db in
            for (id, login, role) in [(1, "ada", "admin"), (2, "tina", "telepro"), (3, "theo", "telepro")] {
                try db.execute(
                    sql: "INSERT INTO user (id, login, name, role, created_at) VALUES (?, ?, ?, ?, 'x')",
                    arguments: [id, login, login.capitalized, role])
            }
        }
        let refused = try filon("tina", ["queue", "--as", "theo"])
        #expect(refused.status == 1)
        #expect(
            refused.stderr.contains(
                "only an admin can work as another user (--as theo): tina is not an active admin; sign in as theo instead"
            ),
            "\(refused.stderr)")
        let stranger = try filon("mallory", ["queue", "--as", "theo"])
        #expect(stranger.status == 1 && stranger.stderr.contains("the OS login mallory is not a CRM user"))
        let screen = try filon("tina", ["--as", "theo"])
        #expect(screen.status == 1 && screen.stderr.contains("only an admin can work as another user (--as theo)"))
        #expect(try filon("tina", ["queue", "--as", "tina"]).status == 0)
        #expect(try filon("ada", ["queue", "--as", "theo"]).status == 0)
    }
}
