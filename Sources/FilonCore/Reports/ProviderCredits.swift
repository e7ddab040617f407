/// What one enrichment provider cost over a report's period.
public struct ProviderCredits: Sendable, Equatable, Codable {
    /// The provider id (`pappers`, `google_places`…).
    public let provider: String
    public let requests: Int
    /// Paid credits; 0 for the free providers.
    public let credits: Int

    public init(provider: String, requests: Int, credits: Int) {
        self.provider = provider
        self.requests = requests
        self.credits = credits
    }
}
