import Foundation

/// Starts the dial command for a number and returns at once: the SIP client rings while the
/// operator's screen keeps running. The program is run directly (no shell), with stdin, stdout
/// and stderr on /dev/null so that it never draws over the curses screen.
public struct CallDialer: Sendable {
    public var command: DialCommand
    /// The PATH to search and the program's environment.
    public var environment: [String: String]
    /// Called once the program has exited and been reaped, with its pid and exit status (or
    /// signal), on a thread of its own.
    public var onExit: (@Sendable (_ pid: Int32, _ status: Int32) -> Void)?

    public init(
        command: DialCommand, environment: [String: String] = ProcessInfo.processInfo.environment,
        onExit: (@Sendable (_ pid: Int32, _ status: Int32) -> Void)? = nil
    ) {
        self.command = command
        self.environment = environment
        self.onExit = onExit
    }

    /// Dials `phone` and returns the call's timer, started now. Does not wait for the program.
    @discardableResult
    public func dial(_ phone: String, now: Date = Date()) throws(DialError) -> CallTimer {
        // The number is checked before anything runs.
        let arguments = try command.arguments(for: phone)
        let path = try executablePath()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        // Foundation waits for the child (no zombie) and keeps the Process alive until it has; the
        // handler only reports the end.
        let onExit = onExit
        process.terminationHandler = { ended in onExit?(ended.processIdentifier, ended.terminationStatus) }
        do {
            try process.run()
        } catch {
            throw .couldNotStart(path, reason: Self.reason(error))
        }
        return CallTimer(startedAt: now)
    }

    /// The program's path: a name without `/` is looked up in the PATH, as a shell would.
    public func executablePath() throws(DialError) -> String {
        let program = command.program
        let files = FileManager.default
        if program.contains("/") {
            let path = (program as NSString).expandingTildeInPath
            guard files.fileExists(atPath: path) else { throw .programNotFound(program, searched: []) }
            guard Self.isExecutableFile(path) else { throw .notExecutable(path) }
            return path
        }
        // An empty entry would mean the working folder, which nobody means for a dial program.
        let folders = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        var notExecutable: String?
        for folder in folders {
            let path = folder + "/" + program
            var isFolder: ObjCBool = false
            guard files.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue else { continue }
            if files.isExecutableFile(atPath: path) { return path }
            notExecutable = notExecutable ?? path
        }
        if let notExecutable { throw .notExecutable(notExecutable) }
        throw .programNotFound(program, searched: folders)
    }

    private static func isExecutableFile(_ path: String) -> Bool {
        var isFolder: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && !isFolder.boolValue
            && FileManager.default.isExecutableFile(atPath: path)
    }

    /// The system's words for a failed start: the errno text when there is one.
    private static func reason(_ error: any Error) -> String {
        let nsError = error as NSError
        for candidate in [nsError, nsError.userInfo[NSUnderlyingErrorKey] as? NSError].compactMap({ $0 })
        where candidate.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(candidate.code)))
        }
        return nsError.localizedDescription
    }
}
