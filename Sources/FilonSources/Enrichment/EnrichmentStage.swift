import FilonCore
import Foundation
import GRDB
import Logging

/// The enrichment stage of a pass: for the companies that are new or changed (or the ones named
/// by `filond enrich`), providers run from cheapest to dearest. A provider is skipped for a
/// company when it has no key, when the company's score is under its `min_score`, when its answer
/// is still fresh (no change event since and not expired), when an earlier failure waits for its
/// retry time, or when its daily budget is spent; its run in the journal says how many and why.
public struct EnrichmentStage: Sendable {
    public let database: AppDatabase
    public let config: FilonConfig
    public let logger: Logger
    public var policy: @Sendable (ProviderID) -> HTTPPolicy
    public var now: @Sendable () -> Date = { Date() }

    /// Free first, then paid; the audit comes again last for sites that paid providers found.
    static let allProviders: [any EnrichmentProvider] = [
        NominatimProvider(), OverpassProvider(), WebsiteAuditProvider(), GooglePlacesProvider(), PappersProvider(),
        SocieteComProvider(), DropcontactProvider(), KasprProvider(), ClearbitProvider(), WebsiteAuditProvider(),
    ]
    /// The providers in the order they run (tests narrow it).
    var providers: [any EnrichmentProvider] = Self.allProviders

    public init(database: AppDatabase, config: FilonConfig, logger: Logger) {
        self.database = database
        self.config = config
        self.logger = logger
        policy = { id in HTTPPolicy(ratePerMinute: ProviderDefaults.ratePerMinute(id)) }
    }

    /// What to enrich: the due companies, or these SIRENs whatever their score and cache (budgets
    /// still apply), with every provider or one.
    public struct Request: Sendable {
        public var sirens: [Int]?
        public var provider: ProviderID?
        public init(sirens: [Int]? = nil, provider: ProviderID? = nil) {
            self.sirens = sirens
            self.provider = provider
        }
        var forced: Bool { sirens != nil }
    }

    public func run(_ request: Request = Request(), stop: StopSignal) async -> [PassReport.SourceOutcome] {
        let sirens: [Int]
        do {
            sirens = try request.sirens ?? dueCompanies()
        } catch {
            logger.error("enrichment: cannot read the companies to enrich: \(database.explain(error))")
            return []
        }
        guard !sirens.isEmpty else { return [] }
        var outcomes: [PassReport.SourceOutcome] = []
        // One client per provider for the whole stage: the rate holds across the audit's two turns.
        var clients: [ProviderID: HTTPClient] = [:]
        for provider in providers where request.provider == nil || request.provider == provider.id {
            if stop.isRequested { break }
            let id = provider.id
            let settings = config.providers[id] ?? ProviderSettings()
            if settings.enabled == false { continue }
            var policy = policy(id)
            if let rate = settings.ratePerMinute { policy.ratePerMinute = rate }
            let client = clients[id] ?? HTTPClient(provider: id.rawValue, policy: policy, logger: logger)
            clients[id] = client
            let turn = ProviderTurn(
                provider: provider, settings: settings, client: client, database: database, logger: logger,
                stop: stop, forced: request.forced, now: now())
            if let outcome = await turn.run(sirens) { outcomes.append(outcome) }
        }
        do {
            try await markEnriched(sirens)
        } catch {
            logger.error("enrichment: cannot record which companies were enriched: \(database.explain(error))")
        }
        return outcomes
    }

    /// Active, prospectable companies that changed since they were last enriched, newest first.
    func dueCompanies() throws -> [Int] {
        try database.writer.read { db in
            try Int.fetchAll(
                db,
                sql: """
                    SELECT c.siren FROM company c
                    LEFT JOIN prospect p ON p.siren = c.siren
                    LEFT JOIN enrichment_state e ON e.siren = c.siren
                    WHERE c.state = 'A' AND NOT (c.diffusion = 'P' AND c.legal_form IS '1000')
                      AND COALESCE(p.do_not_contact, 0) = 0 AND p.archived_at IS NULL
                      AND (e.run_id IS NULL OR e.run_id < c.last_run_id)
                    ORDER BY c.creation_date DESC, c.siren DESC
                    LIMIT ?
                    """, arguments: [config.daemon.enrichPerPass])
        }
    }

    /// The companies are up to date with every run so far, the stage's own included.
    private func markEnriched(_ sirens: [Int]) async throws {
        let stamp = Timestamp.string(now())
        try await database.writer.write { db in
            let last = try Int.fetchOne(db, sql: "SELECT MAX(id) FROM run") ?? 0
            for siren in sirens {
                try db.execute(
                    sql: """
                        INSERT INTO enrichment_state (siren, run_id, enriched_at)
                        SELECT siren, ?, ? FROM company WHERE siren = ?
                        ON CONFLICT (siren) DO UPDATE SET run_id = excluded.run_id, enriched_at = excluded.enriched_at
                        """, arguments: [last, stamp, siren])
            }
        }
    }
}
