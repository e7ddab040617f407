import FilonCore
import Foundation
import Testing

/// The real `filon` binary in a real terminal (tmux): what an operator sees and types.
@Suite(.serialized) struct OperatorTUIUnderTmuxTests {
    private let tmux = TmuxServer(name: "filon-e2e-\(getpid())")

    @Test func browseResizeAndQuit() throws {
        let folder = try Binaries.temporaryFolder()
        defer {
            tmux.kill()
            try? FileManager.default.removeItem(atPath: folder)
        }
        let db = try Binaries.demoDatabase(in: folder)
        let newest = try AppDatabase.open(path: db).newestProspects(limit: 2)
        #expect(newest.count == 2)

        let filon = try Binaries.path("filon")
        let command =
            "cd '\(Binaries.root.path)' && LANG=C.UTF-8 TERM=xterm-256color '\(filon)' --db '\(db)'; echo \"exit=$?\" > '\(folder)/exit'"
        try tmux.start(command, width: 100, height: 30)

        // The list comes first, the card a moment later (it loads in the background): wait for both.
        let first = try tmux.screen { $0.contains(newest[0].name) && $0.contains(Siren.format(siren: newest[0].siren)) }
        #expect(first.contains(newest[0].name), "\(first)")
        #expect(first.contains("Nouveau"))
        #expect(first.contains(Siren.format(siren: newest[0].siren)))

        try tmux.keys("j")
        let moved = try tmux.screen { $0.contains(Siren.format(siren: newest[1].siren)) }
        #expect(moved.contains(Siren.format(siren: newest[1].siren)), "\(moved)")

        try tmux.run(["resize-window", "-t", tmux.name, "-x", "70", "-y", "20"])
        let small = try tmux.screen { $0.contains("too small") }
        #expect(small.contains("too small"), "\(small)")

        try tmux.run(["resize-window", "-t", tmux.name, "-x", "100", "-y", "30"])
        let back = try tmux.screen { $0.contains(Siren.format(siren: newest[1].siren)) }
        #expect(back.contains(Siren.format(siren: newest[1].siren)))

        try tmux.keys("q")
        #expect(tmux.waitForFile(folder + "/exit") == "exit=0")
    }
}
