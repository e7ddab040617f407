import FilonCore
import FilonSources
import Foundation
import Logging
import ServiceLifecycle

/// `filond run` as a swift-service-lifecycle service: detection passes on the schedule (or one
/// pass), until graceful shutdown. Shutdown during a pass asks it to stop, so it commits what it
/// holds with its cursor and the next run goes on from there; during the wait it ends the wait.
struct DaemonService: Service {
    enum Mode: Sendable {
        case once
        case scheduled(Schedule)
    }

    let pass: DetectionPass
    let mode: Mode
    let logger: Logger
    /// The last pass's report, for `--once`'s summary and exit code once the group has finished.
    let lastReport = SharedSlot<PassReport>()

    func run() async throws {
        switch mode {
        case .once:
            let (report, seconds) = await runPass()
            logger.info("\(Self.totals(report, seconds: seconds))")
            lastReport.set(report)
        case .scheduled(let schedule):
            await runOnSchedule(schedule)
        }
    }

    private func runOnSchedule(_ schedule: Schedule) async {
        var next = schedule.nextRun(after: Date(), lastStart: nil)
        logger.info("filond run: schedule \(schedule), first pass at \(Self.stamp(next))")
        while await sleep(until: next) {
            let started = Date()
            let (report, seconds) = await runPass()
            lastReport.set(report)
            if report.stopped || Task.isShuttingDownGracefully || Task.isCancelled {
                logger.info("\(Self.totals(report, seconds: seconds)); stopping")
                return
            }
            next = schedule.nextRun(after: Date(), lastStart: started)
            logger.info("\(Self.totals(report, seconds: seconds)); next pass at \(Self.stamp(next))")
        }
        logger.info("filond run: stopping before the next pass")
    }

    /// One pass, asked to stop on graceful shutdown or cancellation.
    private func runPass() async -> (PassReport, seconds: Double) {
        logger.info("pass started")
        let stop = StopSignal()
        let clock = ContinuousClock()
        let started = clock.now
        let report = await withTaskCancellationOrGracefulShutdownHandler {
            await pass.run(stop: stop)
        } onCancelOrGracefulShutdown: {
            stop.request()
        }
        // Each source logs its own outcome: only the totals are left to say.
        let elapsed = (clock.now - started).components
        return (report, Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18)
    }

    /// Sleeps until `date` by the wall clock; false when shutdown came first. It wakes at least
    /// every minute to look at the clock again, so a clock change or a suspended machine does not
    /// push a daily pass hours late.
    private func sleep(until date: Date) async -> Bool {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let left = date.timeIntervalSinceNow
            if left <= 0 { return true }
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(min(left, 60))) }
            } catch {
                return false
            }
        }
        return false
    }

    /// One source's outcome on one line, for `--once`'s output.
    static func line(_ outcome: PassReport.SourceOutcome) -> String {
        let c = outcome.counts
        // An enrichment turn counts answers: found (new), not found (unchanged), failed, skipped.
        let volumes =
            outcome.source.isEnrichment
            ? "\(c.new) found, \(c.unchanged) not found, \(c.rejected) failed, \(c.filtered) skipped"
            : "\(c.new) new, \(c.changed) changed, \(c.unchanged) unchanged"
        return "\(outcome.source.rawValue): \(outcome.status.rawValue), \(volumes), \(outcome.requests) requests"
            + (outcome.run.map { " (run \($0))" } ?? "") + (outcome.message.map { " — \($0)" } ?? "")
    }

    static func totals(_ report: PassReport, seconds: Double) -> String {
        let counts = report.sources.reduce(RunCounts()) { $0 + $1.counts }
        let failed = report.sources.filter { $0.status == .failed }.count
        return "pass \(report.stopped ? "stopped" : "finished") in \(String(format: "%.1f", seconds)) s: "
            + "\(report.sources.count) sources, \(failed) failed, \(counts.new) new, \(counts.changed) changed, "
            + "\(counts.unchanged) unchanged, \(report.sources.reduce(0) { $0 + $1.requests }) requests"
    }

    /// Local time with its offset: the schedule is written in local time.
    static func stamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: .current))
    }
}

/// A value one task sets and another reads after it has finished.
final class SharedSlot<Value: Sendable>: Sendable {
    private let lock = NSLock()
    nonisolated(unsafe) private var stored: Value?

    init() {}

    func set(_ value: Value) { lock.withLock { stored = value } }

    var value: Value? { lock.withLock { stored } }
}
