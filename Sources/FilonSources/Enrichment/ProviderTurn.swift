import FilonCore
import Foundation
import GRDB
import Logging

/// One provider's turn in the enrichment stage: it decides which companies it asks, asks them in
/// batches, stores each answer in its own transaction, and journals the turn as one run with the
/// reasons for every company it skipped.
struct ProviderTurn {
    let provider: any EnrichmentProvider
    let settings: ProviderSettings
    let client: HTTPClient
    let database: AppDatabase
    let logger: Logger
    let stop: StopSignal
    let forced: Bool
    let now: Date

    var id: ProviderID { provider.id }

    /// Why a company was not asked, as the journal words it.
    enum Skip: String, CaseIterable {
        case noKey = "no key"
        case belowScore = "score below min_score"
        case fresh = "answer still fresh"
        case retryLater = "waiting to retry after a failure"
        case noWebsite = "no website to audit"
        case budget = "daily budget spent"
        case noCredits = "no credits left today"
        case providerFailed = "provider failed this pass"
        case gone = "company no longer stored"
        case suppressed = "company on the suppression list"
    }

    func run(_ sirens: [Int]) async -> PassReport.SourceOutcome? {
        let journal = RunJournal()
        let store: EnrichmentStore
        let runID: Int
        do {
            runID = try await database.writer.write { db in
                // A turn killed earlier (SIGKILL, a power cut) left its run "running"; `filond enrich`
                // and a pass without detection sources would otherwise never close it.
                try journal.closeAbandonedRuns(db, at: now, isAlive: SireneImporter.processIsAlive)
                return try journal.start(db, source: id.rawValue, kind: "enrich", target: nil, at: now)
            }
            store = EnrichmentStore(provider: id, run: runID, now: now)
        } catch {
            logger.error("\(id.rawValue): cannot write the run journal: \(database.explain(error))")
            return nil
        }
        var counts = RunCounts()
        var skipped: [Skip: Int] = [:]
        var status = RunRecord.Status.ok
        var message: String?
        let apiKey = settings.apiKey.flatMap { $0.isEmpty ? nil : $0 }
        let call = ProviderCall(
            client: client, baseURL: settings.baseURL ?? ProviderDefaults.baseURL(id), apiKey: apiKey,
            settings: settings, logger: logger, stop: stop)
        let startRequests = client.requestCount
        var due: [CompanyProfile] = []
        do {
            if ProviderDefaults.needsKey(id) && apiKey == nil {
                skipped[.noKey] = sirens.count
            } else {
                for siren in sirens {
                    let decision = try await decide(siren)
                    switch decision {
                    case .ask(let profile): due.append(profile)
                    case .skip(let reason): skipped[reason, default: 0] += 1
                    }
                }
            }
            var index = 0
            var failuresInARow = 0
            while index < due.count {
                if stop.isRequested { break }
                let budgetLeft = try await creditsLeft()
                let perCompany = max(provider.maxCredits(settings), 0)
                var size = min(provider.batchSize, due.count - index)
                if let budgetLeft {
                    let affordable = perCompany == 0 ? budgetLeft : budgetLeft / perCompany
                    if affordable <= 0 {
                        skipped[try await exhausted() ? .noCredits : .budget, default: 0] += due.count - index
                        break
                    }
                    size = min(size, affordable)
                }
                let batch = Array(due[index..<(index + size)])
                index += size
                do {
                    let answers = try await provider.enrich(batch, call)
                    failuresInARow = 0
                    for profile in batch {
                        let result = answers[profile.siren] ?? .notFound()
                        try await database.writer.write { db in
                            _ = try store.store(result, siren: profile.siren, timeToLive: provider.timeToLive, db)
                        }
                        counts.read += 1
                        if result.found { counts.new += 1 } else { counts.unchanged += 1 }
                    }
                } catch let error as EnrichmentError {
                    if case .outOfCredits = error {
                        try await database.writer.write { try store.markExhausted($0) }
                        skipped[.noCredits, default: 0] += due.count - index + batch.count
                        message = database.explain(error)
                        break
                    }
                    try await recordFailure(batch, store: store, message: database.explain(error))
                    counts.rejected += batch.count
                } catch let error as HTTPError {
                    if case .unauthorized = error {
                        status = .failed
                        message = "disabled for this pass: \(error)"
                        skipped[.providerFailed, default: 0] += due.count - index + batch.count
                        break
                    }
                    try await recordFailure(batch, store: store, message: database.explain(error))
                    counts.rejected += batch.count
                    failuresInARow += 1
                    message = database.explain(error)
                    // A provider that keeps failing is left alone until the next pass.
                    if failuresInARow >= 3 {
                        status = .failed
                        skipped[.providerFailed, default: 0] += due.count - index
                        break
                    }
                }
            }
        } catch is CancellationError {
            status = .interrupted
        } catch {
            status = .failed
            message = database.explain(error)
        }
        counts.filtered = skipped.values.reduce(0, +)
        let requests = client.requestCount - startRequests
        let reasons = Skip.allCases.compactMap { reason in skipped[reason].map { "\($0) skipped: \(reason.rawValue)" } }
        let summary = ([message].compactMap { $0 } + reasons).joined(separator: "; ")
        let (finalStatus, finalCounts) = (status, counts)
        do {
            try await database.writer.write { db in
                try store.spend(requests: requests, db)
                try journal.recordSourceProgress(
                    db, run: runID, requests: requests, errors: finalCounts.rejected, watermarkBefore: nil,
                    watermarkAfter: nil)
                try journal.finish(
                    db, run: runID, status: finalStatus, counts: finalCounts, message: summary.isEmpty ? nil : summary,
                    at: Date())
            }
        } catch {
            logger.error("\(id.rawValue): cannot close its run: \(database.explain(error))")
        }
        logger.info(
            "\(id.rawValue): \(counts.new) found, \(counts.unchanged) not found, \(counts.rejected) failed, \(requests) requests\(summary.isEmpty ? "" : " — \(summary)")"
        )
        return PassReport.SourceOutcome(
            source: id, run: runID, status: status, counts: counts, requests: requests,
            message: summary.isEmpty ? nil : summary)
    }

