import FilonCore
import Foundation

/// A theme that cannot be used, with the file and line to fix.
public struct ThemeError: Error, CustomStringConvertible, Equatable {
    public var path: String?
    public var line: Int?
    public var message: String

    public init(path: String?, line: Int? = nil, _ message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    public var description: String {
        switch (path, line) {
        case (let path?, let line?): return "\(path):\(line): \(message)"
        case (let path?, nil): return "\(path): \(message)"
        default: return message
        }
    }
}

/// Finds, reads and checks theme files.
///
/// A theme file gives each role an inline table (`header = { fg = "cyan", bg = "default", bold = true }`)
/// or a table (`[header]` then `fg = "cyan"`). Keys: `fg`, `bg` (a colour name or 0–255), `bold`,
/// `reverse`, `underline`, `dim` (true or false).
public enum ThemeLoader {
    /// Where `--theme NAME` looks, in order: `$FILON_THEMES_DIR`, `./themes`, then
    /// `../share/filon/themes` beside the executable.
    public static func searchDirectories(
        environment: [String: String], currentDirectory: String, executablePath: String?
    ) -> [String] {
        ResourceFolders.candidates(
            "themes", variable: "FILON_THEMES_DIR", environment: environment, currentDirectory: currentDirectory,
            executablePath: executablePath)
    }

    /// The theme to draw with.
    ///
    /// - Parameters:
    ///   - name: the theme's name (`--theme`, else the config's `ui.theme`), or nil for the default; a
    ///     name containing "/" or ending in ".toml" is a file path.
    ///   - directories: where to look for `NAME.toml`.
    ///   - noColor: NO_COLOR is set: the named theme is still checked, then monochrome is used.
    /// - Throws: `ThemeError` for an unknown name or a bad file.
    public static func load(name: String?, directories: [String], noColor: Bool = false) throws
        -> Theme
    {
        let theme = try find(name: name ?? "default", directories: directories, required: name != nil)
        return noColor ? try find(name: "monochrome", directories: directories, required: false) : theme
    }

