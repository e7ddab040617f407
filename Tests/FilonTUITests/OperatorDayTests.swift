import FilonCore
import Foundation
import GRDB
import Testing

@testable import FilonTUI

/// A telemarketer's day through the real app state and an in-memory database: the queue, one key
/// per outcome, notes, follow-ups, status changes, "ne plus contacter", refusals and live reloads.
@Suite("Working the queue")
struct OperatorDayTests {
    @Test("a telepro's left pane is their queue: callbacks, shared callbacks, due again, then new by tier and score")
    func queueOrder() throws {
        let app = Workday.app(try Workday.database())
        #expect(app.listMode == .queue)
        #expect(
            app.queueRows.map(\.siren) == [
                Workday.eleonore, Workday.oeuvre, Workday.gaelle, Workday.studio, Workday.boulangerie,
            ])
        #expect(app.queueRows.map(\.item.reason) == [.personalCallback, .sharedCallback, .recycled, .fresh, .fresh])
        let grid = app.render()
        let rows = [
            " C B  42 Atelier Éléonore", " S C  20 Œuvre Commune", " R B  55 Gaëlle MARTIN", " · A  80 作 Studio",
            " · B  61 Boulangerie Dupain",
        ]
        for (offset, row) in rows.enumerated() {
            #expect(grid.line(2 + offset).hasPrefix(row), "\(grid.line(2 + offset))")
        }
        #expect(grid.line(0).contains("Tina Morel (telepro) · queue 5 · due 1 · 1 alert · pass 09:05"))
        #expect(grid.role(row: 2, column: 1) == .selected)
        #expect(grid.role(row: 5, column: 1) == .muted)  // the mark of a new prospect
        #expect(grid.role(row: 3, column: 1) == .label)  // a callback's
    }

    @Test("an admin and someone who is not a CRM user browse the newest companies; the queue keys say why not")
    func roleGating() throws {
        let database = try Workday.database()
        let admin = Workday.app(database, as: Workday.admin)
        #expect(admin.listMode == .newest)
        #expect(admin.render().line(0).contains("Ada Lovelace (admin)"))
        admin.press("n")
        #expect(admin.message?.kind == .refusal)
        #expect(admin.render().line(22).contains("n — admins have no call queue: open filon --as LOGIN"))
        admin.press("1")
        #expect(admin.render().line(22).contains("1 — admins have no call queue"))
        #expect(try database.value("SELECT COUNT(*) FROM activity WHERE kind = 'call'") == 0)
        // An admin may still act on any prospect from its card.
        admin.press("N")
        admin.press("Vu en réunion")
        admin.press(.enter)
        #expect(admin.message == StatusMessage("note saved on Atelier Éléonore", .success))
        #expect(
            try database.value(
                "SELECT user_id FROM activity WHERE detail = 'Vu en réunion' AND siren = ?", [Workday.eleonore])
                == 1)

        let visitor = TestData.app(database)
        visitor.press("N")
        #expect(visitor.prompt == nil)
        #expect(visitor.render().line(22).contains("N — read-only: alice is not a CRM user"))
        #expect(!visitor.render().line(23).contains("note"))  // the footer leaves it out
    }

    @Test("n reserves the first prospect of the queue for the user and selects it")
    func nextProspect() throws {
        let database = try Workday.database()
        let app = Workday.app(database)
        app.press("jjj")
        #expect(app.selectedSiren == Workday.studio)
        app.press("n")
        #expect(app.selection == 0)
        #expect(app.selectedSiren == Workday.eleonore)
        #expect(try database.value("SELECT reserved_by FROM prospect WHERE siren = ?", [Workday.eleonore]) == 2)
        #expect(
            try database.value("SELECT reserved_until FROM prospect WHERE siren = ?", [Workday.eleonore])
                == "2026-12-01T09:45:00Z")
        #expect(
            app.render().line(22).contains(
                "next: Atelier Éléonore (personal callback, tier B, 42 pts), reserved 15 min"))
        // Théo's queue no longer offers the shared callback Tina… nor her own prospects.
        let theo = Workday.app(database, as: Workday.theo)
        #expect(theo.queueRows.map(\.siren) == [Workday.oeuvre])
    }

    @Test(
        "key 1 records no answer: the call is journaled, the prospect leaves the queue, the result line says when it comes back"
    )
    func outcomeKey() throws {
        let database = try Workday.database()
        let app = Workday.app(database)
        app.press("jjj")
        #expect(app.selectedSiren == Workday.studio)
        app.press("1")
        let call = try database.writer.read { db in
            try Row.fetchOne(
                db, sql: "SELECT user_id, disposition, created_at FROM activity WHERE kind = 'call' AND siren = ?",
                arguments: [Workday.studio])
        }
        #expect(call?["user_id"] == 2)
        #expect(call?["disposition"] == "no_answer")
        #expect(call?["created_at"] == "2026-12-01T09:30:00Z")
        #expect(!app.queueRows.contains { $0.siren == Workday.studio })
        // The next prospect slides into the selection.
        #expect(app.selectedSiren == Workday.boulangerie)
        let grid = app.render()
        #expect(grid.line(22).contains("作 Studio: Pas de réponse, back in the queue at 14:30"), "\(grid.line(22))")
        #expect(grid.line(0).contains("queue 4"))
        #expect(try database.value("SELECT call_state FROM prospect WHERE siren = ?", [Workday.studio]) == "recycle")
    }

    @Test("a note: N opens a line at the bottom, Enter saves, and it shows in the history")
    func note() throws {
        let database = try Workday.database()
        let app = Workday.app(database, width: 160, height: 48)
        app.press("N")
        #expect(app.prompt == .note(ActionTarget(siren: Workday.eleonore, name: "Atelier Éléonore"), text: ""))
        #expect(app.render().line(46).hasPrefix(" Note on Atelier Éléonore: █"))
        #expect(app.render().line(47).contains("Enter save  Esc cancel  Backspace delete"))
        app.press("Rappeler le gérant demainx")
        app.press(.backspace)
        #expect(app.render().line(46).hasPrefix(" Note on Atelier Éléonore: Rappeler le gérant demain█"))
        app.press(.enter)
        #expect(app.prompt == nil)
        #expect(
            try database.value("SELECT detail FROM activity WHERE kind = 'note' AND user_id = 2 ORDER BY id DESC")
                == "Rappeler le gérant demain")
        let grid = app.render()
        #expect(grid.line(46).contains("note saved on Atelier Éléonore"))
        let history = try #require(grid.row(containing: "History (2)"))
        #expect(grid.line(history + 1).contains("01/12 10:30 · note · Tina Morel"))
        #expect(grid.line(history + 2).contains("  Rappeler le gérant demain"))
        guard case .loaded(let card) = app.cardState else {
            Issue.record("expected the card")
            return
        }
        #expect(card.notes == "Rappeler après 14 h\nRappeler le gérant demain")

        // Esc cancels; Enter on nothing says so.
        app.press("a")
        app.press(.enter)
        #expect(app.message == StatusMessage("nothing typed: Esc cancels", .info))
        app.press(.escape)
        #expect(app.prompt == nil)
        #expect(try database.value("SELECT COUNT(*) FROM activity WHERE kind = 'note'") == 2)
        // Keys typed in the line are text, not commands.
        app.press("N")
        app.press("q1n")
        #expect(!app.shouldQuit)
        #expect(app.prompt?.text == "q1n")
    }

    @Test("f asks when: tomorrow 9:00, in 3 days, next week or a typed date, and writes the follow-up")
    func followUp() throws {
        let database = try Workday.database()
        let app = Workday.app(database)
        app.press("jjjj")  // the bakery
        app.press("f")
        var grid = app.render()
        #expect(grid.text.contains("Follow-up for Boulangerie Dupain"))
        #expect(grid.text.contains("1  tomorrow 9:00 (02/12 09:00)"))
        #expect(grid.text.contains("2  in 3 days (04/12 09:00)"))
        #expect(grid.text.contains("3  next week (Monday 07/12 09:00)"))
        #expect(grid.text.contains("4  type a date…"))
        #expect(grid.line(23).contains("1–9 choose  j/k move  Enter take  Esc cancel"))
        app.press("j")
        #expect(app.prompt?.highlighted == 1)
        app.press(.enter)
        grid = app.render()
        #expect(grid.line(22).contains("follow-up on Boulangerie Dupain at 04/12 09:00"))
        let due: String? = try database.value(
            "SELECT due_at FROM follow_up WHERE siren = ? AND owner_id = 2", [Workday.boulangerie])
        #expect(due == "2026-12-04T08:00:00Z")
        #expect(
            try database.value(
                "SELECT COUNT(*) FROM activity WHERE kind = 'follow_up' AND siren = ?", [Workday.boulangerie]) == 1)

        // A typed date, and one that cannot be read.
        app.press("f")
        app.press("4")
        #expect(app.keyContext == .textInput)
        #expect(app.render().line(22).contains("Follow-up for Boulangerie Dupain: █"))
        app.press("32/13")
        app.press(.enter)
        #expect(app.message?.text.hasPrefix("cannot read the date \"32/13\"") == true)
        #expect(app.prompt != nil)
        for _ in 0..<5 { app.press(.backspace) }
        app.press("2026-12-15 16h")
        app.press(.enter)
        #expect(
            try database.value("SELECT MAX(due_at) FROM follow_up WHERE siren = ?", [Workday.boulangerie])
                == "2026-12-15T15:00:00Z")
    }

    @Test("6, À rappeler, asks for the callback date first and records the call with it")
    func callbackPrompt() throws {
        let database = try Workday.database()
        let app = Workday.app(database)
        app.press("jjj")  // 作 Studio
        app.press("6")
        #expect(app.keyContext == .choice)
        let grid = app.render()
        #expect(grid.text.contains("Callback for 作 Studio"))
        #expect(grid.text.contains("1  tomorrow 9:00 (02/12 09:00)"))
        #expect(try database.value("SELECT COUNT(*) FROM activity WHERE kind = 'call'") == 0)  // not yet
        app.press(.escape)
        #expect(app.prompt == nil)
        #expect(app.message == StatusMessage("cancelled: nothing changed", .info))

        app.press("6")
        app.press("4")
        app.press("03/12 14h30")
        app.press(.enter)
        #expect(app.render().line(22).contains("作 Studio: À rappeler, back in the queue at 03/12 14:30"))
        #expect(try database.value("SELECT disposition FROM activity WHERE kind = 'call'") == "callback")
        #expect(
            try database.value("SELECT due_at FROM follow_up WHERE siren = ?", [Workday.studio])
                == "2026-12-03T13:30:00Z")
        #expect(
            try database.value("SELECT pipeline_status FROM prospect WHERE siren = ?", [Workday.studio]) == "a_relancer"
        )
        #expect(!app.queueRows.contains { $0.siren == Workday.studio })
    }

    @Test("s picks one of the eight statuses; the card and the history show it")
    func statusChange() throws {
        let database = try Workday.database()
        let app = Workday.app(database)
        app.press("jj")  // Gaëlle MARTIN, À contacter
        app.press("s")
        var grid = app.render()
        #expect(grid.text.contains("Status of Gaëlle MARTIN"))
        #expect(grid.text.contains("2  À contacter (now)"))
        #expect(grid.text.contains("8  Perdu"))
        let highlighted = try #require(grid.row(containing: "2  À contacter (now)"))
        #expect(grid.role(row: highlighted, column: 60) == .selected)
        app.press("4")
        grid = app.render()
        #expect(grid.line(22).contains("Gaëlle MARTIN: status Intéressé"))
        #expect(
            try database.value("SELECT pipeline_status FROM prospect WHERE siren = ?", [Workday.gaelle]) == "interesse")
        #expect(app.queueRows.first { $0.siren == Workday.gaelle }?.status == .interesse)
        #expect(app.selectedDetail?.timeline.first?.kind == "status_change")
        app.press(.tab)
        app.press("G")
        #expect(app.render().text.contains("À contacter → Intéressé"))
    }

    @Test("x asks y before ne plus contacter; any other key cancels")
    func doNotContact() throws {
        let database = try Workday.database()
        let app = Workday.app(database)
        app.press("jjjj")
        app.press("x")
        #expect(
            app.render().line(22).contains(
                "Ne plus contacter Boulangerie Dupain for good? y = yes, any other key = no"))
        #expect(app.render().line(23).contains("y yes  Esc no"))
        app.press("n")
        #expect(app.message == StatusMessage("cancelled: nothing changed", .info))
        #expect(
            try database.value("SELECT do_not_contact FROM prospect WHERE siren = ?", [Workday.boulangerie]) == false)
        app.press("x")
        app.press("y")
        #expect(
            try database.value("SELECT do_not_contact FROM prospect WHERE siren = ?", [Workday.boulangerie]) == true)
        #expect(!app.queueRows.contains { $0.siren == Workday.boulangerie })
        #expect(app.render().line(22).contains("Boulangerie Dupain: ne plus contacter"))
        // 9, Ne plus appeler, asks too.
        app.press("9")
        #expect(app.prompt == .confirm(ActionTarget(siren: Workday.studio, name: "作 Studio"), .outcome(.doNotCall)))
        app.press("y")
        #expect(try database.value("SELECT do_not_contact FROM prospect WHERE siren = ?", [Workday.studio]) == true)
    }

    @Test("a refused action shows its reason in the status line, and the screen goes on")
    func refusals() throws {
        let database = try Workday.database()
        let app = Workday.app(database)
        app.press("j")  // Œuvre Commune: Théo's prospect, in Tina's queue as a shared callback
        // Théo makes the callback meanwhile: the prospect is his alone again.
        try database.writer.write {
            try $0.execute(
                sql: "UPDATE follow_up SET done_at = '2026-12-01T08:00:00Z' WHERE siren = ?",
                arguments: [Workday.oeuvre])
        }
        app.press("N")
        app.press("Essai")
        app.press(.enter)
        var grid = app.render()
        #expect(app.message?.kind == .refusal)
        #expect(grid.line(22).contains("refused: this prospect is Théo Martin's: ask an admin to reassign it"))
        #expect(grid.role(row: 22, column: 2) == .warning)
        // A date in the past.
        app.press("k")
        app.press("f")
        app.press("4")
        app.press("01/12 08:00")
        app.press(.enter)
        grid = app.render()
        #expect(grid.line(22).contains("refused: the callback date 2026-12-01T07:00:00Z is past"), "\(grid.line(22))")
        #expect(try database.value("SELECT COUNT(*) FROM follow_up") == 2)
        // Email without a [mail] section says what to set.
        app.press("e")
        #expect(app.render().line(22).contains("email is off: set url, from and the sender's identity"))
        app.press("j")
        #expect(app.selection == 1)
    }

    @Test("someone else changed the prospect meanwhile: refused, reloaded, and the note typed is kept")
    func changedMeanwhile() throws {
        let database = try Workday.database()
        let app = Workday.app(database)
        #expect(app.selectedDetail?.version == 1)
        // An admin writes a note on the same prospect from another screen.
        try database.writer.write { db in
            try ProspectActions(userID: 1, now: TestData.tuesday).addNote(
                siren: Workday.eleonore, text: "Client d'un confrère", db)
        }
        app.press("s")
        app.press("4")
        #expect(app.message?.kind == .refusal)
        #expect(
            app.render().line(22).contains("Atelier Éléonore changed meanwhile (someone else acted on it): reloaded"))
        #expect(
            try database.value("SELECT pipeline_status FROM prospect WHERE siren = ?", [Workday.eleonore]) == "nouveau")
        #expect(app.selectedDetail?.version == 2)
        guard case .loaded(let card) = app.cardState else {
            Issue.record("expected the card")
            return
        }
        #expect(card.notes?.contains("Client d'un confrère") == true)
        // Seen it: the same key now works.
        app.press("s")
        app.press("4")
        #expect(
            try database.value("SELECT pipeline_status FROM prospect WHERE siren = ?", [Workday.eleonore])
                == "interesse")

        // A note refused the same way waits on the line.
        try database.writer.write { db in
            try ProspectActions(userID: 1, now: TestData.tuesday).addNote(siren: Workday.eleonore, text: "Encore", db)
        }
        app.press("N")
        app.press("Mon compte rendu")
        app.press(.enter)
        #expect(app.prompt?.text == "Mon compte rendu")
        #expect(app.render().line(23).contains("Enter save"))
        app.press(.enter)
        #expect(app.prompt == nil)
        #expect(try database.value("SELECT COUNT(*) FROM activity WHERE detail = 'Mon compte rendu'") == 1)
    }

    @Test("the data_version poll reloads the queue and the card, and says when the prospect on screen changed")
    func liveReload() throws {
        let dir = try TestData.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("filon.sqlite").path
        let other = try AppDatabase.open(path: path)
        try Workday.fill(other)
        let app = Workday.app(try AppDatabase.open(path: path))
        app.tick(now: 0)
        #expect(app.queueRows.count == 5)
        // The daemon assigns Tina a new prospect, and an admin notes on the one she looks at.
        try TestData.insert(
            [
                TestCompany(
                    900_000_007,
                    [
                        "denomination": "Coiffure Lina", "creation_date": "2025-11-25", "tier": "A", "score": 90,
                        "owner_id": 2, "route": "telemarketing",
                    ])
            ], into: other)
        try other.writer.write { db in
            try ProspectActions(userID: 1, now: TestData.tuesday).addNote(
                siren: Workday.eleonore, text: "Vu au salon", db)
        }
        app.tick(now: 0.6)
        #expect(app.changeReloads == 1)
        #expect(app.queueRows.map(\.siren).contains(900_000_007))
        #expect(app.selectedSiren == Workday.eleonore)  // the selection stays on its prospect
        #expect(app.message == StatusMessage("Atelier Éléonore changed meanwhile: reloaded", .info))
        #expect(app.render().text.contains("Vu au salon"))
        // Her own action reloads too, without that message.
        app.press("1")
        #expect(app.message?.text.hasPrefix("Atelier Éléonore: Pas de réponse") == true)
        app.tick(now: 1.2)
        #expect(app.message?.text.hasPrefix("Atelier Éléonore: Pas de réponse") == true)
    }

    @Test("in the background, writes come back through the mailbox like reads")
    func backgroundWrites() throws {
        let database = try Workday.database()
        let app = OperatorApp(
            database: database, databaseName: "test.sqlite", session: .user(Workday.tina),
            size: TerminalSize(width: 80, height: 24), mode: .background, clock: { TestData.tuesday })
        #expect(app.settle())
        app.press("n")
        #expect(app.settle())
        #expect(app.pendingWrite == nil)
        #expect(app.selectedSiren == Workday.eleonore)
        app.press("2")
        #expect(app.settle())
        #expect(try database.value("SELECT disposition FROM activity WHERE kind = 'call'") == "voicemail")
        #expect(app.queueRows.count == 4)
    }
}
