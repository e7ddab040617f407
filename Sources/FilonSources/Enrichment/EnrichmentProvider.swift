import FilonCore
import Foundation

/// One enrichment provider: given companies, what it knows about each. The stage decides who is
/// asked (keys, scores, budgets, cache) and stores the answers; an adapter only asks and maps.
protocol EnrichmentProvider: Sendable {
    /// Whether it needs a key is `ProviderDefaults.needsKey(id)`.
    var id: ProviderID { get }
    /// How long an answer stays good before the company is asked again.
    var timeToLive: TimeInterval { get }
    /// Companies per call: 1, or up to 250 for Dropcontact's batches.
    var batchSize: Int { get }
    /// The most credits one company may cost with these settings, checked against the daily
    /// budget before asking.
    func maxCredits(_ settings: ProviderSettings) -> Int
    /// Answers by SIREN; a company missing from the result was not found. Throws `HTTPError` or
    /// `EnrichmentError` for a failure of the whole call.
    func enrich(_ companies: [CompanyProfile], _ call: ProviderCall) async throws -> [Int: EnrichmentResult]
}

extension EnrichmentProvider {
    var batchSize: Int { 1 }
    var timeToLive: TimeInterval { 30 * 86_400 }
}
