import FilonCore
import Foundation
import GRDB
import Logging

/// One source's share of a pass: its settings and HTTP client, its row in the run journal, and
/// the counts it accumulates. Used by one task at a time.
final class SourceRun: @unchecked Sendable {
    let id: ProviderID
    let database: AppDatabase
    let settings: ProviderSettings
    let filter: ImportFilterSettings
    let client: HTTPClient
    let baseURL: String
    let run: Int
    let startedAt: Date
    let now: String
    let stop: StopSignal
    let logger: Logger

    var counts = RunCounts()
    var watermarkBefore: String?
    var watermarkAfter: String?
    private var issuesRecorded = 0

    init(
        id: ProviderID, database: AppDatabase, settings: ProviderSettings, filter: ImportFilterSettings,
        client: HTTPClient, run: Int, startedAt: Date, stop: StopSignal, logger: Logger
    ) {
        self.id = id
        self.database = database
        self.settings = settings
        self.filter = filter
        self.client = client
        baseURL = settings.baseURL ?? ProviderDefaults.baseURL(id)
        self.run = run
        self.startedAt = startedAt
        now = Timestamp.string(startedAt)
        self.stop = stop
        self.logger = logger
    }

    var apiKey: String? { settings.apiKey.flatMap { $0.isEmpty ? nil : $0 } }

    /// The day the pass started (UTC), the watermark a finished pass leaves.
    var today: String { String(now.prefix(10)) }

    func merger() -> CompanyMerger { CompanyMerger(source: id, run: run, now: now, filter: filter) }

    func count(_ outcome: CompanyMerger.Outcome) {
        counts.read += 1
        switch outcome {
        case .new: counts.new += 1
        case .changed: counts.changed += 1
        case .unchanged: counts.unchanged += 1
        case .outOfScope: counts.filtered += 1
        }
    }

    /// An item the source could not use: journaled with where it was, and the pass goes on.
    func reject(_ message: String) throws {
        counts.rejected += 1
        logger.warning("\(id.rawValue): \(message)")
        let recorded = issuesRecorded
        try database.writer.write { db in
            try RunJournal().recordIssue(db, run: run, line: nil, message: message, alreadyRecorded: recorded)
        }
        issuesRecorded += 1
    }

    /// Applies observations in one transaction together with the source's new state, so that a
    /// kill leaves either both or neither.
    func store(_ observations: [CompanyObservation], state: SourceState) throws {
        let merger = merger()
        let outcomes = try database.writer.write { db in
            let outcomes = try observations.map { try merger.apply($0, db) }
            try state.save(db, source: id, at: now)
            return outcomes
        }
        outcomes.forEach(count)
    }

    func state() throws -> SourceState { try database.writer.read { try SourceState.load($0, source: id) } }

    func save(_ state: SourceState) throws {
        try database.writer.write { try state.save($0, source: id, at: now) }
    }

    /// `YYYY-MM-DD` of a day offset from the pass's day.
    func day(offset days: Int) -> String {
        String(Timestamp.string(startedAt.addingTimeInterval(Double(days) * 86_400)).prefix(10))
    }
}
