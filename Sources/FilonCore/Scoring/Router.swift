import Foundation

/// Gives a scored prospect its tier and its route. Ceased, "ne plus contacter", restricted and
/// archived prospects go nowhere whatever the rules say: that is the law or the user's decision.
public struct Router: Sendable {
    public let tierA: Int
    public let tierB: Int
    public let rules: [RouteRule]

    public init(settings: ScoringSettings) {
        tierA = settings.tierA
        tierB = settings.tierB
        rules = settings.routes
    }

    public func tier(for total: Int) -> Tier { total >= tierA ? .a : total >= tierB ? .b : .c }

    public func route(_ facts: ProspectFacts, score: Score) -> Routing {
        if facts.isCeased { return Routing(tier: nil, route: .nowhere, reason: "company ceased") }
        if facts.doNotContact { return Routing(tier: nil, route: .nowhere, reason: "do not contact") }
        if facts.isRestricted {
            return Routing(tier: nil, route: .nowhere, reason: "Sirene diffusion restricted (P): never prospected")
        }
        if facts.isArchived { return Routing(tier: nil, route: .nowhere, reason: "archived") }
        let tier = tier(for: score.total)
        for rule in rules where rule.matches(tier: tier, facts: facts) {
            return Routing(tier: tier, route: rule.route, reason: rule.reason)
        }
        // parseList guarantees a catch-all; a hand-built list without one still answers.
        return Routing(tier: tier, route: .nowhere, reason: "no routing rule matched")
    }
}
