import Foundation

/// Why the editor did not give a text back.
public enum EditorError: Error, Equatable, CustomStringConvertible {
    case couldNotStart(editor: String, reason: String)
    case failed(editor: String, status: Int32)
    case unreadable(path: String)

    public var description: String {
        switch self {
        case .couldNotStart(let editor, let reason):
            return "cannot start the editor \(editor) (\(reason)): set EDITOR to one that is installed, e.g. nano"
        case .failed(let editor, let status):
            return "the editor \(editor) stopped with status \(status): nothing sent"
        case .unreadable(let path):
            return "cannot read back the edited file \(path): nothing sent"
        }
    }
}

/// `$VISUAL`, else `$EDITOR`, else `vi`, on a temporary file: what `git commit` does. The editor
/// line goes through `/bin/sh` because it often carries options ("code --wait", "emacs -nw"); the
/// file's path is passed as an argument, never pasted into the line.
public struct ExternalEditor: Sendable {
    public var environment: [String: String]

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    public var command: String {
        for name in ["VISUAL", "EDITOR"] {
            if let value = environment[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty { return value }
        }
        return "vi"
    }

    /// Opens `text` in the editor and waits for it; the file as saved comes back.
    public func edit(_ text: String, fileName: String = "filon-email.txt") throws(EditorError) -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("filon-\(UUID().uuidString)")
        let path = folder.appendingPathComponent(fileName).path
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            // Only this user reads a message being written.
            try FileManager.default.createDirectory(
                at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw .couldNotStart(editor: command, reason: "cannot write \(path): \(error.localizedDescription)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "\(command) \"$1\"", "filon-editor", path]
        process.environment = environment
        do {
            try process.run()
        } catch {
            throw .couldNotStart(editor: command, reason: error.localizedDescription)
        }
        process.waitUntilExit()
        // 126/127: the shell could not find or run the editor.
        if process.terminationStatus == 126 || process.terminationStatus == 127 {
            throw .couldNotStart(editor: command, reason: "not found")
        }
        guard process.terminationStatus == 0 else {
            throw .failed(editor: command, status: process.terminationStatus)
        }
        guard let data = FileManager.default.contents(atPath: path), let edited = String(data: data, encoding: .utf8)
        else { throw .unreadable(path: path) }
        return edited
    }
}
