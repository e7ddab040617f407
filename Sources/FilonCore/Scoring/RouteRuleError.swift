import Foundation

/// A routing rule that cannot be used, with what to write instead.
public enum RouteRuleError: Error, Equatable, CustomStringConvertible {
    case noRoute(rule: String)
    case unknownRoute(rule: String, route: String)
    case unknownCondition(rule: String, condition: String)
    case neverMatches(rule: String)
    case noCatchAll(last: String?)
    case unreachable(rule: String)

    public var description: String {
        let terms =
            "use A, B or C (a tier), director or phone, each optionally preceded by ! (not), joined with +, "
            + "or * alone for any prospect"
        switch self {
        case .noRoute(let rule):
            return "rule \"\(rule)\" has no route: write CONDITIONS:ROUTE, e.g. \"A+director+phone:sales\""
        case .unknownRoute(let rule, let route):
            return "rule \"\(rule)\" sends to \"\(route)\", which is not a route: use sales, telemarketing or none"
        case .unknownCondition(let rule, let condition):
            return condition.isEmpty
                ? "rule \"\(rule)\" has an empty condition: \(terms)"
                : "rule \"\(rule)\" has an unknown condition \"\(condition)\": \(terms)"
        case .neverMatches(let rule):
            return "rule \"\(rule)\" contradicts itself and can never match: remove one of its opposite conditions"
        case .noCatchAll(let last):
            return (last.map { "the last rule is \"\($0)\"" } ?? "there are no rules")
                + ": end the list with a catch-all such as \"*:telemarketing\" so that every prospect gets a route"
        case .unreachable(let rule):
            return "rule \"\(rule)\" comes after the catch-all \"*\" and can never match: move it before \"*\""
        }
    }
}
