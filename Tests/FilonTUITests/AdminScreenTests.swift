import FilonCore
import Foundation
import GRDB
import Testing

@testable import FilonTUI

@Suite("The admin screen and the dashboard")
struct AdminScreenTests {
    private func owner(_ siren: Int, _ database: AppDatabase) throws -> Int? {
        try database.value("SELECT owner_id FROM prospect WHERE siren = ?", [siren])
    }

    @Test("A shows the team with load and today's work, the dashboard beside it; Enter opens a user's prospects")
    func team() throws {
        let database = try Workday.database()
        let app = Workday.app(database, as: Workday.admin, width: 120, height: 30)
        app.press("A")
        #expect(app.listMode == .team)
        #expect(app.teamRows.map(\.user.login) == ["ada", "sam", "theo", "tina"])
        let grid = app.render()
        #expect(grid.line(1).contains("Team (4)"))
        let tinaRow = try #require(grid.row(containing: "tina, Tina Morel"))
        #expect(grid.line(tinaRow).contains("Téléprospecteur"))
        let load = try #require(app.teamRows.first { $0.user.login == "tina" }).load
        #expect(grid.line(tinaRow).contains("\(load)/100"))
        #expect(grid.text.contains("Dashboard, last 30 days"))
        #expect(grid.text.contains("Alerts:"))
        app.press("G")
        app.press(.enter)
        #expect(app.listMode == .selection)
        #expect(app.selectionFilter?.ownerLogin == "tina")
        #expect(app.viewRows.contains { $0.siren == Workday.studio })
        #expect(!app.viewRows.contains { $0.siren == Workday.oeuvre })
        #expect(app.render().line(1).contains("tina's prospects ("))
        // F narrows to a tier.
        app.press("F")
        let tierA = try #require(app.prompt?.choiceLines?.firstIndex(of: "tier A"))
        for _ in 0..<tierA { app.press("j") }
        app.press(.enter)
        #expect(app.viewRows.map(\.siren) == [Workday.studio])
        #expect(app.render().line(1).contains("tina's prospects, tier A (1)"))
        // Esc: back to the team, then home.
        app.press(.escape)
        #expect(app.listMode == .team)
        app.press(.escape)
        #expect(app.listMode == .newest)
    }