    enum Decision {
        case ask(CompanyProfile)
        case skip(Skip)
    }

    /// Whether this provider should be asked about this company now, and if not, why.
    private func decide(_ siren: Int) async throws -> Decision {
        let (providerID, stamp, forced) = (id.rawValue, Timestamp.string(now), forced)
        let minScore = settings.minScore ?? 0
        let paid = provider.maxCredits(settings) > 0
        return try await database.writer.read { db -> Decision in
            guard let profile = try CompanyProfile.load(siren: siren, db) else { return .skip(.gone) }
            // No paid request about a company that objected, even one named by `filond enrich`.
            if paid, try SuppressionList.contains(siren: siren, db) { return .skip(.suppressed) }
            let fetch = try Row.fetchOne(
                db,
                sql: """
                    SELECT f.expires_at, f.retry_at, f.fetched_at,
                      EXISTS (SELECT 1 FROM change_event e WHERE e.siren = f.siren AND e.detected_at > f.fetched_at)
                        AS changed,
                      a.url AS audited_url
                    FROM provider_fetch f LEFT JOIN website_audit a ON a.siren = f.siren
                    WHERE f.provider = ? AND f.siren = ?
                    """, arguments: [providerID, siren])
            if providerID == ProviderID.websiteAudit.rawValue {
                guard let site = profile.websites.first else { return .skip(.noWebsite) }
                // The audit follows the site: a new one found by a later provider is audited at once.
                if !forced, let fetch, (fetch["audited_url"] as String?) == site,
                    (fetch["expires_at"] as String?).map({ $0 > stamp }) == true
                {
                    return .skip(.fresh)
                }
                return .ask(profile)
            }
            if !forced && profile.score < minScore { return .skip(.belowScore) }
            if let fetch, !forced {
                if let retry = fetch["retry_at"] as String?, retry > stamp { return .skip(.retryLater) }
                if let expires = fetch["expires_at"] as String?, expires > stamp, !(fetch["changed"] as Bool) {
                    return .skip(.fresh)
                }
            }
            return .ask(profile)
        }
    }

    /// Credits (companies, for a free provider) left today under `daily_budget`; nil without one.
    private func creditsLeft() async throws -> Int? {
        guard let budget = settings.dailyBudget else {
            return try await exhausted() ? 0 : nil
        }
        let (providerID, day) = (id.rawValue, String(Timestamp.string(now).prefix(10)))
        let free = provider.maxCredits(settings) == 0
        let row = try database.writer.read { db in
            try Row.fetchOne(
                db, sql: "SELECT credits, companies, exhausted_at FROM provider_spend WHERE provider = ? AND day = ?",
                arguments: [providerID, day])
        }
        if (row?["exhausted_at"] as String?) != nil { return 0 }
        let used: Int = (free ? row?["companies"] : row?["credits"]) ?? 0
        return max(budget - used, 0)
    }

    private func exhausted() async throws -> Bool {
        let (providerID, day) = (id.rawValue, String(Timestamp.string(now).prefix(10)))
        return try await database.writer.read { db in
            try Bool.fetchOne(
                db,
                sql: "SELECT exhausted_at IS NOT NULL FROM provider_spend WHERE provider = ? AND day = ?",
                arguments: [providerID, day]) ?? false
        }
    }

    private func recordFailure(_ batch: [CompanyProfile], store: EnrichmentStore, message: String) async throws {
        logger.warning("\(id.rawValue): \(message)")
        try await database.writer.write { db in
            for profile in batch { try store.recordFailure(siren: profile.siren, message: message, db) }
        }
    }
}
