import FilonCore
import Foundation
import Testing

/// The dial command run for real: a tiny script stands in for the SIP client and writes down the
/// arguments it got.
@Suite struct CallDialerTests {
    let folder: String

    init() throws {
        folder = NSTemporaryDirectory() + "filon-dial-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    /// A script in the temporary folder; `mode` 0o755 makes it runnable.
    func script(_ name: String, _ body: String, mode: Int = 0o755) throws -> String {
        let path = folder + "/" + name
        try body.write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        return path
    }

    /// Writes its arguments one per line, then where its standard streams go when /proc says; the
    /// rename makes the file appear whole.
    func recorder() throws -> String {
        try script(
            "fake-sip",
            """
            #!/bin/sh
            out="\(folder)/argv"
            printf '%s\\n' "$@" > "$out.tmp"
            if [ -d /proc/$$/fd ]; then
              # Read in a subshell: the shell's own streams are not redirected meanwhile.
              fds=$(for fd in 0 1 2; do readlink /proc/$$/fd/$fd; done)
              echo "$fds" > "$out.fds"
            fi
            echo "noise on the screen"
            echo "noise on the error stream" >&2
            mv "$out.tmp" "$out"
            """)
    }

    /// Polls for a file: the program runs on its own, so it appears some time after `dial`. The
    /// limit is generous (15 s) because a loaded machine running every suite at once is slow.
    func waitForFile(_ path: String) async throws -> String? {
        for _ in 0..<1500 {
            if let text = try? String(contentsOfFile: path, encoding: .utf8) { return text }
            try await Task.sleep(nanoseconds: 10_000_000)
        }
        return nil
    }

    @Test func runsTheProgramFoundInThePathWithTheNumberInPlace() async throws {
        _ = try recorder()
        let exits = Exits()
        let dialer = CallDialer(
            command: try DialCommand(["fake-sip", "dial", "{phone}", "sip:{national}@pbx; reboot"]),
            environment: ["PATH": "/nonexistent:\(folder):/usr/bin:/bin"],
            onExit: { pid, status in exits.add(pid, status) })
        let start = Date(timeIntervalSince1970: 1_796_117_400)
        let timer = try dialer.dial("06 12 34 56 78", now: start)
        #expect(timer == CallTimer(startedAt: start))
        #expect(try dialer.executablePath() == folder + "/fake-sip")

        let argv = try await waitForFile(folder + "/argv")
        #expect(argv == "dial\n+33612345678\nsip:0612345678@pbx; reboot\n")
        if let fds = try? String(contentsOfFile: folder + "/argv.fds", encoding: .utf8) {
            #expect(fds == "/dev/null\n/dev/null\n/dev/null\n")
        }
        // Reaped: once the end is reported, no zombie answers to its pid.
        var ended: (pid: Int32, status: Int32)?
        for _ in 0..<1500 {
            ended = exits.first
            if ended != nil { break }
            try await Task.sleep(nanoseconds: 10_000_000)
        }
        let exit = try #require(ended)
        #expect(exit.status == 0)
        #expect(kill(exit.pid, 0) == -1 && errno == ESRCH)
    }

    @Test func anAbsolutePathIsRunAsIs() async throws {
        let path = try recorder()
        try CallDialer(command: try DialCommand([path, "{national}"]), environment: ["PATH": "/usr/bin:/bin"])
            .dial("+33 1 23 45 67 89")
        #expect(try await waitForFile(folder + "/argv") == "0123456789\n")
    }

    @Test func aMissingProgramIsNamedWithTheKey() throws {
        let dialer = CallDialer(
            command: try DialCommand(["no-such-sip-client", "{phone}"]), environment: ["PATH": folder + ":/nonexistent"]
        )
        #expect(throws: DialError.programNotFound("no-such-sip-client", searched: [folder, "/nonexistent"])) {
            try dialer.dial("0612345678")
        }
        let text = "\(DialError.programNotFound("no-such-sip-client", searched: [folder]))"
        #expect(text.contains("no-such-sip-client") && text.contains("dial_command") && text.contains(folder))

        let absent = folder + "/absent"
        #expect(throws: DialError.programNotFound(absent, searched: [])) {
            try CallDialer(command: try DialCommand([absent, "{phone}"])).dial("0612345678")
        }
    }

    @Test func aFileThatCannotBeRunIsRefused() throws {
        let path = try script("not-runnable", "#!/bin/sh\nexit 0\n", mode: 0o644)
        #expect(throws: DialError.notExecutable(path)) {
            try CallDialer(command: try DialCommand(["not-runnable", "{phone}"]), environment: ["PATH": folder])
                .dial("0612345678")
        }
        #expect(throws: DialError.notExecutable(folder)) {
            try CallDialer(command: try DialCommand([folder, "{phone}"])).dial("0612345678")
        }
    }

    @Test func aProgramTheSystemCannotStartGivesTheReason() throws {
        // Executable, but neither a binary nor a script with #!.
        let path = try script("garbage", "\u{7F}ELF but not really", mode: 0o755)
        do {
            try CallDialer(command: try DialCommand([path, "{phone}"])).dial("0612345678")
            Issue.record("expected couldNotStart")
        } catch {
            guard case .couldNotStart(let program, let reason) = error else {
                Issue.record("expected couldNotStart, got \(error)")
                return
            }
            #expect(program == path && !reason.isEmpty)
            #if os(Linux)
                #expect(reason == "Exec format error")
            #endif
            #expect("\(error)".contains("could not start: \(reason)"))
        }
    }

    @Test func aBadNumberIsRefusedBeforeTheProgramIsLookedFor() throws {
        let dialer = CallDialer(command: try DialCommand(["no-such-sip-client", "{phone}"]), environment: [:])
        #expect(throws: DialError.implausibleNumber("0612345678; touch x")) { try dialer.dial("0612345678; touch x") }
    }
}

/// The exits reported from the dialer's thread.
private final class Exits: @unchecked Sendable {
    private let lock = NSLock()
    private var exits: [(pid: Int32, status: Int32)] = []

    func add(_ pid: Int32, _ status: Int32) { lock.withLock { exits.append((pid, status)) } }
    var first: (pid: Int32, status: Int32)? { lock.withLock { exits.first } }
}
