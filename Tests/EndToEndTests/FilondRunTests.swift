import Foundation
import Testing

/// `filond run` as systemd drives it: one pass, the daemon until SIGTERM, one daemon per database.
@Suite(.serialized) struct FilondRunTests {
    /// A database and a configuration with every detection source off, so passes touch no network.
    struct Setup {
        let folder: String
        var db: String { folder + "/filon.sqlite" }
        var config: String { folder + "/filon.toml" }

        init(schedule: String) throws {
            folder = try Binaries.temporaryFolder()
            let providers = [
                "sirene_stock", "sirene_api", "recherche_entreprises", "rne", "bodacc", "nominatim", "overpass",
                "website_audit",
            ]
            .map { "[providers.\($0)]\nenabled = false\n" }.joined()
            try "[daemon]\nschedule = \"\(schedule)\"\n\(providers)"
                .write(toFile: config, atomically: true, encoding: .utf8)
        }

        func remove() { try? FileManager.default.removeItem(atPath: folder) }
    }

    /// Logs at info whatever the environment of the tests says.
    static let environment = ["FILON_LOG_LEVEL": "info"]

    @Test func oncePassExitsZero() throws {
        let setup = try Setup(schedule: "every 1 minute")
        defer { setup.remove() }
        let result = try Binaries.run(
            "filond", ["run", "--once", "--db", setup.db, "--config", setup.config], environment: Self.environment)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("pass finished"))
    }

    @Test func badLogLevelIsExitTwoNamingTheVariable() throws {
        let setup = try Setup(schedule: "every 1 minute")
        defer { setup.remove() }
        let result = try Binaries.run(
            "filond", ["run", "--once", "--db", setup.db, "--config", setup.config],
            environment: ["FILON_LOG_LEVEL": "loud"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("FILON_LOG_LEVEL"))
    }

    @Test func runsUntilSIGTERMAndKeepsASecondDaemonOut() throws {
        let setup = try Setup(schedule: "every 1 minute")
        defer { setup.remove() }
        let arguments = ["run", "--db", setup.db, "--config", setup.config]
        let first = try Daemon(arguments, log: setup.folder + "/first.log")
        defer { first.kill() }
        // The first pass is logged once signals are trapped and the lock is held.
        #expect(first.waitForLog("pass finished", seconds: 60), "\(first.log)")
        #expect(first.isRunning)

        let second = try Daemon(arguments, log: setup.folder + "/second.log")
        defer { second.kill() }
        #expect(second.waitForExit(seconds: 60) == 1)
        #expect(
            second.log.contains(
                "filond: another filond run (pid \(first.pid)) is already working on \(setup.db); "
                    + "stop it first or use another --db"), "\(second.log)")

        first.terminate()
        #expect(first.waitForExit(seconds: 60) == 0, "\(first.log)")
    }

    /// A `filond` left running, its standard error in a file, ended by the test.
    final class Daemon {
        let process = Process()
        let logPath: String

        init(_ arguments: [String], log: String) throws {
            logPath = log
            guard FileManager.default.createFile(atPath: log, contents: nil) else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: log])
            }
            process.executableURL = URL(fileURLWithPath: try Binaries.path("filond"))
            process.arguments = arguments
            process.currentDirectoryURL = Binaries.root
            process.environment = ProcessInfo.processInfo.environment.merging(FilondRunTests.environment) { $1 }
            process.standardInput = FileHandle.nullDevice
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle(forWritingAtPath: log)
            try process.run()
        }

        var pid: Int32 { process.processIdentifier }
        var isRunning: Bool { process.isRunning }
        var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

        func terminate() { process.terminate() }

        /// Sends SIGKILL if it still runs, so a failed test leaves no daemon behind.
        func kill() {
            if process.isRunning { Foundation.kill(pid, SIGKILL) }
        }

        func waitForLog(_ text: String, seconds: Double) -> Bool {
            poll(seconds: seconds) { self.log.contains(text) || !self.process.isRunning } && log.contains(text)
        }

        /// The exit code, or nil when it still runs at the deadline (generous: the machine may be busy).
        func waitForExit(seconds: Double) -> Int32? {
            guard poll(seconds: seconds, { !self.process.isRunning }) else { return nil }
            return process.terminationReason == .exit ? process.terminationStatus : -process.terminationStatus
        }

        private func poll(seconds: Double, _ done: () -> Bool) -> Bool {
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                if done() { return true }
                Thread.sleep(forTimeInterval: 0.05)
            }
            return done()
        }
    }
}
