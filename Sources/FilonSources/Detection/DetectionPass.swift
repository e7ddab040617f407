import FilonCore
import Foundation
import Logging

/// One pass of the daemon: the detection sources, new companies first, the enrichment stage
/// over what they found or changed, then scoring, routing and assignment, then the email outbox.
/// Each source runs in turn, journals its own run and keeps its watermark in the database; a
/// failing source is journaled and the pass goes on.
public struct DetectionPass: Sendable {
    public let database: AppDatabase
    public let config: FilonConfig
    public let logger: Logger
    /// Per-request limits; tests shorten them.
    public var policy: @Sendable (ProviderID) -> HTTPPolicy

    /// In pass order: the monthly stock, the INSEE delta (new units first), legal notices and
    /// directors, then the free per-company refresh of what changed.
    static let sources: [any DetectionSource] = [
        SireneStockSource(), SireneAPISource(), BodaccSource(), RNESource(), RechercheEntreprisesSource(),
    ]

    /// Seconds a source has after a stop request to reach its next checkpoint by itself; then
    /// its request in flight or its wait (rate limit, retry) is cancelled.
    public var stopGrace: Double = 5

    public init(database: AppDatabase, config: FilonConfig, logger: Logger) {
        self.database = database
        self.config = config
        self.logger = logger
        policy = { id in HTTPPolicy(ratePerMinute: ProviderDefaults.ratePerMinute(id)) }
    }

    public func run(stop: StopSignal) async -> PassReport {
        var report = PassReport()
        // Runs a killed process left "running" (SIGKILL, a power cut) are closed once a pass,
        // whichever steps run: each source closes them too, but a pass may have none enabled.
        do {
            try await database.writer.write { db in
                try RunJournal().closeAbandonedRuns(db, at: Date(), isAlive: SireneImporter.processIsAlive)
            }
        } catch {
            logger.error("cannot close the runs of a stopped process in the journal: \(database.explain(error))")
        }
        for source in Self.sources {
            if stop.isRequested { break }
            guard let outcome = await runSource(source, stop: stop) else { continue }
            report.sources.append(outcome)
        }
        if !stop.isRequested {
            var stage = EnrichmentStage(database: database, config: config, logger: logger)
            stage.policy = policy
            report.sources += await stage.run(stop: stop)
        }
        if !stop.isRequested {
            (report.decisions, report.decisionFailed) = await DecisionStage(
                database: database, config: config, logger: logger, now: Date()
            ).run()
        }
        if !stop.isRequested {
            let email = await OutboxStage(database: database, settings: config.mail, logger: logger).run(stop: stop)
            report.decisions.append(email.line)
            report.decisionFailed = report.decisionFailed || email.failed
        }
        report.stopped = stop.isRequested
        return report
    }

    /// Whether a source takes part: `enabled` when set, else on unless it needs a key it lacks.
    func isEnabled(_ id: ProviderID) -> Bool {
        let settings = config.providers[id] ?? ProviderSettings()
        if let enabled = settings.enabled { return enabled }
        if ProviderDefaults.needsKey(id) { return settings.apiKey?.isEmpty == false }
        if id == .sireneStock {
            // With a creation-date filter the API's creations query finds every wanted unit:
            // 2 GB a month would bring nothing more.
            return !(config.importFilter.createdAfter != nil && isEnabled(.sireneAPI))
        }
        return true
    }

    private func runSource(_ source: any DetectionSource, stop: StopSignal) async -> PassReport.SourceOutcome? {
        let id = source.id
        guard isEnabled(id) else { return nil }
        let settings = config.providers[id] ?? ProviderSettings()
        var policy = policy(id)
        if let rate = settings.ratePerMinute { policy.ratePerMinute = rate }
        let client = HTTPClient(provider: id.rawValue, policy: policy, logger: logger)
        let started = Date()
        let journal = RunJournal()
        let runID: Int
        do {
            runID = try await database.writer.write { db in
                try journal.closeAbandonedRuns(db, at: started, isAlive: SireneImporter.processIsAlive)
                return try journal.start(
                    db, source: id.rawValue, kind: "pass", target: settings.baseURL ?? ProviderDefaults.baseURL(id),
                    at: started)
            }
        } catch {
            logger.error("\(id.rawValue): cannot write the run journal: \(database.explain(error))")
            return PassReport.SourceOutcome(
                source: id, run: nil, status: .failed, counts: RunCounts(), requests: 0,
                message: database.explain(error))
        }
        let run = SourceRun(
            id: id, database: database, settings: settings, filter: config.importFilter, client: client, run: runID,
            startedAt: started, stop: stop, logger: logger)
        logger.info("\(id.rawValue): pass started")
        var status = RunRecord.Status.ok
        var message: String?
        do {
            if ProviderDefaults.needsKey(id) && run.apiKey == nil {
                throw DetectionError.missingKey(id)
            }
            run.watermarkBefore = try run.state().watermark
            try await runUntilStopped(source, run, stop: stop)
            if stop.isRequested {
                status = .interrupted
                message = "stopped on request; the next pass goes on from the saved cursor"
            }
        } catch let error as HTTPError {
            status = .failed
            if case .unauthorized = error {
                message = "disabled for this pass: \(error)"
            } else {
                message = database.explain(error)
            }
        } catch is CancellationError {
            status = .interrupted
            message = "stopped on request; the next pass goes on from the saved cursor"
        } catch {
            status = .failed
            message = database.explain(error)
        }
        // Items the source could not use, and the error that stopped it if one did.
        let errors = run.counts.rejected + (status == .failed ? 1 : 0)
        if run.counts.rejected > 0 && status == .ok {
            message = "\(run.counts.rejected) item(s) could not be used: see filond status"
        }
        let requests = client.requestCount
        let counts = run.counts
        let (finalStatus, finalMessage) = (status, message)
        do {
            try await database.writer.write { db in
                try journal.recordSourceProgress(
                    db, run: runID, requests: requests, errors: errors, watermarkBefore: run.watermarkBefore,
                    watermarkAfter: run.watermarkAfter ?? run.watermarkBefore)
                try journal.finish(
                    db, run: runID, status: finalStatus, counts: counts, message: finalMessage, at: Date())
                // Whatever the source said, a suppressed company stays "ne plus contacter" (R7).
                try SuppressionList().reapply(db)
            }
        } catch {
            logger.error("\(id.rawValue): cannot close its run: \(database.explain(error))")
        }
        let level: Logger.Level = status == .failed ? .error : .info
        logger.log(
            level: level,
            "\(id.rawValue): \(status.rawValue), \(counts.new) new, \(counts.changed) changed, \(counts.unchanged) unchanged, \(requests) requests\(message.map { " — \($0)" } ?? "")"
        )
        return PassReport.SourceOutcome(
            source: id, run: runID, status: status, counts: counts, requests: requests, message: message)
    }

    /// Runs a source; once a stop is requested it has `stopGrace` seconds before it is cancelled.
    /// What it committed stays: every page is stored with its cursor.
    private func runUntilStopped(_ source: any DetectionSource, _ run: SourceRun, stop: StopSignal) async throws {
        let grace = stopGrace
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await source.run(run) }
            group.addTask {
                while !stop.isRequested { try await Task.sleep(for: .milliseconds(100)) }
                try await Task.sleep(for: .seconds(grace))
                throw CancellationError()
            }
            try await group.next()
            group.cancelAll()
        }
    }
}
