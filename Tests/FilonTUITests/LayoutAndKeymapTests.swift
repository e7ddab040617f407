import FilonCore
import Testing

@testable import FilonTUI

@Suite("Layout and keymap")
struct LayoutAndKeymapTests {
    @Test("the 80×24 layout, as boxes: the history goes under the card's fields")
    func layout80x24() {
        let row = String(repeating: "L", count: 48) + "|" + String(repeating: "C", count: 31)
        let expected =
            [String(repeating: "H", count: 80)] + Array(repeating: row, count: 21) + [
                String(repeating: "S", count: 80), String(repeating: "F", count: 80),
            ]
        #expect(
            Layout.compute(size: TerminalSize(width: 80, height: 24)).sketch
                == expected.joined(separator: "\n"))
    }

    @Test("from 160 columns the history has a pane of its own")
    func layout160x48() throws {
        let layout = Layout.compute(size: TerminalSize(width: 160, height: 48))
        guard case .main(let main) = layout else {
            Issue.record("160×48 should fit")
            return
        }
        let row =
            String(repeating: "L", count: 60) + "|" + String(repeating: "C", count: 49) + "|"
            + String(repeating: "T", count: 49)
        let expected =
            [String(repeating: "H", count: 160)] + Array(repeating: row, count: 45) + [
                String(repeating: "S", count: 160), String(repeating: "F", count: 160),
            ]
        #expect(layout.sketch == expected.joined(separator: "\n"))
        #expect(main.historyRows == 44)
        #expect(main.queueColumns.city == 36..<46)
        #expect(main.queueColumns.name == 9..<35)
        let narrow = try #require(
            { () -> MainLayout? in
                if case .main(let main) = Layout.compute(size: TerminalSize(width: 159, height: 48)) { return main }
                return nil
            }())
        #expect(narrow.history == nil)
        #expect(narrow.queueColumns.name == 9..<57)
    }

    @Test("the list widens with the terminal and the card keeps at least 31 columns")
    func layoutWidths() throws {
        for (width, listWidth, nameWidth) in [
            (80, 48, 11), (100, 55, 18), (120, 66, 29), (159, 87, 45),
        ] {
            guard case .main(let main) = Layout.compute(size: TerminalSize(width: width, height: 30))
            else {
                Issue.record("\(width) columns should fit")
                continue
            }
            #expect(main.list.width == listWidth)
            #expect(main.card.width == width - listWidth - 1)
            #expect(main.card.width >= 31)
            #expect(main.columns.name.count == nameWidth)
            #expect(main.columns.status.upperBound == listWidth)
            #expect(main.listRows == 26)
        }
    }

    @Test(
        "below 80×24 the layout is the too-small screen",
        arguments: [(79, 24), (80, 23), (10, 5), (0, 0)])
    func tooSmall(width: Int, height: Int) {
        let size = TerminalSize(width: width, height: height)
        #expect(Layout.compute(size: size) == .tooSmall(size))
    }

    @Test("keys map to actions through the one table")
    func dispatch() {
        let keymap = Keymap.standard
        #expect(keymap.action(for: .character("j")) == .moveDown)
        #expect(keymap.action(for: .down) == .moveDown)
        #expect(keymap.action(for: .character("k")) == .moveUp)
        #expect(keymap.action(for: .up) == .moveUp)
        #expect(keymap.action(for: .pageDown) == .pageDown)
        #expect(keymap.action(for: .home) == .top)
        #expect(keymap.action(for: .character("G")) == .bottom)
        #expect(keymap.action(for: .tab) == .switchFocus)
        #expect(keymap.action(for: .function(1)) == .toggleHelp)
        #expect(keymap.action(for: .escape) == .closeOverlay)
        #expect(keymap.action(for: .character("R")) == .reload)
        #expect(keymap.action(for: .character("q")) == .quit)
        #expect(keymap.action(for: .character("n")) == .nextProspect)
        #expect(keymap.action(for: .character("1")) == .outcome(.noAnswer))
        #expect(keymap.action(for: .character("6")) == .outcome(.callback))
        #expect(keymap.action(for: .character("9")) == .outcome(.doNotCall))
        #expect(keymap.action(for: .character("N")) == .addNote)
        #expect(keymap.action(for: .character("a")) == .addNote)
        #expect(keymap.action(for: .character("f")) == .followUp)
        #expect(keymap.action(for: .character("s")) == .changeStatus)
        #expect(keymap.action(for: .character("x")) == .doNotContact)
        #expect(keymap.action(for: .character("/")) == .search)
        #expect(keymap.action(for: .character("r")) == .reassign)
        #expect(keymap.action(for: .character("z")) == nil)
        #expect(keymap.action(for: .character("0")) == nil)
        // In a prompt, the same keys mean something else.
        #expect(keymap.action(for: .enter, in: .textInput) == .confirm)
        #expect(keymap.action(for: .character("j"), in: .textInput) == nil)
        #expect(keymap.action(for: .character("3"), in: .choice) == .pickChoice)
        #expect(keymap.action(for: .character("y"), in: .confirmation) == .confirmYes)
        // Every action has a key, and no key is bound twice in one context.
        #expect(Set(keymap.bindings.map(\.action)) == Set(Action.allCases))
        #expect(keymap.conflicts.isEmpty)
        for context in KeyContext.allCases {
            let keys = keymap.bindings(in: context).flatMap(\.keys)
            #expect(Set(keys).count == keys.count)
        }
    }

    @Test("the outcome keys come from the configuration, and a clash is reported")
    func configuredOutcomeKeys() throws {
        let moved = Keymap.operatorKeys(dispositions: try DispositionCatalog(keys: [.callback: "w"]))
        #expect(moved.action(for: .character("w")) == .outcome(.callback))
        #expect(moved.action(for: .character("6")) == nil)
        #expect(moved.conflicts.isEmpty)
        let clash = Keymap.operatorKeys(dispositions: try DispositionCatalog(keys: [.busy: "q"]))
        #expect(clash.conflicts.map(\.key) == [.character("q")])
    }

    @Test("docs/KEYS.md is the keymap table as generated (filon keys --defaults > docs/KEYS.md)")
    func keysDocumentIsUpToDate() throws {
        let url = TestData.repositoryRoot.appendingPathComponent("docs/KEYS.md")
        let written = try String(contentsOf: url, encoding: .utf8)
        #expect(written == Keymap.standard.markdown, "regenerate it: swift run filon keys --defaults > docs/KEYS.md")
        for binding in Keymap.standard.bindings {
            #expect(written.contains(binding.description))
        }
    }

    @Test("the footer comes from the table and keeps help and quit when short of room")
    func footer() {
        let keymap = Keymap.standard
        #expect(
            keymap.footerHints().map(\.text) == [
                "j/k move", "PgDn/PgUp page", "g/G top/bottom", "Tab pane", "n next", "c call", "1–9 outcome", "N note",
                "f follow-up", "s status", "/ search", "t today", "o forgotten", "e email", "D dashboard", "A team",
                "r reassign", "? help",
                "R reload", "q quit",
            ])
        // The navigation goes first, the day's work stays.
        #expect(
            keymap.footer(width: 80)
                == " n next  c call  1–9 outcome  N note  f follow-up  s status  ? help  q quit ")
        #expect(keymap.footer(width: 50) == " n next  c call  1–9 outcome  ? help  q quit ")
        #expect(keymap.footer(width: 10) == " ? help  q quit ")
        // What the user may not do is left out.
        let readOnly = keymap.footer(width: 80) { $0.requirement == .everyone }
        #expect(readOnly == " j/k move  PgDn/PgUp page  g/G top/bottom  Tab pane  / search  ? help  q quit ")
        // Each prompt has its own line.
        #expect(keymap.footer(width: 80, context: .textInput) == " Enter save  Esc cancel  Backspace delete ")
        #expect(keymap.footer(width: 80, context: .choice) == " 1–9 choose  j/k move  Enter take  Esc cancel ")
        #expect(keymap.footer(width: 80, context: .confirmation) == " y yes  Esc no ")
        #expect(keymap.footer(width: 80, context: .search) == " Enter results  Esc close ")
    }
}
