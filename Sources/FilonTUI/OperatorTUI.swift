import Dispatch
import FilonCore

/// Runs the operator screen.
public enum OperatorTUI {
    /// Opens the terminal, runs the screen until the operator quits, and gives the terminal back.
    /// Call `TerminalLocale.prepare()` first, and open the database before: nothing is written to
    /// stdout or stderr while the screen is up.
    public static func run(
        database: AppDatabase, databaseName: String, session: OperatorSession, calling: CallingSettings,
        keymap: Keymap, services: OperatorServices, theme: Theme
    ) throws {
        let screen = try CursesScreen(theme: theme)
        defer { screen.close() }
        let app = OperatorApp(
            database: database, databaseName: databaseName, session: session, size: screen.size,
            calling: calling, keymap: keymap, services: services, mode: .background)
        app.editor = { text in try screen.suspend { try ExternalEditor().edit(text) } }
        run(app, on: screen)
    }

    /// The main loop: draw when the frame changed, wait for a key or the tick, apply it, poll.
    /// The wait on input is the refresh timer (100 ms, 20 ms while reads are running).
    public static func run(
        _ app: OperatorApp, on screen: some TerminalScreen, now: () -> Double = monotonicSeconds
    ) {
        var shown: CellGrid?
        if app.size != screen.size { app.handle(.resize(screen.size)) }
        app.tick(now: now())
        while !app.shouldQuit {
            let frame = app.render()
            if frame != shown {
                screen.present(frame)
                shown = frame
            }
            if let event = screen.nextEvent(timeoutMilliseconds: app.isLoading ? 20 : 100) {
                app.handle(event)
            }
            app.tick(now: now())
        }
    }

    /// Seconds since an arbitrary moment, never going back.
    public static func monotonicSeconds() -> Double {
        Double(DispatchTime.now().uptimeNanoseconds) / 1_000_000_000
    }
}
