import Testing

@testable import FilonTUI

@Suite("Layout and keymap")
struct LayoutAndKeymapTests {
    @Test("the 80×24 layout, as boxes")
    func layout80x24() {
        let row = String(repeating: "L", count: 48) + "|" + String(repeating: "C", count: 31)
        let expected =
            [String(repeating: "H", count: 80)] + Array(repeating: row, count: 22) + [
                String(repeating: "F", count: 80)
            ]
        #expect(
            Layout.compute(size: TerminalSize(width: 80, height: 24)).sketch
                == expected.joined(separator: "\n"))
    }

    @Test("the list widens with the terminal and the card keeps at least 31 columns")
    func layoutWidths() throws {
        for (width, listWidth, nameWidth) in [
            (80, 48, 11), (100, 55, 18), (120, 66, 29), (200, 110, 63),
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
            #expect(main.listRows == 27)
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
        #expect(keymap.action(for: .character("x")) == nil)
        #expect(keymap.action(for: .character("r")) == nil)
        // Every action has a key, and no key is bound twice.
        #expect(Set(keymap.bindings.map(\.action)) == Set(Action.allCases))
        let keys = keymap.bindings.flatMap(\.keys)
        #expect(Set(keys).count == keys.count)
    }

    @Test("the footer comes from the table and keeps help and quit when short of room")
    func footer() {
        let keymap = Keymap.standard
        #expect(
            keymap.footerHints.map(\.text) == [
                "j/k move", "PgDn/PgUp page", "g/G top/bottom", "Tab pane", "? help", "R reload", "q quit",
            ])
        #expect(
            keymap.footer(width: 80)
                == " j/k move  PgDn/PgUp page  g/G top/bottom  Tab pane  ? help  R reload  q quit ")
        #expect(keymap.footer(width: 42) == " j/k move  PgDn/PgUp page  ? help  q quit ")
        #expect(keymap.footer(width: 41) == " j/k move  ? help  q quit ")
        #expect(keymap.footer(width: 10) == " ? help  q quit ")
    }
}
