import Foundation

/// One routing rule, written `CONDITIONS:ROUTE` in `[scoring] routes`:
///
/// - CONDITIONS is `*` (any eligible prospect) or terms joined by `+`, all of which must hold:
///   a tier `A`, `B` or `C`; `director` (a named director); `phone` (a reachable phone). `!`
///   before a term negates it: `!C` is tier A or B, `!phone` no phone.
/// - ROUTE is `sales`, `telemarketing` or `none`.
///
/// Examples: `"A+director+phone:sales"`, `"C+!phone:none"`, `"*:telemarketing"`.
public struct RouteRule: Sendable, Equatable, CustomStringConvertible {
    /// Bit set of the tiers the rule accepts (all three: any tier).
    let tierMask: UInt8
    /// Nil: either way; true: required; false: must be missing.
    public let director: Bool?
    public let phone: Bool?
    public let route: Route
    /// Why a prospect took this rule, in words, kept as `prospect.route_reason`.
    public let reason: String

    private static let anyTier: UInt8 = 7

    public init(tiers: Set<Tier> = Set(Tier.allCases), director: Bool? = nil, phone: Bool? = nil, route: Route) {
        self.init(mask: tiers.reduce(0) { $0 | $1.bit }, director: director, phone: phone, route: route)
    }

    private init(mask: UInt8, director: Bool?, phone: Bool?, route: Route) {
        tierMask = mask
        self.director = director
        self.phone = phone
        self.route = route
        var words: [String] = []
        let tiers = Tier.allCases.filter { mask & $0.bit != 0 }
        if mask != Self.anyTier { words.append("tier " + tiers.map(\.rawValue).joined(separator: " or ")) }
        if let director { words.append(director ? "named director" : "no named director") }
        if let phone { words.append(phone ? "phone" : "no phone") }
        reason = words.isEmpty ? "default route" : words.joined(separator: ", ")
    }

    public var tiers: Set<Tier> { Set(Tier.allCases.filter { tierMask & $0.bit != 0 }) }

    /// The catch-all `*`.
    public var isCatchAll: Bool { tierMask == Self.anyTier && director == nil && phone == nil }

    /// The rule in the configuration's syntax, normalised: `!C` for "A or B".
    public var description: String {
        var terms: [String] = []
        let tiers = Tier.allCases.filter { tierMask & $0.bit != 0 }
        if tiers.count == 1 {
            terms.append(tiers[0].rawValue)
        } else if tiers.count == 2, let left = Tier.allCases.first(where: { tierMask & $0.bit == 0 }) {
            terms.append("!" + left.rawValue)
        }
        if let director { terms.append(director ? "director" : "!director") }
        if let phone { terms.append(phone ? "phone" : "!phone") }
        return (terms.isEmpty ? "*" : terms.joined(separator: "+")) + ":" + route.rawValue
    }

    @inline(__always)
    func matches(tier: Tier, facts: ProspectFacts) -> Bool {
        tierMask & tier.bit != 0 && (director == nil || director == facts.hasNamedDirector)
            && (phone == nil || phone == facts.hasPhone)
    }

    /// Reads `CONDITIONS:ROUTE`; letters may be in either case, spaces around terms are ignored.
    public static func parse(_ text: String) throws(RouteRuleError) -> RouteRule {
        guard let colon = text.lastIndex(of: ":") else { throw .noRoute(rule: text) }
        let routeWord = text[text.index(after: colon)...].trimmingSpaces.lowercased()
        guard let route = Route(rawValue: routeWord) else { throw .unknownRoute(rule: text, route: routeWord) }
        let conditions = text[..<colon].trimmingSpaces
        if conditions == "*" { return RouteRule(route: route) }
        var mask = anyTier
        var director: Bool?
        var phone: Bool?
        for rawTerm in conditions.split(separator: "+", omittingEmptySubsequences: false) {
            var term = rawTerm.trimmingSpaces
            let negated = term.hasPrefix("!")
            if negated { term = String(term.dropFirst()).trimmingSpaces }
            switch term.lowercased() {
            case "a", "b", "c":
                let bit = Tier(rawValue: term.uppercased())!.bit
                mask = negated ? mask & ~bit : mask & bit
            case "director":
                if director == negated { throw .neverMatches(rule: text) }
                director = !negated
            case "phone":
                if phone == negated { throw .neverMatches(rule: text) }
                phone = !negated
            default:
                throw .unknownCondition(rule: text, condition: rawTerm.trimmingSpaces)
            }
        }
        guard mask != 0 else { throw .neverMatches(rule: text) }
        return RouteRule(mask: mask, director: director, phone: phone, route: route)
    }

    /// Parses a whole list: the catch-all must come last, so that every eligible prospect gets a
    /// route and no rule hides behind it.
    public static func parseList(_ texts: [String]) throws(RouteRuleError) -> [RouteRule] {
        var rules: [RouteRule] = []
        for text in texts {
            if let last = rules.last, last.isCatchAll { throw .unreachable(rule: text) }
            rules.append(try parse(text))
        }
        guard let last = rules.last, last.isCatchAll else { throw .noCatchAll(last: texts.last) }
        return rules
    }
}

extension StringProtocol {
    fileprivate var trimmingSpaces: String { trimmingCharacters(in: .whitespaces) }
}
