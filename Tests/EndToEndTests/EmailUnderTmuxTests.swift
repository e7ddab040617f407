import FilonCore
import Foundation
import GRDB
import TestSupport
import Testing

/// An email from the real `filon` in a real terminal: the bundled templates, `$EDITOR` (a script
/// that edits the draft as a person would), libcurl's SMTP to a local sink, the outbox and the
/// history. The same path an operator takes with vim and the company's mail server.
@Suite(.serialized) struct EmailUnderTmuxTests {
    private let tmux = TmuxServer(name: "filon-mail-\(getpid())")

    @Test func anEmailFromTheCard() throws {
        let folder = try Binaries.temporaryFolder()
        let smtp = try FakeSMTPServer()
        defer {
            tmux.kill()
            smtp.stop()
            try? FileManager.default.removeItem(atPath: folder)
        }
        let db = try Binaries.demoDatabase(in: folder)
        let database = try AppDatabase.open(path: db)
        let prospect = try database.writer.write { db -> (siren: Int, name: String) in
            try db.execute(
                sql:
                    "INSERT INTO user (id, login, name, role, created_at) VALUES (1, 'ada', 'Ada Admin', 'admin', 'x'), (2, 'tina', 'Tina Morel', 'telepro', 'x')"
            )
            let row = try #require(
                try Row.fetchOne(
                    db,
                    sql: """
                        SELECT siren, name FROM company
                        WHERE state = 'A' AND diffusion = 'O' AND name IS NOT NULL AND length(name) BETWEEN 5 AND 20
                          AND name NOT GLOB '*[^A-Za-z0-9 ]*'
                        ORDER BY siren LIMIT 1
                        """))
            let siren: Int = row["siren"]
            try db.execute(
                sql: """
                    INSERT INTO prospect (siren, tier, score, route, owner_id, assigned_at, created_at, updated_at)
                    VALUES (?, 'B', 50, 'telemarketing', 2, '2026-01-01T08:00:00Z', 'x', 'x')
                    """, arguments: [siren])
            try db.execute(
                sql: """
                    INSERT INTO follow_up (siren, owner_id, due_at, shared, created_by, created_at)
                    VALUES (?, 2, '2026-01-02T08:00:00Z', 0, 2, '2026-01-01T08:00:00Z')
                    """, arguments: [siren])
            try db.execute(
                sql: """
                    INSERT INTO contact_point (siren, kind, value, normalized, subtype, source, retrieved_at)
                    VALUES (?, 'email', 'contact@example.fr', 'contact@example.fr', 'generic', 'website_audit', 'x')
                    """, arguments: [siren])
            return (siren, row["name"])
        }
        let config = folder + "/filon.toml"
        try """
        [mail]
        url = "\(smtp.url)"
        starttls = "never"
        from = "tina@filon.example"
        sender_name = "Tina Morel"
        sender_company = "Filon Web"
        sender_address = "1 rue du Port, 44000 Nantes"
        """.write(toFile: config, atomically: true, encoding: .utf8)
        // The operator's editing, scripted: a word added to the greeting, saved, quit.
        let editor = folder + "/editor"
        try "#!/bin/sh\nsed -i 's/^Bonjour/Bonjour et merci/' \"$1\"\n".write(
            toFile: editor, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: editor)

        let filon = try Binaries.path("filon")
        let command =
            "cd '\(Binaries.root.path)' && USER=ada LANG=C.UTF-8 TERM=xterm-256color EDITOR='\(editor)' "
            + "'\(filon)' --db '\(db)' --config '\(config)' --as tina; echo \"exit=$?\" > '\(folder)/exit'"
        try tmux.start(command, width: 120, height: 36)
        _ = try tmux.screen { $0.contains(prospect.name) && $0.contains("queue 1") }

        // e: the bundled templates; 1 the first; one address, so the editor opens at once.
        try tmux.keys("e")
        let templates = try tmux.screen { $0.contains("Email to \(prospect.name): template") }
        #expect(templates.contains("1  premier-contact"), "\(templates)")
        try tmux.keys("1")
        let question = try tmux.screen { $0.contains("y = send") }
        #expect(question.contains("to contact@example.fr? y = send"), "\(question)")
        #expect(smtp.messages.isEmpty)
        try tmux.keys("y")
        let sent = try tmux.screen { $0.contains("email sent to contact@example.fr") }
        #expect(sent.contains("email sent to contact@example.fr (server: 250"), "\(sent)")

        let message = try #require(smtp.messages.first)
        #expect(message.recipients == ["contact@example.fr"])
        #expect(message.mailFrom == "tina@filon.example")
        #expect(message.text.contains("Bonjour et merci"), "\(message.text)")
        #expect(message.text.contains("List-Unsubscribe: <mailto:tina@filon.example?subject=unsubscribe>"))
        let outbox = try database.writer.read { db in
            try Row.fetchOne(db, sql: "SELECT siren, user_id, status, server_reply FROM email_outbox")
        }
        #expect(outbox?["siren"] == prospect.siren)
        #expect(outbox?["user_id"] == 2)
        #expect(outbox?["status"] == "sent")
        let emails: Int? = try database.writer.read { db in
            try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM activity WHERE kind = 'email' AND user_id = 2 AND siren = ?",
                arguments: [prospect.siren])
        }
        #expect(emails == 2)  // queued, then sent
        _ = try tmux.screen { $0.contains("email · Tina Morel") }

        try tmux.keys("q")
        #expect(tmux.waitForFile(folder + "/exit") == "exit=0")
    }
}
