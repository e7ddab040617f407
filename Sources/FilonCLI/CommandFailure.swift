import ArgumentParser
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
        do {
            var command = try parseAsRoot()
            try command.run()
            Foundation.exit(0)
        } catch let failure as CommandFailure {
            FileHandle.standardError.write(Data("\(name): \(failure.description)\n".utf8))
            Foundation.exit(failure.code)
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                print(message)
                Foundation.exit(0)
            }
            FileHandle.standardError.write(Data((message + "\n").utf8))
            Foundation.exit(code == .validationFailure ? 2 : code.rawValue)
        }
    }
}
