import Foundation
import GRDB
import TestSupport
import Testing

/// A binary run with no standard input whose death the test decides.
enum KillRunner {
    enum Ending: Equatable, CustomStringConvertible {
        case exit(Int32)
        case killed

        var description: String {
            switch self {
            case .exit(let code): return "exited \(code)"
            case .killed: return "killed"
            }
        }
    }

    /// Starts `name`; `started` gets the pid (to hand to a fake server that kills on a request);
    /// with `killAfter`, sends SIGKILL that many seconds after the start unless it already ended;
    /// with `killWhen`, as soon as the condition holds (polled every 2 ms).
    static func run(
        _ name: String, _ arguments: [String], environment: [String: String] = [:], killAfter seconds: Double? = nil,
        killWhen condition: (() -> Bool)? = nil, started: (pid_t) -> Void = { _ in }
    ) throws -> Ending {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try Binaries.path(name))
        process.arguments = arguments
        process.currentDirectoryURL = Binaries.root
        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { $1 }
        process.environment = env
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let ended = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in ended.signal() }
        try process.run()
        started(process.processIdentifier)
        if let condition {
            while ended.wait(timeout: .now() + 0.002) == .timedOut {
                if condition() {
                    kill(process.processIdentifier, SIGKILL)
                    ended.wait()
                    break
                }
            }
        } else if let seconds {
            // Killed at the moment unless it finished first; the wait itself is not what is tested.
            if ended.wait(timeout: .now() + seconds) == .timedOut {
                kill(process.processIdentifier, SIGKILL)
                ended.wait()
            }
        } else {
            ended.wait()
        }
        process.waitUntilExit()
        return process.terminationReason == .uncaughtSignal ? .killed : .exit(process.terminationStatus)
    }

    /// Copies a database with its WAL and shared memory, as a crash left them.
    static func copyDatabase(_ source: String, to destination: String) throws {
        for suffix in ["", "-wal", "-shm"] {
            try? FileManager.default.removeItem(atPath: destination + suffix)
            if FileManager.default.fileExists(atPath: source + suffix) {
                try FileManager.default.copyItem(atPath: source + suffix, toPath: destination + suffix)
            }
        }
    }

    static func removeDatabase(_ path: String) {
        for suffix in ["", "-wal", "-shm", ".lock"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    /// `PRAGMA integrity_check` and `PRAGMA foreign_key_check`, on a copy so that the check
    /// itself writes nothing where the fault happened (the WAL is recovered in the copy).
    static func consistency(of path: String) throws -> [String] {
        let copy = NSTemporaryDirectory() + "filon-check-" + UUID().uuidString + ".sqlite"
        try copyDatabase(path, to: copy)
        defer { removeDatabase(copy) }
        let queue = try DatabaseQueue(path: copy)
        defer { try? queue.close() }
        return try queue.read { db in
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
            let foreignKeys = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").map { "foreign key: \($0)" }
            return (integrity == ["ok"] ? [] : integrity) + foreignKeys
        }
    }

    /// One value from a copy of the database (as it is after a crash), read without recovery writes
    /// reaching the original.
    static func inspect<T>(_ path: String, _ read: (Database) throws -> T) throws -> T {
        let copy = NSTemporaryDirectory() + "filon-inspect-" + UUID().uuidString + ".sqlite"
        try copyDatabase(path, to: copy)
        defer { removeDatabase(copy) }
        let queue = try DatabaseQueue(path: copy)
        defer { try? queue.close() }
        return try queue.read(read)
    }

    /// Runs the killed command again to its end, then checks the database: consistent, equal to
    /// the uninterrupted run, no run left "running". Each problem is recorded under `label`;
    /// returns whether all held.
    static func rerunAndCompare(
        _ label: String, db: String, expected: Snapshot, rerun: () throws -> Binaries.Result
    ) throws -> Bool {
        let result = try rerun()
        #expect(result.status == 0, "\(label): \(result.stdout)\n\(result.stderr)")
        let problems = try consistency(of: db)
        #expect(problems.isEmpty, "\(label), at the end: \(problems)")
        let difference = try Snapshot(path: db).difference(from: expected)
        #expect(difference.isEmpty, "\(label): \(difference)")
        // Every killed run is closed in the journal, none is left "running".
        let running = try inspect(db) {
            try String.fetchAll($0, sql: "SELECT source || ' ' || kind FROM run WHERE status = 'running'")
        }
        #expect(running.isEmpty, "\(label): runs left running: \(running)")
        return result.status == 0 && problems.isEmpty && difference.isEmpty && running.isEmpty
    }
}
