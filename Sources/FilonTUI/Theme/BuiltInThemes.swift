/// The themes compiled into the program, used when no theme file is installed. They are the same
/// text as `themes/default.toml` and `themes/monochrome.toml` (a test checks that they agree).
enum BuiltInThemes {
    static let defaultText = """
        # Filon's default theme, for terminals with a dark background.
        # Each role is { fg = colour, bg = colour, bold, reverse, underline, dim }; colours are
        # default, black, red, green, yellow, blue, magenta, cyan, white, bright_black … bright_white,
        # or a number from 0 to 255. A role left out is drawn plain.
        header = { fg = "black", bg = "cyan", bold = true }
        footer = { fg = "cyan", bg = "default" }
        selected = { fg = "bright_white", bg = "blue", bold = true }
        border = { fg = "blue", bg = "default" }
        label = { fg = "cyan", bg = "default" }
        value = { fg = "default", bg = "default" }
        muted = { fg = "bright_black", bg = "default" }
        warning = { fg = "yellow", bg = "default", bold = true }

        """

    static let monochromeText = """
        # Filon without colours: attributes only. Used whenever NO_COLOR is set.
        header = { reverse = true, bold = true }
        footer = { bold = false }
        selected = { reverse = true }
        border = { dim = true }
        label = { bold = true }
        value = { bold = false }
        muted = { dim = true }
        warning = { bold = true, underline = true }

        """

    static let texts: [String: String] = ["default": defaultText, "monochrome": monochromeText]
}
