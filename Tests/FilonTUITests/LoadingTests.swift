import FilonCore
import Foundation
import GRDB
import Testing

@testable import FilonTUI

/// Paging, the data_version poll and the main loop.
@Suite("Loading and refreshing")
struct LoadingTests {
    @Test("the list is read in pages around the screen, never all at once")
    func paging() throws {
        let database = try TestData.database(TestData.many(450))
        let app = TestData.app(database, pageSize: 50)
        #expect(app.total == 450)
        #expect(app.pagesInMemory == 1)
        #expect(app.prospect(at: 0)?.name == "Company 0")
        app.press(.pageDown)
        #expect(app.selection == 20)
        #expect(app.listTop == 20)
        app.press("G")
        #expect(app.selection == 449)
        #expect(app.prospect(at: 449)?.name == "Company 449")
        #expect(app.pagesInMemory <= 3)
        let grid = app.render()
        #expect(grid.line(0).hasSuffix(" 450/450 "))
        #expect(grid.line(21).contains("Company 449"))
        #expect(grid.role(row: 21, column: 2) == .selected)
        #expect(grid.line(2).contains("│ Company 449"))
        app.press(.pageUp)
        #expect(app.selection == 429)
        #expect(app.prospect(at: 429)?.name == "Company 429")
        app.press("g")
        #expect(app.pagesInMemory <= 3)
        #expect(app.render().line(2).contains("Company 0 "))
    }

    @Test("a write from another connection is picked up by the data_version poll")
    func dataVersionPoll() throws {
        let dir = try TestData.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("filon.sqlite").path
        let daemon = try AppDatabase.open(path: path)
        try TestData.insert(Array(TestData.companies.dropFirst()), into: daemon)
        let screenSide = try AppDatabase.open(path: path)
        let app = TestData.app(screenSide)
        app.tick(now: 0)
        #expect(app.total == 4)
        app.press("j")
        #expect(app.selectedProspect?.name == "Œuvre Commune")

        // The daemon imports a newer company: it lands on top of the list.
        try TestData.insert([TestData.companies[0]], into: daemon)
        app.tick(now: 0.2)  // before the poll interval: nothing yet
        #expect(app.total == 4)
        app.tick(now: 0.6)
        #expect(app.changeReloads == 1)
        #expect(app.total == 5)
        #expect(app.prospect(at: 0)?.name == "Atelier Éléonore")
        // The operator's selection stays on the same company, one row down.
        #expect(app.selection == 2)
        #expect(app.listTop == 0)
        #expect(app.selectedProspect?.name == "Œuvre Commune")
        #expect(app.render().text.contains("5 prospects"))

        // A change to the selected company shows on its card.
        try daemon.writer.write { db in
            try db.execute(
                sql: "UPDATE company SET denomination = 'Œuvre Commune Nouvelle' WHERE siren = 900000003")
        }
        app.tick(now: 1.2)
        #expect(app.changeReloads == 2)
        #expect(app.render().line(2).contains("│ Œuvre Commune Nouvelle"))

        // No write, no reload.
        app.tick(now: 1.8)
        app.tick(now: 2.4)
        #expect(app.changeReloads == 2)
    }

    @Test("deep in the list, the view moves with the selected company when new ones arrive on top")
    func selectionFollowsItsCompany() throws {
        let dir = try TestData.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("filon.sqlite").path
        let daemon = try AppDatabase.open(path: path)
        try TestData.insert(TestData.many(120), into: daemon)
        let app = TestData.app(try AppDatabase.open(path: path), pageSize: 50)
        app.tick(now: 0)
        for _ in 0..<49 { app.press("j") }  // the last row of the first page
        let top = app.listTop
        #expect(app.selection == 49)
        #expect(top > 0)

        try TestData.insert(Array(TestData.companies.prefix(3)), into: daemon)
        app.tick(now: 1)
        #expect(app.total == 123)
        #expect(app.selection == 51)  // two of the three are newer than Company 49 (2025-11-07)
        #expect(app.listTop == top + 2)
        #expect(app.selectedProspect?.name == "Company 49")
        #expect(app.render().line(2).contains("│ Company 49"))
    }

    @Test("R reloads by hand")
    func manualReload() throws {
        let database = try TestData.database(Array(TestData.companies.prefix(2)))
        let app = TestData.app(database)
        try TestData.insert([TestData.companies[4]], into: database)
        #expect(app.total == 2)
        app.press("R")
        #expect(app.total == 3)
        #expect(app.render().line(4).contains("Vieille Fo…"))
    }

    @Test("reads in the background reach the screen through the mailbox")
    func backgroundLoading() throws {
        let database = try TestData.database(TestData.many(300))
        let app = TestData.app(database, pageSize: 100, mode: .background)
        #expect(app.settle())
        #expect(app.total == 300)
        #expect(app.cardState != .none)
        app.press("G")
        #expect(app.settle())
        #expect(app.selectedProspect?.name == "Company 299")
        guard case .loaded(let card) = app.cardState else {
            Issue.record("expected the card of the last company")
            return
        }
        #expect(card.name == "Company 299")
    }

    @Test("the main loop draws, handles keys and resizes, and stops on q")
    func mainLoop() throws {
        let app = TestData.app(try TestData.database())
        let screen = InMemoryScreen(
            size: TerminalSize(width: 80, height: 24),
            script: [
                .key(.character("j")), .key(.character("j")), .resize(TerminalSize(width: 79, height: 24)),
                .key(.character("q")),
            ])
        var clock = 0.0
        OperatorTUI.run(app, on: screen) {
            clock += 0.1
            return clock
        }
        #expect(app.shouldQuit)
        #expect(app.selection == 2)
        #expect(screen.frame.text.contains("Terminal too small: need 80×24, have 79×24"))
        #expect(screen.presentedFrames == 4)
    }

    @Test("the main loop takes the screen's size when it differs from the app's")
    func mainLoopAdoptsScreenSize() throws {
        let app = TestData.app(try TestData.database())
        let screen = InMemoryScreen(
            size: TerminalSize(width: 120, height: 40), script: [.key(.character("q"))])
        OperatorTUI.run(app, on: screen)
        #expect(screen.frame.size == TerminalSize(width: 120, height: 40))
        #expect(screen.frame.line(0).hasPrefix(" Filon"))
    }

    @Test("a database error is shown in the header, not thrown")
    func databaseErrorInHeader() throws {
        let database = try TestData.database()
        let app = TestData.app(database)
        try database.writer.write { db in try db.execute(sql: "DROP TABLE person") }
        app.press("j")
        let grid = app.render()
        #expect(app.errorMessage != nil)
        #expect(grid.line(0).contains("! "))
        #expect(grid.role(row: 0, column: 79) == .warning)
        app.press("j")  // still usable
        #expect(app.selection == 2)
    }
}
