/// `[providers.<id>]`: how to reach one provider and how much of it to use.
/// The key is never written to the database or to a log: `description` hides it.
public struct ProviderSettings: Sendable, Equatable, CustomStringConvertible {
    public var baseURL: String?
    public var apiKey: String?
    public var enabled: Bool?
    public var ratePerMinute: Int?
    public var dailyBudget: Int?
    public var minScore: Int?

    public init() {}

    public var description: String {
        "ProviderSettings(baseURL: \(baseURL ?? "default"), apiKey: \(apiKey == nil ? "none" : "set"), "
            + "enabled: \(enabled.map(String.init) ?? "default"))"
    }
}