    @Test("space marks, r reassigns the marked prospects to the chosen user, journalled with the admin")
    func reassignMarked() throws {
        let database = try Workday.database()
        let app = Workday.app(database, as: Workday.admin, width: 120, height: 30)
        app.press("AG")
        app.press(.enter)
        let studio = try #require(app.viewRows.firstIndex { $0.siren == Workday.studio })
        let bakery = try #require(app.viewRows.firstIndex { $0.siren == Workday.boulangerie })
        for index in [studio, bakery] {
            app.press("g")
            for _ in 0..<index { app.press("j") }
            app.press(" ")
        }
        #expect(app.marked == [Workday.studio, Workday.boulangerie])
        #expect(app.render().text.contains("●"))
        app.press("r")
        #expect(app.render().text.contains("Reassign 2 marked prospects to"))
        let theo = try #require(app.prompt?.choiceLines?.firstIndex { $0.hasPrefix("theo,") })
        app.press(.character(Character(String(theo + 1))))
        #expect(try owner(Workday.studio, database) == Workday.theo.id)
        #expect(try owner(Workday.boulangerie, database) == Workday.theo.id)
        #expect(app.message?.text == "moved 2: theo +2")
        #expect(app.marked.isEmpty)
        #expect(!app.viewRows.contains { $0.siren == Workday.studio })
        let journal = try database.writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT user_id, old_value, new_value FROM activity
                    WHERE kind = 'assignment' AND siren IN (?, ?)
                    """, arguments: [Workday.studio, Workday.boulangerie])
        }
        #expect(journal.count == 2)
        #expect(journal.allSatisfy { $0["user_id"] == Workday.admin.id && $0["old_value"] == "tina" })
    }

    @Test("r on a user gives all their open prospects to someone, or spreads them; B rebalances after a yes")
    func allOfAUserAndRebalance() throws {
        let database = try Workday.database()
        let app = Workday.app(database, as: Workday.admin, width: 120, height: 30)
        app.press("A")
        let theoRow = try #require(app.teamRows.firstIndex { $0.user.login == "theo" })
        for _ in 0..<theoRow { app.press("j") }
        app.press("r")
        #expect(app.render().text.contains("Reassign all of theo's open prospects to"))
        #expect(app.prompt?.choiceLines?.first == "spread over the team, by load")
        let tina = try #require(app.prompt?.choiceLines?.firstIndex { $0.hasPrefix("tina,") })
        app.press(.character(Character(String(tina + 1))))
        #expect(try owner(Workday.oeuvre, database) == Workday.tina.id)
        #expect(app.message?.text.hasPrefix("moved 1: tina +1") == true, "\(String(describing: app.message))")
        app.press("B")
        #expect(app.prompt == .confirmRebalance)
        app.press("n")
        #expect(app.message?.text == "cancelled: nothing moved")
        app.press("By")
        #expect(app.message?.kind != .refusal, "\(String(describing: app.message))")
    }

    @Test("a telemarketer: the admin keys say why not, and the core refuses them whatever the screen asks")
    func telemarketerRefused() throws {
        let database = try Workday.database()
        let app = Workday.app(database)
        app.press("A")
        #expect(app.listMode == .queue)
        #expect(app.render().line(22).contains("A — for admins only"))
        app.press("r")
        #expect(app.render().line(22).contains("r — for admins only"))
        let store = OperatorStore(
            database: database, session: .user(Workday.tina), calling: CallingSettings(), clock: { TestData.tuesday })
        #expect(throws: PermissionError.self) { try store.team() }
        let refused = try store.perform(.reassign(.prospects([Workday.oeuvre]), to: Workday.tina.id))
        guard case .refused(let reason, _) = refused else {
            Issue.record("a telemarketer reassigned a prospect")
            return
        }
        #expect(reason.contains("only an admin can reassign prospects"))
        #expect(try owner(Workday.oeuvre, database) == Workday.theo.id)
        // Théo's shared callback is for whoever is free: Tina, who makes it, notes what was said.
        guard case .done = try store.perform(.note(siren: Workday.oeuvre, text: "rappel fait", expectedVersion: nil))
        else {
            Issue.record("the operator making a shared callback could not note it")
            return
        }
        // Once it is made, the prospect is Théo's alone: acting on it is refused.
        try database.writer.write {
            try $0.execute(
                sql: "UPDATE follow_up SET done_at = '2026-12-01T08:00:00Z' WHERE siren = ?",
                arguments: [Workday.oeuvre])
        }
        guard case .refused = try store.perform(.note(siren: Workday.oeuvre, text: "x", expectedVersion: nil)) else {
            Issue.record("a telemarketer wrote on Théo's prospect")
            return
        }
    }

    @Test("D: the dashboard in place of the card, with the user's own figures; D again brings the card back")
    func dashboard() throws {
        let database = try Workday.database()
        let app = Workday.app(database, width: 120, height: 40)
        app.press("1")
        app.press("D")
        #expect(app.showsDashboard)
        let report = try #require(app.report)
        #expect(report.period.user == "tina")
        #expect(report.calls == 1)
        let text = app.render().text
        #expect(text.contains("Dashboard, last 30 days"))
        #expect(text.contains("Calls: 1"))
        #expect(text.contains("Per user"))
        app.press("D")
        #expect(!app.showsDashboard)
        #expect(app.render().text.contains("Card"))
    }

    @Test("the header counts an admin's alerts: prospects without an owner, a daemon that is late")
    func headerAlerts() throws {
        let database = try Workday.database()
        let before = Workday.app(database, as: Workday.admin, width: 160, height: 30).render().line(0)
        #expect(before.contains("daemon pass 09:05"), "\(before)")
        #expect(!before.contains("late"))
        try database.writer.write { db in
            // The last pass started at 07:00 Paris: hourly passes are late by now (10:30).
            try db.execute(
                sql: "UPDATE run SET started_at = '2026-12-01T06:00:00Z', finished_at = '2026-12-01T06:01:00Z'")
            try db.execute(sql: "UPDATE prospect SET owner_id = NULL WHERE siren = ?", arguments: [Workday.boulangerie])
        }
        let admin = Workday.app(database, as: Workday.admin, width: 160, height: 30)
        let header = admin.render().line(0)
        #expect(header.contains("daemon pass 07:01 late"), "\(header)")
        let alerts = try #require(admin.summary?.alerts)
        let tina = try #require(Workday.app(database, width: 160, height: 30).summary?.alerts)
        #expect(alerts > tina)
    }
}
