/// Where frames are shown and keys come from. `CursesScreen` drives a real terminal through
/// ncurses; `InMemoryScreen` keeps the last frame and plays scripted events, for tests.
public protocol TerminalScreen: AnyObject {
    /// The current size in cells.
    var size: TerminalSize { get }

    /// Shows a whole frame.
    func present(_ frame: CellGrid)

    /// Waits at most `timeoutMilliseconds` for a key or a resize; nil when nothing came (the tick).
    func nextEvent(timeoutMilliseconds: Int) -> TerminalEvent?

    /// Gives the terminal to another program (`$EDITOR`) while `body` runs, then takes it back.
    func suspend<T>(_ body: () throws -> T) rethrows -> T
}

/// A screen in memory: it keeps the frames it is shown and replays a script of events.
public final class InMemoryScreen: TerminalScreen {
    public private(set) var size: TerminalSize
    public private(set) var frame: CellGrid
    public private(set) var presentedFrames = 0
    private var script: [TerminalEvent]

    public init(size: TerminalSize, script: [TerminalEvent] = []) {
        self.size = size
        self.frame = CellGrid(size: size)
        self.script = script
    }

    public func present(_ frame: CellGrid) {
        self.frame = frame
        presentedFrames += 1
    }

    /// The next scripted event; a resize also changes `size`. Nil (a tick) when the script is done.
    public func nextEvent(timeoutMilliseconds: Int) -> TerminalEvent? {
        guard !script.isEmpty else { return nil }
        let event = script.removeFirst()
        if case .resize(let newSize) = event { size = newSize }
        return event
    }

    /// Runs `body`: there is no terminal to give away.
    public func suspend<T>(_ body: () throws -> T) rethrows -> T { try body() }

    /// Adds events to the script.
    public func enqueue(_ events: TerminalEvent...) {
        script.append(contentsOf: events)
    }
}
