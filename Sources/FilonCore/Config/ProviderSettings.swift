/// `[providers.<id>]`: how to reach one provider and how much of it to use.
/// The key is never written to the database or to a log: `description` hides it.
public struct ProviderSettings: Sendable, Equatable, CustomStringConvertible {
    public var baseURL: String?
    public var apiKey: String?
    public var enabled: Bool?
    public var ratePerMinute: Int?
    public var dailyBudget: Int?
    public var minScore: Int?
    /// Paid extra fields to ask for (Pappers `champs_supplementaires`: `sites_internet`,
    /// `telephone`, `email`, `lien_linkedin`…); nil means the provider's default.
    public var extraFields: [String]?

    public init() {}

    public var description: String {
        "ProviderSettings(baseURL: \(baseURL ?? "default"), apiKey: \(apiKey == nil ? "none" : "set"), "
            + "enabled: \(enabled.map(String.init) ?? "default"))"
    }
}
