import FilonCore
import Foundation
import Testing

/// The real `filon` binary in a real terminal (tmux): what an operator sees and types.
@Suite(.serialized) struct OperatorTUIUnderTmuxTests {
    private let session = "filon-e2e-\(getpid())"

    /// Runs a tmux command on a server of our own (nothing shared with a developer's tmux, and
    /// killed at the end). Spawned and reaped by hand: Foundation's Process lost track of the
    /// client once it had started the server.
    private func tmux(_ arguments: [String]) throws -> String {
        let outputPath = NSTemporaryDirectory() + "\(session)-\(UUID().uuidString).out"
        defer { unlink(outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = (["tmux", "-L", session] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid = pid_t()
        let code = posix_spawnp(&pid, "tmux", &actions, nil, argv, environ)
        guard code == 0 else { throw TmuxMissing() }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
    }

    struct TmuxMissing: Error, CustomStringConvertible {
        var description: String { "tmux is not installed: scripts/install-deps.sh installs it" }
    }

    /// Polls the screen until `predicate` holds (at most 10 s), and returns it.
    private func screen(until predicate: (String) -> Bool) throws -> String {
        var text = ""
        for _ in 0..<100 {
            text = try tmux(["capture-pane", "-p", "-t", session])
            if predicate(text) { return text }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return text
    }

    @Test func browseResizeAndQuit() throws {
        let folder = try Binaries.temporaryFolder()
        defer {
            _ = try? tmux(["kill-server"])
            try? FileManager.default.removeItem(atPath: folder)
        }
        let db = folder + "/demo.sqlite"
        let imported = try Binaries.run(
            "filond",
            [
                "import", "sirene", "--db", db, "Fixtures/demo/StockUniteLegale_demo.csv",
                "Fixtures/demo/StockEtablissement_demo.csv",
            ])
        #expect(imported.status == 0)
        let newest = try AppDatabase.open(path: db).newestProspects(limit: 2)
        #expect(newest.count == 2)

        let filon = try Binaries.path("filon")
        let command =
            "cd '\(Binaries.root.path)' && LANG=C.UTF-8 TERM=xterm-256color '\(filon)' --db '\(db)'; echo \"exit=$?\" > '\(folder)/exit'"
        _ = try tmux(["new-session", "-d", "-s", session, "-x", "100", "-y", "30", command])

        // The list comes first, the card a moment later (it loads in the background): wait for both.
        let first = try screen { $0.contains(newest[0].name) && $0.contains(Siren.format(siren: newest[0].siren)) }
        #expect(first.contains(newest[0].name), "\(first)")
        #expect(first.contains("Nouveau"))
        #expect(first.contains(Siren.format(siren: newest[0].siren)))

        _ = try tmux(["send-keys", "-t", session, "j"])
        let moved = try screen { $0.contains(Siren.format(siren: newest[1].siren)) }
        #expect(moved.contains(Siren.format(siren: newest[1].siren)), "\(moved)")

        _ = try tmux(["resize-window", "-t", session, "-x", "70", "-y", "20"])
        let small = try screen { $0.contains("too small") }
        #expect(small.contains("too small"), "\(small)")

        _ = try tmux(["resize-window", "-t", session, "-x", "100", "-y", "30"])
        let back = try screen { $0.contains(Siren.format(siren: newest[1].siren)) }
        #expect(back.contains(Siren.format(siren: newest[1].siren)))

        _ = try tmux(["send-keys", "-t", session, "q"])
        var status = ""
        for _ in 0..<100 where status.isEmpty {
            status = (try? String(contentsOfFile: folder + "/exit", encoding: .utf8)) ?? ""
            Thread.sleep(forTimeInterval: 0.1)
        }
        #expect(status.trimmingCharacters(in: .whitespacesAndNewlines) == "exit=0")
    }
}
