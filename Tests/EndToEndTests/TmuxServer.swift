import Foundation

/// A tmux server of the test's own (`-L`): nothing shared with a developer's tmux.
struct TmuxServer {
    let name: String

    /// Runs a tmux command. Spawned and reaped by hand: Foundation's Process lost track of the
    /// client once it had started the server.
    @discardableResult
    func run(_ arguments: [String]) throws -> String {
        let outputPath = NSTemporaryDirectory() + "\(name)-\(UUID().uuidString).out"
        defer { unlink(outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = (["tmux", "-L", name] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid = pid_t()
        guard posix_spawnp(&pid, "tmux", &actions, nil, argv, environ) == 0 else {
            throw TmuxUnavailable()
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
    }

    struct TmuxUnavailable: Error, CustomStringConvertible {
        var description: String { "tmux is not installed: scripts/install-deps.sh installs it" }
    }

    func start(_ command: String, width: Int, height: Int) throws {
        try run(["new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)", command])
    }

    /// Keys by tmux name ("n", "Enter", "Escape").
    func keys(_ keys: String...) throws {
        try run(["send-keys", "-t", name] + keys)
    }

    /// Text typed as it is.
    func type(_ text: String) throws {
        try run(["send-keys", "-t", name, "-l", text])
    }

    /// Polls the screen until `predicate` holds (at most 30 s: the whole suite runs test processes
    /// side by side on two cores), and returns it.
    func screen(until predicate: (String) -> Bool) throws -> String {
        var text = ""
        for _ in 0..<300 {
            text = try run(["capture-pane", "-p", "-t", name])
            if predicate(text) { return text }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return text
    }

    /// The content of a file once it exists (at most 30 s), trimmed.
    func waitForFile(_ path: String) -> String {
        for _ in 0..<300 {
            if let text = try? String(contentsOfFile: path, encoding: .utf8), !text.isEmpty {
                return text.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return ""
    }

    func kill() {
        _ = try? run(["kill-server"])
    }
}
