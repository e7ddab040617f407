import Testing

@testable import FilonCore
@testable import FilonTUI

/// The operator screen end to end, short of the terminal: a real in-memory database, the app
/// state, the keymap and the renderer, read back from the cell grid.
@Suite("Operator screen")
struct ScreenTests {
    @Test("the 80×24 screen of someone who is not a CRM user: the newest companies, read-only, and how to get a user")
    func golden80x24() throws {
        let app = TestData.app(try TestData.database())
        #expect(
            app.render().text == """
                 Filon · alice: no CRM user, read-only · 5 prospects · 0 alerts             1/5
                 Name        City       Created    Status       │ Card                  1–20/27
                 Atelier Él… LYON 3     2025-11-20 Nouveau      │ Atelier Éléonore
                 Gaëlle MAR… NANTES     2025-11-18 À contacter  │ SIREN      900 000 001
                 Œuvre Comm… PARIS 11   2025-10-02 Contacté     │ HQ SIRET   900 000 001 00012
                 作 Studio   MARSEILLE  2025-09-15 Intéressé    │ Legal form Société à
                 Vieille Fo… SAINT-ÉTI… 1998-05-04 Perdu        │            responsabilité li…
                                                                │ Created    2025-11-20
                                                                │ State      Active
                                                                │ Address    12 RUE DE LA RÉPU…
                                                                │            69003 LYON 3
                                                                │ NAF        62.01Z
                                                                │            Programmation inf…
                                                                │ Size       10 à 19 salariés
                                                                │ Directors  Éléonore DURAND (…
                                                                │ Emails     —
                                                                │ Phones     04 78 00 00 00
                                                                │ Website    atelier-eleonore.…
                                                                │ Google     —
                                                                │ Notes      Rappeler après 14
                                                                │            h
                                                                │ Score      42
                 read-only: alice is not a CRM user (filon users add alice --role telepro)
                 j/k move  PgDn/PgUp page  g/G top/bottom  Tab pane  / search  ? help  q quit
                """)
    }

    @Test("the roles of the 80×24 screen: header, titles, selection, border, labels, footer")
    func rolesOf80x24() throws {
        let grid = TestData.app(try TestData.database()).render()
        #expect(grid.role(row: 0, column: 3) == .header)
        #expect(grid.role(row: 1, column: 3) == .header)  // the focused list's title
        #expect(grid.role(row: 1, column: 52) == .muted)  // the card's title, not focused
        #expect(grid.role(row: 2, column: 3) == .selected)
        #expect(grid.role(row: 2, column: 47) == .selected)  // the whole line
        #expect(grid.role(row: 3, column: 3) == .value)
        #expect(grid.role(row: 3, column: 25) == .muted)  // the creation date
        #expect(grid.role(row: 6, column: 3) == .muted)  // a ceased company
        #expect(grid.role(row: 10, column: 48) == .border)
        #expect(grid.role(row: 3, column: 50) == .label)
        #expect(grid.role(row: 23, column: 1) == .footer)
    }

    @Test("j and k move the selection and the card follows")
    func selectionAndCard() throws {
        let app = TestData.app(try TestData.database())
        #expect(app.selection == 0)
        app.press("j")
        #expect(app.selection == 1)
        var grid = app.render()
        #expect(grid.role(row: 3, column: 3) == .selected)
        #expect(grid.role(row: 2, column: 3) == .value)
        #expect(grid.line(2).contains("Gaëlle MARTIN"))  // the card's title
        #expect(grid.line(5, trimmingTrailingSpaces: true).hasSuffix("Legal form Entrepreneur"))
        #expect(grid.line(6, trimmingTrailingSpaces: true).hasSuffix("           individuel"))
        #expect(grid.line(0).hasSuffix(" 2/5 "))

        app.press(.down, .down)
        grid = app.render()
        #expect(app.selection == 3)
        #expect(grid.line(2).contains("│ 作 Studio"))
        app.press("k")
        #expect(app.render().line(2).contains("│ Œuvre Commune"))
        #expect(app.render().text.contains("diffusion partielle"))
        app.press(.up, .up, .up, .up)
        #expect(app.selection == 0)  // stops at the top
        app.press("G")
        #expect(app.selection == 4)
        let ceased = app.render()
        #expect(ceased.text.contains("State      Ceased 2020-01-01"))
        #expect(ceased.role(row: 7, column: 62) == .warning)
        app.press("j")
        #expect(app.selection == 4)  // stops at the bottom
        app.press(.home)
        #expect(app.selection == 0)
        app.press(.end)
        #expect(app.selection == 4)
        app.press("g")
        #expect(app.selection == 0)
    }

    @Test("Tab gives the focus to the card, which then scrolls with j/k")
    func cardFocusScrolls() throws {
        let app = TestData.app(try TestData.database())
        app.press(.tab)
        #expect(app.focus == .card)
        var grid = app.render()
        #expect(grid.role(row: 1, column: 52) == .header)
        #expect(grid.role(row: 1, column: 3) == .muted)
        app.press("j")
        #expect(app.selection == 0)
        #expect(app.cardTop == 1)
        grid = app.render()
        #expect(grid.line(1, trimmingTrailingSpaces: true).hasSuffix("Card                  2–21/27"))
        #expect(grid.line(2).contains("│ SIREN      900 000 001"))
        app.press("G")
        #expect(app.cardTop == 7)
        // The history follows the fields.
        grid = app.render()
        #expect(grid.line(18, trimmingTrailingSpaces: true).hasSuffix("│ Imported   2025-11-21"))
        #expect(grid.line(20, trimmingTrailingSpaces: true).hasSuffix("│ History"))
        #expect(grid.line(21, trimmingTrailingSpaces: true).hasSuffix("│ nothing yet"))
        app.press("jj")
        #expect(app.cardTop == 7)
        app.press("g")
        #expect(app.cardTop == 0)
        app.press(.backTab)
        #expect(app.focus == .list)
        app.press("j")
        #expect(app.selection == 1)
    }

    @Test("accents sit in their own cells and a wide character takes two")
    func accentsAndWideCharacters() throws {
        let app = TestData.app(try TestData.database(), width: 100, height: 30)
        guard case .main(let main) = app.layout else {
            Issue.record("expected the main layout")
            return
        }
        let grid = app.render()
        let name = main.columns.name.lowerBound
        let city = main.columns.city.lowerBound

        let eleonore = try #require(grid.row(containing: "Atelier Éléonore"))
        let letters = "Atelier Éléonore".map(String.init)
        for (offset, letter) in letters.enumerated() {
            #expect(grid.cell(row: eleonore, column: name + offset).text == letter)
        }
        #expect(grid.cell(row: eleonore, column: city).text == "L")

        let gaelle = try #require(grid.row(containing: "Gaëlle"))
        #expect(grid.cell(row: gaelle, column: name + 2).text == "ë")
        #expect(grid.cell(row: gaelle, column: name + 3).text == "l")

        let oeuvre = try #require(grid.row(containing: "Œuvre"))
        #expect(grid.cell(row: oeuvre, column: name).text == "Œ")
        #expect(grid.cell(row: oeuvre, column: name + 1).text == "u")
        #expect(grid.cell(row: oeuvre, column: city).text == "P")

        let studio = try #require(grid.row(containing: "作 Studio"))
        #expect(grid.cell(row: studio, column: name).text == "作")
        #expect(grid.cell(row: studio, column: name + 1).isContinuation)
        #expect(grid.cell(row: studio, column: name + 2).text == " ")
        #expect(grid.cell(row: studio, column: name + 3).text == "S")
        // The columns after it line up with the other rows.
        #expect(grid.cell(row: studio, column: city).text == "M")
        #expect(TerminalText.width(of: grid.line(studio)) == 100)

        let etienne = try #require(grid.row(containing: "SAINT-É"))
        #expect(grid.cell(row: etienne, column: city + 6).text == "É")
    }

    @Test("control characters and escape sequences in a name are neutralised")
    func hostileNamesAreNeutralised() throws {
        let hostile = "Evil\u{1B}[31mCorp\u{07}\u{9B}2J\nLtd\u{1B}]0;pwned\u{07}\u{7F}\u{202E}"
        let database = try TestData.database([
            TestCompany(
                900_000_009,
                [
                    "denomination": hostile, "creation_date": "2025-11-25", "city": "NICE\u{1B}[2J\r",
                    "notes": "a\u{1}b",
                ])
        ])
        let app = TestData.app(database, width: 120, height: 30)
        let grid = app.render()
        for row in 0..<grid.size.height {
            for column in 0..<grid.size.width {
                for scalar in grid.cell(row: row, column: column).text.unicodeScalars {
                    #expect(
                        !TerminalText.needsCleaning(scalar),
                        "cell \(row),\(column) holds U+\(String(scalar.value, radix: 16))")
                }
            }
        }
        #expect(grid.text.contains("EvilCorp Ltd"))
        #expect(!grid.text.contains("pwned"))
        #expect(!grid.text.contains("[31m"))
        #expect(grid.text.contains("NICE"))
        #expect(grid.text.contains("Notes      ab"))
    }

    @Test("below 80×24 a message replaces the screen; q still quits; back to 100×30 lays out again")
    func resize() throws {
        let app = TestData.app(try TestData.database())
        app.press("j")
        app.handle(.resize(TerminalSize(width: 79, height: 24)))
        var grid = app.render()
        #expect(app.layout == .tooSmall(TerminalSize(width: 79, height: 24)))
        let message = try #require(grid.row(containing: "Terminal too small: need 80×24, have 79×24"))
        // Centred: (79 - 42) / 2 = 18 cells on the left.
        #expect(grid.line(message).hasPrefix(String(repeating: " ", count: 18) + "Terminal too small"))
        #expect(grid.role(row: message, column: 20) == .warning)
        #expect(grid.text.contains("q quit"))
        #expect(!grid.text.contains("Filon"))
        app.press("j?")  // ignored here
        #expect(app.selection == 1)
        #expect(!app.isHelpVisible)

        app.handle(.resize(TerminalSize(width: 100, height: 30)))
        grid = app.render()
        #expect(grid.size == TerminalSize(width: 100, height: 30))
        guard case .main(let main) = app.layout else {
            Issue.record("expected the main layout")
            return
        }
        #expect(main.list.width == 55)
        #expect(grid.line(0).hasPrefix(" Filon · test.sqlite · alice: no CRM user, read-only · 5 prospects"))
        #expect(grid.role(row: 3, column: 3) == .selected)
        #expect(grid.cell(row: 3, column: 55).text == "│")
        #expect(grid.line(29).contains("q quit"))

        app.handle(.resize(TerminalSize(width: 20, height: 3)))
        #expect(app.render().line(0).contains("Terminal too small"))
        app.press("q")
        #expect(app.shouldQuit)
    }

    @Test("the help overlay lists every binding of the keymap table; Esc, ? and F1 close it")
    func helpOverlay() throws {
        let app = TestData.app(try TestData.database(), width: 160, height: 90)
        app.press("?")
        #expect(app.isHelpVisible)
        let text = app.render().text
        for binding in Keymap.standard.bindings {
            #expect(text.contains(binding.keysLabel))
            #expect(text.contains(binding.description))
        }
        #expect(text.contains("Keys"))
        for context in KeyContext.allCases { #expect(text.contains(context.title)) }
        // What this user may not do is greyed, and the help says why.
        #expect(text.contains("Greyed keys: read-only: alice is not a CRM user"))
        let outcome = try #require(app.render().row(containing: "Call outcome: Pas de réponse"))
        #expect(app.render().line(outcome).contains("— not for you"))
        let email = try #require(app.render().row(containing: "Email the prospect"))
        #expect(app.render().line(email).contains("— not for you"))
        app.press("j")
        #expect(app.selection == 0)  // the overlay keeps the keys
        app.press(.escape)
        #expect(!app.isHelpVisible)
        app.press(.function(1))
        #expect(app.isHelpVisible)
        app.press(.function(1))
        #expect(!app.isHelpVisible)
        app.press("??")
        #expect(!app.isHelpVisible)
        app.press("?q")
        #expect(app.shouldQuit)
    }

    @Test("at 80×24 the help scrolls with j/k and says where it is")
    func helpScrolls() throws {
        let app = TestData.app(try TestData.database())
        app.press("?")
        var grid = app.render()
        #expect(grid.line(1).contains("Keys"))
        #expect(grid.line(1).contains("1–18/"))
        #expect(grid.text.contains("j/k, PgDn/PgUp scroll"))
        #expect(!grid.text.contains("Yes, do it"))
        app.press("G")
        grid = app.render()
        #expect(grid.text.contains("Yes, do it"))
        #expect(!grid.text.contains("One page down"))
        app.press("g")
        #expect(app.helpTop == 0)
        app.press(.pageDown)
        #expect(app.helpTop == 17)  // a page, keeping one line in view
    }

    @Test("unknown keys do nothing")
    func unknownKeys() throws {
        let app = TestData.app(try TestData.database())
        let before = app.render()
        app.press("éQZ")
        app.press(.left, .right, .backspace, .control("c"), .other(999), .function(5))
        #expect(app.render() == before)
        #expect(!app.shouldQuit)
    }

    @Test("an empty database shows how to fill it")
    func emptyDatabase() throws {
        let app = TestData.app(try TestData.database([]))
        let text = app.render().text
        #expect(text.contains("0 prospects"))
        #expect(text.contains("No prospects yet"))
        app.press("jG")
        app.press(.tab)
        app.press("j")
        #expect(app.selection == 0)
    }
}
