import Foundation
import Testing

@testable import FilonTUI

@Suite("Themes")
struct ThemeTests {
    static let shipped = ["default", "light", "high-contrast", "monochrome"]

    var themesDirectory: String { TestData.repositoryRoot.appendingPathComponent("themes").path }

    @Test("every shipped theme parses and paints every role", arguments: shipped)
    func shippedThemes(name: String) throws {
        let theme = try ThemeLoader.load(name: name, directories: [themesDirectory])
        #expect(theme.name == name)
        #expect(Set(theme.styles.keys) == Set(Role.allCases))
        // The selected line must stand out from plain values.
        #expect(theme[.selected] != theme[.value])
    }

    @Test("the built-in themes are the shipped files")
    func builtInsMatchFiles() throws {
        for (name, text) in BuiltInThemes.texts {
            let file = try String(contentsOfFile: themesDirectory + "/\(name).toml", encoding: .utf8)
            #expect(file == text, "themes/\(name).toml differs from the built-in copy")
        }
    }

    @Test("the built-in default is used when no theme file is found; monochrome has no colour")
    func builtInFallback() throws {
        let theme = try ThemeLoader.load(name: nil, directories: ["/nonexistent"])
        #expect(theme.name == "default")
        #expect(theme[.header] == Style(foreground: .indexed(0), background: .indexed(6), bold: true))
        let mono = try ThemeLoader.load(name: "monochrome", directories: [])
        #expect(!Role.allCases.contains { mono[$0].usesColor })
    }

    @Test("NO_COLOR forces monochrome, after checking the named theme")
    func noColor() throws {
        let theme = try ThemeLoader.load(name: "light", directories: [themesDirectory], noColor: true)
        #expect(theme.name == "monochrome")
        #expect(!Role.allCases.contains { theme[$0].usesColor })
        #expect(throws: ThemeError.self) {
            try ThemeLoader.load(name: "nope", directories: [], noColor: true)
        }
    }

    @Test(
        "the search order: FILON_THEMES_DIR, ./themes, then ../share/filon/themes beside the program")
    func searchOrder() throws {
        let dirs = ThemeLoader.searchDirectories(
            environment: ["FILON_THEMES_DIR": "/etc/filon/themes"], currentDirectory: "/home/op",
            executablePath: "/opt/filon/bin/filon")
        #expect(dirs == ["/etc/filon/themes", "/home/op/themes", "/opt/filon/share/filon/themes"])
        #expect(
            ThemeLoader.searchDirectories(environment: [:], currentDirectory: "/w", executablePath: nil)
                == ["/w/themes"])

        let first = try TestData.temporaryDirectory()
        let second = try TestData.temporaryDirectory()
        defer {
            try? FileManager.default.removeItem(at: first)
            try? FileManager.default.removeItem(at: second)
        }
        try "header = { fg = \"red\" }\n".write(
            to: first.appendingPathComponent("mine.toml"), atomically: true, encoding: .utf8)
        try "header = { fg = \"green\" }\n".write(
            to: second.appendingPathComponent("mine.toml"), atomically: true, encoding: .utf8)
        let theme = try ThemeLoader.load(name: "mine", directories: [first.path, second.path])
        #expect(theme[.header].foreground == .indexed(1))
        #expect(theme[.value] == Style())  // roles left out are plain
    }

    @Test("an unknown theme name is an error that says where Filon looked")
    func unknownName() {
        #expect(
            throws: ThemeError(
                path: nil, "unknown theme \"solarized\" (looked for solarized.toml in /a, /b)")
        ) {
            try ThemeLoader.load(name: "solarized", directories: ["/a", "/b"])
        }
        #expect(throws: ThemeError.self) { try ThemeLoader.load(name: "../etc", directories: ["/a"]) }
    }

    @Test(
        "a bad theme file is an error naming the file and the line",
        arguments: [
            (
                "header = { fg = \"cyan\" }\nfooter = { fg = \"cyann\" }\n", 2,
                "unknown colour \"cyann\" for footer.fg"
            ),
            ("# comment\n\nheadr = { fg = \"cyan\" }\n", 3, "unknown role \"headr\""),
            ("header = { fg = \"cyan\", bold = \"yes\" }\n", 1, "header.bold must be true or false"),
            ("header = { fg = 300 }\n", 1, "colour 300 for header.fg is not between 0 and 255"),
            ("header = { fg = \"cyan\", blink = true }\n", 1, "unknown key \"blink\" in header"),
            ("header = \"cyan\"\n", 1, "header must be a table"),
            ("label = { fg = \"cyan\" }\nvalue = { fg = \"cyan\" \n", 2, "expected \",\""),
            (
                "[muted]\nfg = \"grey\"\n\n[warning]\nbg = \"nope\"\n", 5,
                "unknown colour \"nope\" for warning.bg"
            ),
        ])
    func badFiles(text: String, line: Int, message: String) throws {
        let dir = try TestData.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("bad.toml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        do {
            _ = try ThemeLoader.load(name: path, directories: [])
            Issue.record("expected an error")
        } catch let error as ThemeError {
            #expect(error.path == path)
            #expect(error.line == line)
            #expect(error.message.contains(message), "\(error)")
            #expect(error.description.hasPrefix("\(path):\(line): "))
        }
    }
}
