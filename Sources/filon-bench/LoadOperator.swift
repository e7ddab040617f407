import ArgumentParser
import FilonCore
import FilonTUI
import Foundation
import GRDB

/// `filon-bench load-operator` (hidden): one operator of `filon-bench load`, in a process of its
/// own, working the queue through `OperatorStore` as the operator screen does: take the next
/// prospect, read its card, add a note, sometimes plan a follow-up, record the call's outcome,
/// re-reading the card after each write (the screen reloads it). No think time. Every write and
/// card read is one line of its log.
struct LoadOperator: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load-operator", abstract: "One operator process of `filon-bench load`.", shouldDisplay: false)

    @Option var db: String
    @Option var user: Int
    @Option var login: String
    @Option var role: String
    @Option var worker: Int
    @Option(help: "CLOCK_MONOTONIC nanoseconds at which to start.")
    var startAt: UInt64
    @Option(help: "CLOCK_MONOTONIC nanoseconds after which no new prospect is taken.")
    var stopAt: UInt64
    @Option(help: "The CRM clock at the start, seconds since 1970 (inside the calling windows).")
    var clockBase: Double
    @Option(help: "Writes after which to stop (0: until --stop-at).")
    var actions = 0
    @Option(help: "Milliseconds between two writes.")
    var thinkMs = 0
    @Option var log: String

    /// The outcomes, in turn: recycled ones, a callback, final ones.
    static let dispositions: [Disposition] = [
        .noAnswer, .busy, .voicemail, .callback, .contact, .notInterested, .noAnswer, .interested,
    ]

    func run() throws {
        let out = try LoadLogWriter(path: log)
        defer { out.close() }
        let opened = LoadRecord.now()
        let database: AppDatabase
        do {
            database = try AppDatabase.open(path: db)
        } catch {
            let (result, text) = Self.classify(error)
            out.append(record(.open, 0, "", opened, result, text))
            throw ExitCode(3)
        }
        out.append(record(.open, 0, "", opened, .ok, ""))
        let clock = LoadClock()
        let session = OperatorSession.user(
            OperatorUser(id: user, login: login, name: login, role: UserRole(rawValue: role) ?? .telepro))
        let store = OperatorStore(
            database: database, session: session, calling: CallingSettings(), clock: { clock.now })
        while LoadRecord.now() < startAt { usleep(500) }

        var writes = 0
        var round = 0
        func write(_ kind: LoadRecord.Kind, _ siren: Int, _ detail: String, _ request: (Date) -> WriteRequest)
            -> WriteResult?
        {
            if thinkMs > 0 { usleep(UInt32(thinkMs) * 1000) }
            let now = Date(timeIntervalSince1970: clockBase + Double(LoadRecord.now() &- startAt) / 1e9)
            clock.now = now
            let made = request(now)
            let started = LoadRecord.now()
            writes += 1
            do {
                let result = try store.perform(made)
                let (outcome, text) = Self.describe(result, detail: detail, request: made)
                var served = siren
                if case .took(let item?) = result { served = item.siren }
                out.append(record(kind, served, Timestamp.string(now), started, outcome, text))
                return result
            } catch {
                let (result, text) = Self.classify(error)
                out.append(record(kind, siren, Timestamp.string(now), started, result, text))
                return nil
            }
        }
        func card(_ siren: Int) -> Int? {
            let started = LoadRecord.now()
            do {
                let detail = try store.detail(siren: siren)
                out.append(record(.card, siren, "", started, detail == nil ? .error : .ok, ""))
                return detail?.version
            } catch {
                let (result, text) = Self.classify(error)
                out.append(record(.card, siren, "", started, result, text))
                return nil
            }
        }

        while LoadRecord.now() < stopAt && (actions == 0 || writes < actions) {
            round += 1
            guard case .took(let item?) = write(.take, 0, "", { _ in .takeNext }) else {
                // Nothing due (or an error, logged): the screen would wait for the next poll.
                usleep(50_000)
                continue
            }
            let siren = item.siren
            var version = card(siren)
            let text = "load w\(worker) #\(round)"
            if case .done = write(
                .note, siren, text, { _ in .note(siren: siren, text: text, expectedVersion: version) })
            {
                version = card(siren)
            }
            if round % 3 == 0 {
                let due = { (now: Date) in now.addingTimeInterval(2 * 86_400) }
                if case .done = write(
                    .followUp, siren, "", { .followUp(siren: siren, at: due($0), expectedVersion: version) })
                {
                    version = card(siren)
                }
            }
            let disposition = Self.dispositions[round % Self.dispositions.count]
            let outcome = { (expected: Int?) in
                write(.outcome, siren, disposition.rawValue) { now in
                    .outcome(
                        siren: siren, disposition,
                        followUp: disposition.needsFollowUpDate ? now.addingTimeInterval(86_400) : nil, duration: 30,
                        expectedVersion: expected)
                }
            }
            // "Changed meanwhile" reloads the card; the operator presses the key again.
            if case .refused(_, changedMeanwhile: true) = outcome(version) { _ = outcome(card(siren)) }
        }
    }

    /// The database with a busy handler that polls the write lock every `pause` ms (± half) for
    /// the same 10 s as `busy_timeout`. SQLite's own handler backs off to 100 ms sleeps: under a
    /// steady stream of short writes from other processes a waiter keeps waking up to a taken lock
    /// and can run out of time although no one held it long. Here to measure the difference.
    private func record(
        _ kind: LoadRecord.Kind, _ siren: Int, _ stamp: String, _ started: UInt64, _ result: LoadRecord.Result,
        _ detail: String
    ) -> LoadRecord {
        LoadRecord(
            worker: worker, user: user, kind: kind, siren: siren, stamp: stamp, start: started, end: LoadRecord.now(),
            result: result, detail: detail)
    }

    /// The log's result and detail of a write the store answered: what the database must now hold
    /// (the note, the follow-up's date, the disposition and its callback date) or the refusal.
    static func describe(_ result: WriteResult, detail: String, request: WriteRequest) -> (LoadRecord.Result, String) {
        switch (result, request) {
        case (.refused(let reason, let changed), _): return (changed ? .changed : .refused, reason)
        case (.took(let item), _): return item.map { (.ok, $0.reason.rawValue) } ?? (.empty, "")
        case (_, .followUp(_, let at, _)): return (.ok, Timestamp.string(at))
        case (_, .outcome(_, let disposition, let followUp, _, _)):
            return (.ok, disposition.rawValue + (followUp.map { " " + Timestamp.string($0) } ?? ""))
        default: return (.ok, detail)
        }
    }

    /// A "database is locked" (SQLITE_BUSY, SQLITE_LOCKED, or the store's words for them) apart
    /// from every other failure.
    static func classify(_ error: any Error) -> (LoadRecord.Result, String) {
        if let error = error as? DatabaseError {
            let busy =
                error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED
                || (error.message ?? "").contains("database is locked")
            return (busy ? .busy : .error, "\(error.resultCode): \(error.message ?? "")")
        }
        if let error = error as? StoreError {
            if case .locked = error { return (.busy, error.description) }
            return (.error, error.description)
        }
        let text = "\(type(of: error)): \(error)"
        return (text.contains("database is locked") ? .busy : .error, text)
    }
}

/// The CRM clock the store reads, set before each write so that the log knows the exact stamp.
final class LoadClock: @unchecked Sendable {
    private let lock = NSLock()
    private var value = Date(timeIntervalSince1970: 0)

    var now: Date {
        get { lock.withLock { value } }
        set { lock.withLock { value = newValue } }
    }
}
