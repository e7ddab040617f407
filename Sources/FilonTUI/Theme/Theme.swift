/// What a piece of the screen is, independently of how a theme paints it.
public enum Role: String, CaseIterable, Hashable, Sendable {
    case header
    case footer
    case selected
    case border
    case label
    case value
    case muted
    case warning
}

/// A terminal colour: the terminal's own default, or one of the 256 indexed colours
/// (0–7 the basic colours, 8–15 their bright forms).
public enum ThemeColor: Hashable, Sendable {
    case terminalDefault
    case indexed(Int)

    /// The names theme files may use, with their colour index.
    public static let names: [(name: String, index: Int)] = [
        ("black", 0), ("red", 1), ("green", 2), ("yellow", 3), ("blue", 4), ("magenta", 5), ("cyan", 6),
        ("white", 7), ("bright_black", 8), ("bright_red", 9), ("bright_green", 10),
        ("bright_yellow", 11),
        ("bright_blue", 12), ("bright_magenta", 13), ("bright_cyan", 14), ("bright_white", 15),
    ]

    public init?(name: String) {
        let key = name.lowercased().replacingOccurrences(of: "-", with: "_")
        if key == "default" {
            self = .terminalDefault
        } else if key == "gray" || key == "grey" {
            self = .indexed(8)
        } else if let entry = Self.names.first(where: { $0.name == key }) {
            self = .indexed(entry.index)
        } else {
            return nil
        }
    }
}

/// How one role is painted.
public struct Style: Hashable, Sendable {
    public var foreground: ThemeColor
    public var background: ThemeColor
    public var bold: Bool
    public var reverse: Bool
    public var underline: Bool
    public var dim: Bool

    public init(
        foreground: ThemeColor = .terminalDefault, background: ThemeColor = .terminalDefault,
        bold: Bool = false,
        reverse: Bool = false, underline: Bool = false, dim: Bool = false
    ) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.reverse = reverse
        self.underline = underline
        self.dim = dim
    }

    public var usesColor: Bool { foreground != .terminalDefault || background != .terminalDefault }
}

/// A named set of styles, one per role. A role a theme leaves out is drawn plain.
public struct Theme: Hashable, Sendable {
    public var name: String
    public var styles: [Role: Style]

    public init(name: String, styles: [Role: Style]) {
        self.name = name
        self.styles = styles
    }

    public subscript(role: Role) -> Style { styles[role] ?? Style() }
}
