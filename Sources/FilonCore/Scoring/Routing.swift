import Foundation

/// The decision for one prospect, and why (`prospect.tier`, `route`, `route_reason`).
public struct Routing: Sendable, Equatable {
    /// Nil for prospects that go nowhere whatever their score (ceased, archived…).
    public var tier: Tier?
    public var route: Route
    public var reason: String

    public init(tier: Tier?, route: Route, reason: String) {
        self.tier = tier
        self.route = route
        self.reason = reason
    }
}
