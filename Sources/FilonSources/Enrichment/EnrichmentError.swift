import FilonCore

/// Why a provider could not enrich, beyond HTTP failures.
enum EnrichmentError: Error, Equatable, CustomStringConvertible {
    /// 402/403 "no credits": the provider stops for the rest of the day.
    case outOfCredits(ProviderID, detail: String)
    /// An asynchronous job did not finish in time: asked again on a later pass.
    case notReady(ProviderID, detail: String)

    var description: String {
        switch self {
        case .outOfCredits(let id, let detail):
            return "\(id.rawValue) has no credits left (\(detail)); it stops until tomorrow: top up or raise the plan"
        case .notReady(let id, let detail):
            return "\(id.rawValue) has not finished (\(detail)); asked again on the next pass"
        }
    }
}
