import CNcurses
import FilonCore
import Foundation

// The only file that talks to ncurses. Everything else draws into a `CellGrid`.

/// The process locale, which ncurses needs to show accents and wide characters.
public enum TerminalLocale {
    /// Sets the locale from the environment (LANG, LC_ALL…). Call before opening a `CursesScreen`.
    /// Returns a warning to print when the character set is not UTF-8.
    public static func prepare() -> String? {
        let locale = filon_setlocale_from_environment()
        let codeset = filon_codeset().map { String(cString: $0) } ?? "unknown"
        guard locale == nil || codeset != "UTF-8" else { return nil }
        return
            "the terminal's character set is \(codeset), not UTF-8: accents will not display correctly. "
            + "Set LANG to a UTF-8 locale (for example LANG=C.UTF-8 or fr_FR.UTF-8)."
    }
}

/// Why the terminal could not be opened.
public struct TerminalError: Error, CustomStringConvertible {
    public var description: String
}

/// A real terminal, driven through ncursesw. Open it after the database (so that no error leaves
/// a broken terminal) and `close()` it before writing anything to stdout or stderr.
public final class CursesScreen: TerminalScreen {
    private let screen: OpaquePointer
    private let window: UnsafeMutablePointer<WINDOW>
    private var attributes: [Role: attr_t] = [:]
    private var isClosed = false

    public init(theme: Theme) throws {
        guard isatty(0) == 1, isatty(1) == 1 else {
            throw TerminalError(
                description: "Filon's screen needs a terminal: run it from a terminal, not a pipe")
        }
        // A parent may have started us with signals blocked (a test runner, a tmux server it
        // started): ncurses learns of resizes through SIGWINCH, and restores the terminal on
        // SIGINT and SIGTERM, only when they can arrive.
        var signals = sigset_t()
        sigemptyset(&signals)
        for signal in [SIGWINCH, SIGINT, SIGTERM, SIGHUP] { sigaddset(&signals, signal) }
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)
        guard let screen = filon_newterm() else {
            let term = ProcessInfo.processInfo.environment["TERM"] ?? "(unset)"
            throw TerminalError(description: "cannot use the terminal type TERM=\(term)")
        }
        guard let window = filon_stdscr() else {
            endwin()
            delscreen(screen)
            throw TerminalError(description: "cannot open the terminal's screen")
        }
        self.screen = screen
        self.window = window
        cbreak()
        noecho()
        nonl()
        keypad(window, true)
        set_escdelay(25)
        curs_set(0)
        attributes = Self.attributes(for: theme)
    }

    deinit { close() }

    /// Gives the terminal back as it was. Safe to call more than once.
    public func close() {
        guard !isClosed else { return }
        isClosed = true
        endwin()
        delscreen(screen)
    }

    /// Leaves curses mode (the terminal as the shell had it) while `body` runs another full-screen
    /// program, then restores curses' modes and its picture of the screen.
    public func suspend<T>(_ body: () throws -> T) rethrows -> T {
        def_prog_mode()
        endwin()
        defer {
            reset_prog_mode()
            // The other program drew over everything: repaint all of it, not only what changed.
            clearok(window, true)
            wrefresh(window)
        }
        return try body()
    }

    public var size: TerminalSize {
        TerminalSize(width: Int(filon_getmaxx(window)), height: Int(filon_getmaxy(window)))
    }

    public func present(_ frame: CellGrid) {
        werase(window)
        let size = self.size
        var run: [wchar_t] = []
        for row in 0..<min(frame.size.height, size.height) {
            var runStart = 0
            var runRole = Role.value
            func flush() {
                guard !run.isEmpty else { return }
                _ = filon_put(
                    window, Int32(row), Int32(runStart), run, Int32(run.count), attributes[runRole] ?? 0)
                run.removeAll(keepingCapacity: true)
            }
            for column in 0..<min(frame.size.width, size.width) {
                let cell = frame.cell(row: row, column: column)
                if cell.isContinuation { continue }
                if run.isEmpty || cell.role != runRole {
                    flush()
                    runStart = column
                    runRole = cell.role
                }
                run.append(contentsOf: cell.text.unicodeScalars.map { wchar_t(bitPattern: $0.value) })
                // After a wide character, the next cell is placed explicitly, so that a terminal
                // whose width table differs cannot shift the rest of the row.
                if TerminalText.width(of: Character(cell.text)) > 1 { flush() }
            }
            flush()
        }
        wnoutrefresh(window)
        doupdate()
    }

    public func nextEvent(timeoutMilliseconds: Int) -> TerminalEvent? {
        wtimeout(window, Int32(timeoutMilliseconds))
        var code: wint_t = 0
        switch wget_wch(window, &code) {
        case KEY_CODE_YES:
            let key = Int32(bitPattern: code)
            if key == KEY_RESIZE { return .resize(size) }
            return .key(Self.specialKey(key))
        case OK:
            return .key(Self.characterKey(code))
        default:
            // ERR: the timeout passed, or the terminal is gone (then ERR comes back at once,
            // for ever: without this check a lost SSH session would leave a process spinning).
            var input = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
            if poll(&input, 1, 0) > 0 && input.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 { return .hangUp }
            return nil
        }
    }

    private static func specialKey(_ code: Int32) -> Key {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_HOME, KEY_FIND: return .home
        case KEY_END, KEY_SELECT: return .end
        case KEY_BTAB: return .backTab
        case KEY_ENTER: return .enter
        case KEY_BACKSPACE: return .backspace
        default:
            for n in 1...24 where code == filon_key_f(Int32(n)) { return .function(n) }
            return .other(code)
        }
    }

    private static func characterKey(_ code: wint_t) -> Key {
        switch code {
        case 27: return .escape
        case 9: return .tab
        case 10, 13: return .enter
        case 8, 127: return .backspace
        case 1...26: return .control(Character(Unicode.Scalar(UInt8(code) + 0x60)))
        default:
            guard let scalar = Unicode.Scalar(code) else { return .other(Int32(bitPattern: code)) }
            return .character(Character(scalar))
        }
    }

    /// The curses attributes of each role. Colours are used only when the theme has some and the
    /// terminal supports them; the terminal's own default colours stay where the theme says "default".
    private static func attributes(for theme: Theme) -> [Role: attr_t] {
        let wantsColor = Role.allCases.contains { theme[$0].usesColor }
        var colors = false
        var defaultsWork = false
        if wantsColor, has_colors() {
            colors = start_color() == OK
            defaultsWork = colors && use_default_colors() == OK
        }
        let available = Int(filon_colors())
        func index(_ color: ThemeColor, fallback: Int16) -> Int16 {
            switch color {
            case .indexed(let n) where n < available: return Int16(n)
            default: return defaultsWork ? -1 : fallback
            }
        }
        var result: [Role: attr_t] = [:]
        for (offset, role) in Role.allCases.enumerated() {
            let style = theme[role]
            var attrs = filon_a_normal()
            if colors {
                let pair = Int16(offset + 1)
                init_pair(pair, index(style.foreground, fallback: 7), index(style.background, fallback: 0))
                attrs |= filon_color_pair(Int32(pair))
            }
            if style.bold { attrs |= filon_a_bold() }
            if style.reverse { attrs |= filon_a_reverse() }
            if style.underline { attrs |= filon_a_underline() }
            if style.dim { attrs |= filon_a_dim() }
            result[role] = attrs
        }
        return result
    }
}
