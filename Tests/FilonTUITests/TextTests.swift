import Testing

@testable import FilonCore
@testable import FilonTUI

@Suite("Terminal text")
struct TextTests {
    @Test(
        "control characters and escape sequences are removed",
        arguments: [
            ("plain é 作", "plain é 作"),
            ("a\u{1B}[1;31mred\u{1B}[0m", "ared"),
            ("title\u{1B}]0;owned\u{07}after", "titleafter"),
            ("osc\u{1B}]8;;http://x\u{1B}\\link", "osclink"),
            ("c1\u{9B}2Jcsi", "c1csi"),
            ("bell\u{07}del\u{7F}nul\u{0}", "belldelnul"),
            ("line\nbreak\ttab\r", "line break tab "),
            ("bidi\u{202E}txet", "biditxet"),
            ("charset\u{1B}(Bok", "charsetok"),
            ("esc at end\u{1B}", "esc at end"),
            ("c1 range \u{85}\u{8D}\u{80}!", "c1 range !"),
        ])
    func clean(input: String, expected: String) {
        #expect(TerminalText.clean(input) == expected)
    }

    @Test("widths: accents 1, CJK and emoji 2, combining marks 0")
    func widths() {
        #expect(TerminalText.width(of: "Éléonore") == 8)
        #expect(TerminalText.width(of: "Œuvre") == 5)
        #expect(TerminalText.width(of: "作者") == 4)
        #expect(TerminalText.width(of: "ｶﾀｶﾅ") == 4)  // halfwidth katakana stays narrow
        #expect(TerminalText.width(of: "ＡＢ") == 4)  // fullwidth Latin
        #expect(TerminalText.width(of: "🙂") == 2)
        #expect(TerminalText.width(of: "e\u{301}") == 1)  // one grapheme
        #expect(TerminalText.width(of: "\u{1B}[31m") == 0)
    }

    @Test("truncation ends with … and never cuts a wide character in half")
    func truncation() {
        #expect(TerminalText.truncate("Boulangerie Éléonore", toWidth: 11) == "Boulangeri…")
        #expect(TerminalText.truncate("short", toWidth: 11) == "short")
        #expect(TerminalText.truncate("作作作作", toWidth: 6) == "作作…")
        #expect(TerminalText.truncate("作作作作", toWidth: 5) == "作作…")
        #expect(TerminalText.truncate("anything", toWidth: 1) == "…")
        #expect(TerminalText.truncate("anything", toWidth: 0) == "")
        #expect(TerminalText.fit("作", width: 4) == "作  ")
    }

    @Test("wrapping by words, with … when lines run out")
    func wrapping() {
        #expect(
            TerminalText.wrap("Société à responsabilité limitée", width: 18, maxLines: 3) == [
                "Société à", "responsabilité", "limitée",
            ])
        #expect(
            TerminalText.wrap("Société à responsabilité limitée", width: 18, maxLines: 2) == [
                "Société à", "responsabilité li…",
            ])
        #expect(
            TerminalText.wrap("Anticonstitutionnellement", width: 10, maxLines: 2) == ["Anticonst…"])
        #expect(TerminalText.wrap("", width: 10, maxLines: 2) == [])
    }

    @Test("the cell grid keeps wide characters whole when overwritten")
    func gridOverwrites() {
        var grid = CellGrid(size: TerminalSize(width: 6, height: 1))
        grid.put("作作作", row: 0, column: 0, role: .value)
        #expect(grid.line(0) == "作作作")
        grid.put("x", row: 0, column: 1, role: .value)  // the right half of the first 作
        #expect(grid.line(0) == " x作作")
        grid.put("y", row: 0, column: 2, role: .value)  // the left half of the second 作
        #expect(grid.line(0) == " xy 作")
        grid.put("作", row: 0, column: 5, role: .value)  // no room for a wide character at the edge
        #expect(grid.line(0) == " xy  …")
        #expect(TerminalText.width(of: grid.line(0)) == 6)
        grid.put("abcdefgh", row: 0, column: 2, role: .muted)
        #expect(grid.line(0) == " xabc…")
        #expect(grid.role(row: 0, column: 5) == .muted)
    }
}
