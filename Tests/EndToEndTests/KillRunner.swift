import Foundation
import GRDB

/// What the fault suites share: how many runs, the seeded random moments, a process killed with
/// SIGKILL, and the checks a database must pass after a crash.
///
/// `FILON_FAULT_RUNS=200` runs each suite 200 times instead of the CI's few; `FILON_FAULT_SEED=N`
/// replays a printed seed.
struct FaultPlan {
    let suite: String
    let runs: Int
    let seed: UInt64

    init(suite: String, ciRuns: Int, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.suite = suite
        runs = environment["FILON_FAULT_RUNS"].flatMap { Int($0) }.map { max(1, $0) } ?? ciRuns
        seed =
            environment["FILON_FAULT_SEED"].flatMap { UInt64($0) }
            ?? UInt64(Date().timeIntervalSince1970 * 1000) % 1_000_000_007
        print("fault suite \(suite): \(runs) runs, seed \(seed) (replay with FILON_FAULT_SEED=\(seed))")
    }
}

/// SplitMix64: small, and the same sequence on every platform for a given seed.
struct SeededRandom {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `range`.
    mutating func double(in range: ClosedRange<Double>) -> Double {
        range.lowerBound + Double(next() % 1_000_001) / 1_000_000 * (range.upperBound - range.lowerBound)
    }

    mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    mutating func chance(_ probability: Double) -> Bool { double(in: 0...1) < probability }
}

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
}

/// Reads the run journal of a database another process is importing into, to kill it at a step.
/// It opens the file only once WAL mode is on (the `-wal` file exists): a reader that came in
/// earlier could keep the importer from switching the new file to WAL.
final class JournalWatch {
    let path: String
    private var queue: DatabaseQueue?

    init(path: String) { self.path = path }

    /// Whether the import of `kind` has committed `rows` rows and is still running: it is then
    /// in the steps after the rows (indexes, head-office addresses, suppression list, journal).
    func rowsIn(kind: String, rows: Int) -> Bool {
        do {
            if queue == nil {
                guard FileManager.default.fileExists(atPath: path + "-wal") else { return false }
                var configuration = Configuration()
                configuration.readonly = true
                queue = try DatabaseQueue(path: path, configuration: configuration)
            }
            return try queue!.read { db in
                try Bool.fetchOne(
                    db,
                    sql: """
                        SELECT EXISTS (SELECT 1 FROM run WHERE kind = ? AND status = 'running' AND rows_read >= ?)
                        """, arguments: [kind, rows]) ?? false
            }
        } catch {
            // The schema is not there yet, or the file is busy for a moment: ask again.
            return false
        }
    }

    func close() {
        try? queue?.close()
        queue = nil
    }
}

/// Counts of kill points by where they landed, for the summary line.
struct KillTally {
    private(set) var counts: [String: Int] = [:]
    private(set) var order: [String] = []

    mutating func add(_ label: String) {
        if counts[label] == nil { order.append(label) }
        counts[label, default: 0] += 1
    }

    var total: Int { counts.values.reduce(0, +) }
    var line: String { order.map { "\($0) \(counts[$0]!)" }.joined(separator: ", ") }
}
