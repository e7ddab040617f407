import FilonCore
import Foundation
import GRDB
import Testing

/// The admin's side in a real terminal, on the demo database after a scripted day: the team
/// added with `filon users add`, Tina's calls with `filon call`; then Ada opens the admin screen,
/// reads the dashboard (the same figures as `filon report --json` and as the database counted by
/// hand), and gives all of Tina's prospects to Théo in a few keys.
@Suite(.serialized) struct AdminUnderTmuxTests {
    private let tmux = TmuxServer(name: "filon-admin-\(getpid())")

    @Test func anAdminReassignsInBulk() throws {
        let folder = try Binaries.temporaryFolder()
        defer {
            tmux.kill()
            try? FileManager.default.removeItem(atPath: folder)
        }
        let db = try Binaries.demoDatabase(in: folder)
        let environment = ["XDG_CONFIG_HOME": folder, "FILON_CONFIG": ""]
        func filon(_ arguments: [String], as login: String) throws -> Binaries.Result {
            try Binaries.run("filon", arguments + ["--db", db], environment: environment.merging(["USER": login]) { $1 })
        }
        for (login, role) in [("ada", "admin"), ("theo", "telepro"), ("tina", "telepro")] {
            let added = try filon(["users", "add", login, "--role", role], as: "ada")
            #expect(added.status == 0, "\(added.stderr)")
        }
        let database = try AppDatabase.open(path: db)
        // Six of the demo's companies are Tina's prospects.
        let sirens = try database.writer.write { db -> [Int] in
            let sirens = try Int.fetchAll(
                db,
                sql: """
                    SELECT siren FROM company WHERE state = 'A' AND diffusion = 'O' AND name IS NOT NULL
                    ORDER BY siren LIMIT 6
                    """)
            let tina = try Int.fetchOne(db, sql: "SELECT id FROM user WHERE login = 'tina'")
            for siren in sirens {
                try db.execute(
                    sql: """
                        INSERT INTO prospect (siren, tier, score, route, owner_id, assigned_at, created_at, updated_at)
                        VALUES (?, 'B', 50, 'telemarketing', ?, '2026-01-01T08:00:00Z', 'x', 'x')
                        """, arguments: [siren, tina])
            }
            return sirens
        }
        try #require(sirens.count == 6)
        // Tina's day: three calls, one of them a contact.
        for (siren, outcome) in [(sirens[0], "no_answer"), (sirens[1], "contact"), (sirens[2], "voicemail")] {
            let call = try filon(["call", String(siren), outcome, "--duration", "60"], as: "tina")
            #expect(call.status == 0, "\(call.stderr)")
        }
        let counted: Int = try database.writer.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM activity WHERE kind = 'call'")!
        }
        #expect(counted == 3)
        let report = try filon(["report", "--json"], as: "ada")
        #expect(report.status == 0, "\(report.stderr)")
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any])
        #expect(json["calls"] as? Int == counted)

        let filonPath = try Binaries.path("filon")
        let command =
            "cd '\(Binaries.root.path)' && LANG=C.UTF-8 TERM=xterm-256color USER=ada XDG_CONFIG_HOME='\(folder)' "
            + "FILON_CONFIG= '\(filonPath)' --db '\(db)'; echo \"exit=$?\" > '\(folder)/exit'"
        try tmux.start(command, width: 140, height: 45)
        _ = try tmux.screen { $0.contains("Ada") || $0.contains("ada") }

        // A: the team, Tina's load, and the dashboard with the day's calls.
        try tmux.keys("A")
        let team = try tmux.screen { $0.contains("Team (3)") && $0.contains("Calls: ") }
        #expect(team.contains("Calls: \(counted)"), "\(team)")
        #expect(team.contains("6/100"), "\(team)")

        // Enter on Tina (the last of the team), * marks her six prospects, r gives them to Théo.
        try tmux.keys("G", "Enter")
        _ = try tmux.screen { $0.contains("tina's prospects (6)") }
        try tmux.keys("*")
        _ = try tmux.screen { $0.contains("6 marked") }
        try tmux.keys("r")
        let choices = try tmux.screen { $0.contains("Reassign 6 marked prospects to") }
        let theoLine = try #require(choices.split(separator: "\n").first { $0.contains("theo,") })
        let number = try #require(theoLine.split(separator: "│").last?.trimmingCharacters(in: .whitespaces).first)
        try tmux.keys(String(number))
        let moved = try tmux.screen { $0.contains("moved 6: theo +6") }
        #expect(moved.contains("moved 6: theo +6"), "\(moved)")

        let owners: [String] = try database.writer.read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT u.login FROM prospect p JOIN user u ON u.id = p.owner_id
                    WHERE p.siren IN (SELECT value FROM json_each(?))
                    """, arguments: ["[" + sirens.map(String.init).joined(separator: ",") + "]"])
        }
        #expect(owners == Array(repeating: "theo", count: 6))
        let journal: Int = try database.writer.read { db in
            try Int.fetchOne(
                db,
                sql: """
                    SELECT COUNT(*) FROM activity a JOIN user u ON u.id = a.user_id
                    WHERE a.kind = 'assignment' AND u.login = 'ada' AND a.old_value = 'tina' AND a.new_value = 'theo'
                    """)!
        }
        #expect(journal == 6)

        try tmux.keys("Escape", "Escape", "q")
        #expect(tmux.waitForFile(folder + "/exit") == "exit=0")
    }
}
