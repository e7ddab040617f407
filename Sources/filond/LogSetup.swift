import FilonCLI
import Logging

/// The daemon's logs: plain lines on standard error (journald stamps and stores them), at the
/// level `$FILON_LOG_LEVEL` names. Nothing logs settings wholesale, so API keys never reach them.
enum LogSetup {
    static let variable = "FILON_LOG_LEVEL"

    /// The level `$FILON_LOG_LEVEL` asks for, `info` when it is unset or empty.
    ///
    /// - throws: `CommandFailure.usage` naming the variable and the levels it accepts.
    static func level(environment: [String: String]) throws -> Logger.Level {
        guard let text = environment[variable], !text.isEmpty else { return .info }
        guard let level = Logger.Level(rawValue: text.lowercased()) else {
            let names = Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")
            throw CommandFailure.usage("\(variable) must be one of \(names), not \"\(text)\"")
        }
        return level
    }

    /// Installs the log handler. swift-log allows this once per process: only `filond run` calls
    /// it, before it makes any logger.
    static func bootstrap(level: Logger.Level) {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }
}
