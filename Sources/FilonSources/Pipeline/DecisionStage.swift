import FilonCore
import Foundation
import GRDB
import Logging

/// The last stage of a pass, after detection and enrichment: score and route what changed, give
/// every workable prospect an owner, share the callbacks left overdue, count what needs a person,
/// and bring the search index up to date. Each step is journaled as a run (`scoring`,
/// `assignment`, `search`) with its volumes.
struct DecisionStage: Sendable {
    let database: AppDatabase
    let config: FilonConfig
    let logger: Logger
    let now: Date

    /// One line per step, for `filond run --once`, and whether a step failed.
    func run() async -> (lines: [String], failed: Bool) {
        var lines: [String] = []
        var failed = false
        let (scoringSettings, callingSettings, now) = (config.scoring, config.calling, now)
        let database = database
        await step("scoring", kind: "score", &lines, &failed) {
            let summary = try ScoringJob(database: database, settings: scoringSettings, now: now).run()
            var counts = RunCounts()
            (counts.read, counts.new, counts.changed) = (summary.scored, summary.created, summary.changed)
            counts.unchanged = summary.scored - summary.created - summary.changed
            return (counts, summary.description)
        }
        await step("assignment", kind: "assign", &lines, &failed) {
            try await database.writer.write { db in
                let summary = try AssignmentEngine(now: now).assignUnowned(db)
                let watch = FollowUpWatch(settings: callingSettings, now: now)
                let shared = try watch.shareOverdueCallbacks(db)
                let alerts = try watch.alerts(db)
                var counts = RunCounts()
                counts.new = summary.assigned
                var message = "\(summary.assigned) prospects assigned"
                if !summary.byUser.isEmpty {
                    message +=
                        " ("
                        + summary.byUser.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
                        .joined(separator: ", ") + ")"
                }
                for (role, count) in summary.waiting.sorted(by: { $0.key < $1.key }) {
                    message += "; \(count) wait for an available \(role): add or enable one (filon users)"
                }
                message += "; \(shared) overdue callbacks shared; \(alerts.count) alerts"
                return (counts, message)
            }
        }
        await step("search", kind: "index", &lines, &failed) {
            let indexed = try SearchIndex().refresh(database.writer)
            var counts = RunCounts()
            counts.changed = indexed
            return (counts, "\(indexed) companies indexed for search")
        }
        return (lines, failed)
    }

    /// Runs one journaled step; a failure is journaled and logged, and the next step still runs.
    private func step(
        _ source: String, kind: String, _ lines: inout [String], _ failed: inout Bool,
        _ body: @Sendable () async throws -> (RunCounts, String)
    ) async {
        let journal = RunJournal()
        do {
            let run = try await database.writer.write { db in
                try journal.start(db, source: source, kind: kind, target: nil, at: Date())
            }
            do {
                let (counts, message) = try await body()
                try await database.writer.write { db in
                    try journal.finish(db, run: run, status: .ok, counts: counts, message: message, at: Date())
                }
                logger.info("\(source): \(message)")
                lines.append("\(source): ok, \(message) (run \(run))")
            } catch {
                try? await database.writer.write { db in
                    try journal.close(db, run: run, status: .failed, message: database.explain(error), at: Date())
                }
                logger.error("\(source): \(database.explain(error))")
                lines.append("\(source): failed — \(database.explain(error)) (run \(run))")
                failed = true
            }
        } catch {
            logger.error("\(source): cannot write the run journal: \(database.explain(error))")
            lines.append("\(source): failed — \(database.explain(error))")
            failed = true
        }
    }
}
