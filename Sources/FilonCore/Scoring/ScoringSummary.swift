/// What a scoring job did.
public struct ScoringSummary: Sendable, Equatable, CustomStringConvertible {
    /// Companies whose facts were read and scored.
    public var scored = 0
    /// Prospect rows created.
    public var created = 0
    /// Existing rows whose score, reasons, tier, route or reason changed.
    public var changed = 0
    /// Change events marked handled.
    public var eventsHandled = 0
    /// Routes of the created and changed rows.
    public var routes: [Route: Int] = [:]
    /// The limit stopped the job: more companies may be due.
    public var reachedLimit = false

    public init() {}

    mutating func add(_ other: ScoringSummary) {
        scored += other.scored
        created += other.created
        changed += other.changed
        eventsHandled += other.eventsHandled
        routes.merge(other.routes, uniquingKeysWith: +)
    }

    public var description: String {
        var text = "scored \(scored) companies: \(created) new prospects, \(changed) changed"
        let routed = Route.allCases.compactMap { route in routes[route].map { "\($0) \(route.rawValue)" } }
        if !routed.isEmpty { text += " (" + routed.joined(separator: ", ") + ")" }
        text += "; \(eventsHandled) change events handled"
        if reachedLimit { text += "; limit reached, more may be due" }
        return text
    }
}
