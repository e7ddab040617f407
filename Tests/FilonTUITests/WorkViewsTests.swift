import FilonCore
import Foundation
import GRDB
import Testing

@testable import FilonTUI

@Suite("Search and the work views")
struct WorkViewsTests {
    /// Tina's day with the search index built.
    private func indexedDay() throws -> AppDatabase {
        let database = try Workday.database()
        _ = try SearchIndex().refresh(database.writer)
        return database
    }

    @Test("/ searches as the operator types: a director's name finds the company, the card follows")
    func searchByDirector() throws {
        let database = try indexedDay()
        let app = Workday.app(database)
        app.press("jj")
        let before = app.selectedSiren
        app.press("/")
        #expect(app.listMode == .search)
        #expect(app.keyContext == .search)
        var grid = app.render()
        #expect(grid.line(22).contains("Search: "))
        #expect(grid.line(2).contains("Type a few letters"))
        app.press("d")
        app.press("ur")
        #expect(app.searchQuery == "dur")
        #expect(app.viewRows.map(\.siren) == [Workday.eleonore])
        #expect(app.viewRows.first?.detail == "director Éléonore DURAND")
        #expect(app.selectedSiren == Workday.eleonore)
        grid = app.render()
        #expect(grid.line(1).contains("Search \"dur\" (1)"), "\(grid.line(1))")
        #expect(grid.line(2).contains("Atelier Éléonore"))
        #expect(grid.line(2).contains("director Éléo"))
        #expect(grid.line(22).contains("Search: dur█"))
        guard case .loaded(let card) = app.cardState else {
            Issue.record("the card of the hit is not loaded")
            return
        }
        #expect(card.siren == Workday.eleonore)
        // Enter leaves the line: the keys act on the hit again (here: a note).
        app.press(.enter)
        #expect(app.prompt == nil)
        app.press("N")
        app.press("Trouvé par la recherche")
        app.press(.enter)
        #expect(
            try database.value(
                "SELECT COUNT(*) FROM activity WHERE kind = 'note' AND siren = ? AND user_id = 2",
                [Workday.eleonore]) == 2)
        #expect(app.listMode == .search)
        // Esc comes back to the queue, on the prospect selected before.
        app.press(.escape)
        #expect(app.listMode == .queue)
        #expect(app.selectedSiren == before)
        #expect(app.render().line(1).contains("My queue"))
        // / opens the search again on the same text.
        app.press("/")
        #expect(app.prompt == .search(text: "dur"))
        #expect(app.viewRows.map(\.siren) == [Workday.eleonore])
    }

    @Test("search by phone digits, SIREN, city or a part of the name; nothing found says what to do")
    func searchFields() throws {
        let database = try indexedDay()
        let app = Workday.app(database)
        app.press("/")
        app.press("04 78")
        #expect(app.viewRows.map(\.siren) == [Workday.eleonore])
        #expect(app.viewRows.first?.detail == "phone 0478000000")
        app.press(.backspace, .backspace, .backspace, .backspace, .backspace)
        #expect(app.searchQuery.isEmpty)
        #expect(app.viewRows.isEmpty)
        app.press("nantes")
        #expect(app.viewRows.map(\.siren) == [Workday.gaelle])
        #expect(app.viewRows.first?.detail == "city NANTES")
        app.press(.escape)
        app.press("/")
        for _ in 0..<6 { app.press(.backspace) }
        app.press("dupa")
        #expect(app.viewRows.map(\.siren) == [Workday.boulangerie])
        app.press("zz")
        #expect(app.viewRows.isEmpty)
        #expect(app.render().line(2).contains("Nothing found"))
        app.press(.enter)
        #expect(app.render().line(22).contains("nothing found for \"dupazz\""))
        // Control characters typed or pasted never reach the screen or the query.
        app.press("/")
        app.press("\u{1B}[31m")
        #expect(!app.searchQuery.contains("\u{1B}"))
    }

    @Test("the search keeps up with fast typing: only the last text's results are shown")
    func searchInBackground() throws {
        let database = try indexedDay()
        let app = TestData.app(database, mode: .background, session: .user(Workday.tina))
        #expect(app.settle())
        app.press("/")
        app.press("bou")
        app.press(.backspace, .backspace, .backspace)
        app.press("ly")
        #expect(app.settle())
        #expect(app.searchQuery == "ly")
        #expect(app.viewRows.map(\.siren) == [Workday.eleonore])
        #expect(app.render().line(1).contains("Search \"ly\" (1)"))
    }

    @Test("t lists my follow-ups due today, overdue first; an admin sees everyone's with the owner")
    func followUpsToday() throws {
        let database = try Workday.database()
        try database.writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO follow_up (siren, owner_id, due_at, shared, note, created_by, created_at)
                    VALUES (?, 2, '2026-12-01T15:00:00Z', 0, 'envoyer le devis', 2, '2026-11-30T10:00:00Z'),
                           (?, 2, '2026-12-02T08:00:00Z', 0, NULL, 2, '2026-11-30T10:00:00Z')
                    """, arguments: [Workday.studio, Workday.boulangerie])
        }
        let app = Workday.app(database)
        app.press("t")
        #expect(app.listMode == .followUpsToday)
        #expect(app.viewRows.map(\.siren) == [Workday.eleonore, Workday.studio])
        #expect(app.viewRows.map(\.detail) == ["overdue 09:00", "16:00 · envoyer le devis"])
        #expect(app.viewRows.map(\.isUrgent) == [true, false])
        let grid = app.render()
        #expect(grid.line(1).contains("Follow-ups due today (2)"))
        #expect(grid.line(2).contains("overdue 09:00"))
        #expect(grid.role(row: 2, column: Layout.viewColumns(listWidth: 48).detail.lowerBound) == .selected)
        #expect(grid.role(row: 3, column: Layout.viewColumns(listWidth: 48).detail.lowerBound) == .muted)
        // The call from the list answers the callback: it leaves the list.
        app.press("3")
        #expect(app.viewRows.map(\.siren) == [Workday.studio])
        app.press(.escape)
        #expect(app.listMode == .queue)
        let admin = Workday.app(database, as: Workday.admin)
        admin.press("t")
        #expect(admin.viewRows.map(\.siren) == [Workday.oeuvre, Workday.studio])
        #expect(admin.viewRows.first?.detail == "overdue 30/11 09:00 · theo")
    }

    @Test("o lists the forgotten prospects: assigned long ago, nothing planned, nobody acted")
    func forgotten() throws {
        let database = try Workday.database()
        try database.writer.write { db in
            try db.execute(
                sql: "UPDATE prospect SET assigned_at = '2026-11-20T08:00:00Z' WHERE siren IN (?, ?, ?)",
                arguments: [Workday.studio, Workday.boulangerie, Workday.eleonore])
        }
        let app = Workday.app(database)
        app.press("o")
        #expect(app.listMode == .forgotten)
        // Éléonore has a callback planned: she is not forgotten.
        #expect(app.viewRows.map(\.siren) == [Workday.studio, Workday.boulangerie])
        #expect(app.viewRows.first?.detail == "untouched 11 d, since 20/11")
        #expect(app.render().line(1).contains("Forgotten prospects (2)"))
        // A note is an action: the prospect is no longer forgotten.
        app.press("N")
        app.press("Relancé par mail")
        app.press(.enter)
        #expect(app.viewRows.map(\.siren) == [Workday.boulangerie])
        // n takes the next prospect: back to the queue.
        app.press("n")
        #expect(app.listMode == .queue)
        #expect(app.selectedSiren == Workday.eleonore)
        let theo = Workday.app(database, as: Workday.theo)
        theo.press("o")
        #expect(theo.viewRows.isEmpty)
        #expect(theo.render().line(2).contains("Nothing forgotten"))
    }

    @Test("the lists need a CRM user; the search is for everyone")
    func gating() throws {
        let database = try indexedDay()
        let visitor = TestData.app(database)
        visitor.press("t")
        #expect(visitor.listMode == .newest)
        #expect(visitor.render().line(22).contains("t — read-only: alice is not a CRM user"))
        visitor.press("/")
        visitor.press("forge")
        #expect(visitor.viewRows.map(\.siren) == [Workday.forge])
        visitor.press(.escape)
        #expect(visitor.listMode == .newest)
    }
}
