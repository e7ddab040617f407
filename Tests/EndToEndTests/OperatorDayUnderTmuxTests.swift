import FilonCore
import Foundation
import GRDB
import Testing

/// A telemarketer's morning with the real `filon` in a real terminal (tmux, a server of its own):
/// log in with `--as`, take the next prospect, log a call with an outcome key, add a note and a
/// follow-up; every action is checked in the database and on the screen. The database is the
/// demo import with users and a queue inserted by the test: no daemon pass is involved.
@Suite(.serialized) struct OperatorDayUnderTmuxTests {
    private let tmux = TmuxServer(name: "filon-day-\(getpid())")

    @Test func aTelemarketersMorning() throws {
        let folder = try Binaries.temporaryFolder()
        defer {
            tmux.kill()
            try? FileManager.default.removeItem(atPath: folder)
        }
        let db = try Binaries.demoDatabase(in: folder)
        let database = try AppDatabase.open(path: db)
        // Three companies with short names, each with a callback due: the queue serves callbacks
        // at any hour, so the test does not depend on the calling windows.
        let picked = try database.writer.write { db -> [(siren: Int, name: String)] in
            try db.execute(
                sql: """
                    INSERT INTO user (id, login, name, role, created_at) VALUES
                      (1, 'ada', 'Ada Admin', 'admin', 'x'), (2, 'tina', 'Tina Morel', 'telepro', 'x')
                    """)
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT siren, name FROM company
                    WHERE state = 'A' AND diffusion = 'O' AND name IS NOT NULL AND length(name) BETWEEN 5 AND 20
                      AND name NOT GLOB '*[^A-Za-z0-9 ]*'
                    ORDER BY siren LIMIT 3
                    """)
            for (index, row) in rows.enumerated() {
                try db.execute(
                    sql: """
                        INSERT INTO prospect (siren, tier, score, route, owner_id, assigned_at, created_at, updated_at)
                        VALUES (?, 'B', 50, 'telemarketing', 2, '2026-01-01T08:00:00Z', 'x', 'x')
                        """, arguments: [row["siren"] as Int])
                try db.execute(
                    sql: """
                        INSERT INTO follow_up (siren, owner_id, due_at, shared, created_by, created_at)
                        VALUES (?, 2, ?, 0, 2, '2026-01-01T08:00:00Z')
                        """, arguments: [row["siren"] as Int, "2026-01-0\(index + 2)T08:00:00Z"])
            }
            return rows.map { ($0["siren"], $0["name"]) }
        }
        try #require(picked.count == 3)
        let (first, second) = (picked[0], picked[1])

        let filon = try Binaries.path("filon")
        let command =
            "cd '\(Binaries.root.path)' && USER=ada LANG=C.UTF-8 TERM=xterm-256color '\(filon)' --db '\(db)' --as tina; "
            + "echo \"exit=$?\" > '\(folder)/exit'"
        try tmux.start(command, width: 160, height: 48)

        // Logged in as Tina: her queue, the three callbacks in due order.
        let opened = try tmux.screen { $0.contains("Tina Morel (telepro)") && $0.contains(second.name) }
        #expect(opened.contains("Tina Morel (telepro) · queue 3"), "\(opened)")
        #expect(opened.contains("C B  50 \(first.name)"), "\(opened)")

        // n: the next prospect is reserved for her and selected.
        try tmux.keys("n")
        let next = try tmux.screen { $0.contains("next: \(first.name)") }
        #expect(next.contains("next: \(first.name) (personal callback, tier B, 50 pts), reserved 15 min"), "\(next)")
        #expect(try database.value("SELECT reserved_by FROM prospect WHERE siren = ?", [first.siren]) == 2)

        // 1: no answer. The call is journaled and the prospect leaves the queue.
        try tmux.keys("1")
        let called = try tmux.screen { $0.contains("\(first.name): Pas de réponse") && $0.contains("queue 2") }
        #expect(called.contains("\(first.name): Pas de réponse, back in the queue at"), "\(called)")
        #expect(called.contains("queue 2"), "\(called)")
        let call = try database.writer.read { db in
            try Row.fetchOne(
                db, sql: "SELECT user_id, disposition FROM activity WHERE kind = 'call' AND siren = ?",
                arguments: [first.siren])
        }
        #expect(call?["user_id"] == 2)
        #expect(call?["disposition"] == "no_answer")
        #expect(try database.value("SELECT reserved_by FROM prospect WHERE siren = ?", [first.siren]) == Int?.none)

        // N: a note on the prospect now selected (the next in the queue).
        try tmux.keys("N")
        let line = try tmux.screen { $0.contains("Note on \(second.name):") }
        #expect(line.contains("Note on \(second.name): █"), "\(line)")
        try tmux.type("Devis a envoyer")
        try tmux.keys("Enter")
        // The result line comes first, the card read again a moment later: wait for both.
        let noted = try tmux.screen { $0.contains("note saved on \(second.name)") && $0.contains("note · Tina Morel") }
        #expect(noted.contains("note saved on \(second.name)"), "\(noted)")
        #expect(noted.contains("note · Tina Morel"), "\(noted)")
        #expect(noted.contains("Devis a envoyer"), "\(noted)")
        #expect(
            try database.value(
                "SELECT detail FROM activity WHERE kind = 'note' AND user_id = 2 AND siren = ?", [second.siren])
                == "Devis a envoyer")

        // f, 1: a follow-up tomorrow at 9:00.
        try tmux.keys("f")
        let choices = try tmux.screen { $0.contains("Follow-up for \(second.name)") }
        #expect(choices.contains("1  tomorrow 9:00"), "\(choices)")
        try tmux.keys("1")
        let followed = try tmux.screen {
            $0.contains("follow-up on \(second.name) at") && $0.contains("follow-up · Tina Morel")
        }
        #expect(followed.contains("follow-up · Tina Morel"), "\(followed)")
        let followUp = try database.writer.read { db in
            try Row.fetchOne(
                db,
                sql:
                    "SELECT owner_id, due_at, shared FROM follow_up WHERE siren = ? AND done_at IS NULL AND due_at > ?",
                arguments: [second.siren, Timestamp.string(Date())])
        }
        #expect(followUp?["owner_id"] == 2)
        #expect(followUp?["shared"] == false)
        let due: String = try #require(followUp?["due_at"])
        let tomorrow = Date().addingTimeInterval(86_400)
        #expect(abs(try #require(Timestamp.date(due)).timeIntervalSince(tomorrow)) < 86_400, "\(due)")
        #expect(
            try database.value(
                "SELECT COUNT(*) FROM activity WHERE kind = 'follow_up' AND user_id = 2 AND siren = ?", [second.siren])
                == 1)

        // /: a search by the first letters of the third company's name finds it as she types; Enter
        // browses the results, the card follows, Esc comes back to the queue.
        let third = picked[2]
        let letters = String(third.name.prefix(5)).trimmingCharacters(in: .whitespaces)
        try tmux.keys("/")
        _ = try tmux.screen { $0.contains("Search: █") }
        try tmux.type(letters)
        let found = try tmux.screen { $0.contains("Search \"\(letters)\" (") && $0.contains(third.name) }
        #expect(found.contains("Search: \(letters)█"), "\(found)")
        try tmux.keys("Enter")
        _ = try tmux.screen { !$0.contains("Search: ") }
        try tmux.keys("Escape")
        let back = try tmux.screen { $0.contains("My queue") }
        #expect(back.contains("queue 2"), "\(back)")

        // Another process writes: the screen shows it within a second or so (data_version poll).
        try database.writer.write { db in
            try ProspectActions(userID: 1).addNote(siren: second.siren, text: "Vu par Ada", db)
        }
        let live = try tmux.screen { $0.contains("Vu par Ada") }
        #expect(live.contains("\(second.name) changed meanwhile: reloaded"), "\(live)")

        try tmux.keys("q")
        #expect(tmux.waitForFile(folder + "/exit") == "exit=0")
    }
}

extension AppDatabase {
    /// One value from the database, for checks.
    fileprivate func value<T: DatabaseValueConvertible>(_ sql: String, _ arguments: StatementArguments = []) throws
        -> T?
    {
        try writer.read { try T.fetchOne($0, sql: sql, arguments: arguments) }
    }
}
