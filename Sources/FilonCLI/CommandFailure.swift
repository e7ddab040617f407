import ArgumentParser
import FilonCore
import Foundation

/// How a command fails: the message for the person, and the exit code scripts rely on
/// (1 runtime failure, 2 bad usage or bad input).
public enum CommandFailure: Error, CustomStringConvertible {
    case runtime(String)
    case usage(String)

    public var description: String {
        switch self {
        case .runtime(let message), .usage(let message): return message
        }
    }

    public var code: Int32 {
        switch self {
        case .runtime: return 1
        case .usage: return 2
        }
    }
}

extension ParsableCommand {
    /// Runs the command line with Filon's exit codes: 0 success, 1 runtime failure, 2 bad usage
    /// or bad input (ArgumentParser's own usage errors included).
    public static func runWithFilonExitCodes(name: String) -> Never {
        var parsed: (any ParsableCommand)?
        do {
            var command = try parseAsRoot()
            parsed = command
            try command.run()
            Foundation.exit(0)
        } catch let failure as CommandFailure {
            writeError("\(name): \(failure.description)")
            Foundation.exit(failure.code)
        } catch {
            // A SQLite failure deep inside a command (a full disk, a file turned read-only): say
            // what happened to which file and what to do, not "SQLite error 13".
            if let path = (parsed as? any DatabaseCommand)?.common.databasePath,
                let store = StoreError(error, path: path)
            {
                writeError("\(name): \(store.description)")
                Foundation.exit(1)
            }
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                print(message)
                Foundation.exit(0)
            }
            writeError(message)
            Foundation.exit(code == .validationFailure ? 2 : code.rawValue)
        }
    }

    /// A message quotes what was typed or read (a name, a file's line): cleaned, so that an escape
    /// sequence in it cannot drive the terminal. Line breaks stay: usage text needs them.
    private static func writeError(_ message: String) {
        let lines = message.split(separator: "\n", omittingEmptySubsequences: false).map {
            TerminalText.clean(String($0))
        }
        FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
    }
}