    private static func find(name: String, directories: [String], required: Bool) throws -> Theme {
        if name.contains("/") || name.hasSuffix(".toml") {
            return try read(path: name)
        }
        guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }), !name.isEmpty
        else {
            throw ThemeError(path: nil, "\"\(name)\" is not a theme name (letters, digits, - and _ only)")
        }
        for dir in directories {
            let path = (dir as NSString).appendingPathComponent(name + ".toml")
            if FileManager.default.fileExists(atPath: path) { return try read(path: path) }
        }
        if let text = BuiltInThemes.texts[name] {
            return try parse(text, name: name, path: "<built-in \(name) theme>")
        }
        let places =
            directories.isEmpty
            ? "" : " (looked for \(name).toml in \(directories.joined(separator: ", ")))"
        throw ThemeError(path: nil, "unknown theme \"\(name)\"\(places)")
    }

    /// Reads and checks one theme file.
    public static func read(path: String) throws -> Theme {
        guard FileManager.default.fileExists(atPath: path) else {
            throw ThemeError(path: path, "no such file")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ThemeError(path: path, "cannot be read: check its permissions")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ThemeError(path: path, "is not UTF-8 text")
        }
        let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        return try parse(text, name: name, path: path)
    }

    /// Checks theme text; `path` only names the place in errors.
    public static func parse(_ text: String, name: String, path: String) throws -> Theme {
        let root: [String: TOMLValue]
        do {
            root = try TOMLParser.parse(text)
        } catch let error as TOMLParser.ParseError {
            throw ThemeError(path: path, line: error.line, error.message)
        }
        let locator = LineLocator(text: text)
        var styles: [Role: Style] = [:]
        for key in root.keys.sorted(by: { locator.line(of: [$0]) ?? 0 < locator.line(of: [$1]) ?? 0 }) {
            let value = root[key]!
            guard let role = Role(rawValue: key) else {
                let known = Role.allCases.map(\.rawValue).joined(separator: ", ")
                throw ThemeError(
                    path: path, line: locator.line(of: [key]), "unknown role \"\(key)\" (known: \(known))")
            }
            guard case .table(let table) = value else {
                throw ThemeError(
                    path: path, line: locator.line(of: [key]),
                    "\(key) must be a table such as { fg = \"cyan\", bg = \"default\", bold = true }, not \(value.typeName)"
                )
            }
            styles[role] = try style(table, role: key, path: path, locator: locator)
        }
        return Theme(name: name, styles: styles)
    }

    private static func style(
        _ table: [String: TOMLValue], role: String, path: String, locator: LineLocator
    ) throws -> Style {
        var style = Style()
        for (key, value) in table.sorted(by: { $0.key < $1.key }) {
            let line = locator.line(of: [role, key])
            switch key {
            case "fg", "bg":
                let color = try self.color(value, field: "\(role).\(key)", path: path, line: line)
                if key == "fg" { style.foreground = color } else { style.background = color }
            case "bold", "reverse", "underline", "dim":
                guard case .boolean(let flag) = value else {
                    throw ThemeError(
                        path: path, line: line, "\(role).\(key) must be true or false, not \(value.typeName)")
                }
                switch key {
                case "bold": style.bold = flag
                case "reverse": style.reverse = flag
                case "underline": style.underline = flag
                default: style.dim = flag
                }
            default:
                throw ThemeError(
                    path: path, line: line,
                    "unknown key \"\(key)\" in \(role) (known: fg, bg, bold, reverse, underline, dim)")
            }
        }
        return style
    }

    private static func color(_ value: TOMLValue, field: String, path: String, line: Int?) throws
        -> ThemeColor
    {
        switch value {
        case .string(let name):
            guard let color = ThemeColor(name: name) else {
                let known = (["default"] + ThemeColor.names.map(\.name)).joined(separator: ", ")
                throw ThemeError(
                    path: path, line: line,
                    "unknown colour \"\(name)\" for \(field) (known: \(known), or 0–255)")
            }
            return color
        case .integer(let index):
            guard (0...255).contains(index) else {
                throw ThemeError(
                    path: path, line: line, "colour \(index) for \(field) is not between 0 and 255")
            }
            return .indexed(index)
        default:
            throw ThemeError(
                path: path, line: line, "\(field) must be a colour name or a number, not \(value.typeName)")
        }
    }
}

/// Finds the line where a key of a TOML file is written, for error messages (the parser returns
/// values without their place).
struct LineLocator {
    private let lines: [Substring]

    init(text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// The line of `path[0]` (written `role = …` or `[role]`), or of `path[1]` inside it.
    func line(of path: [String]) -> Int? {
        guard let role = path.first else { return nil }
        var roleLine: Int?
        var inTable = false
        for (index, raw) in lines.enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("[") {
                inTable = Self.header(line) == role
                if inTable && roleLine == nil { roleLine = index + 1 }
                if inTable && path.count == 1 { return index + 1 }
                continue
            }
            if inTable, path.count > 1, Self.assigns(line, key: path[1]) { return index + 1 }
            if !inTable, roleLine == nil, Self.assigns(line, key: role) {
                // `role = { … }` or `role.key = …`: the attribute is on this line.
                return index + 1
            }
        }
        return roleLine
    }

    private static func header(_ line: String) -> String {
        var name = line.dropFirst()
        if let end = name.firstIndex(of: "]") { name = name[..<end] }
        return name.trimmingCharacters(in: .whitespaces)
    }

    private static func assigns(_ line: String, key: String) -> Bool {
        for candidate in [key, "\"\(key)\""] where line.hasPrefix(candidate) {
            let rest = line.dropFirst(candidate.count).drop(while: { $0 == " " || $0 == "\t" })
            if rest.first == "=" || rest.first == "." { return true }
        }
        return false
    }
}
