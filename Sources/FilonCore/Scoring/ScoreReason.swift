import Foundation

/// One rule's contribution to a score. Zero-point reasons say why a score is 0 (ceased…).
public struct ScoreReason: Sendable, Equatable {
    public enum Code: String, Sendable, CaseIterable {
        case recentCompany = "recent_company"
        case noWebsite = "no_website"
        case weakWebsite = "weak_website"
        case lowMaturity = "low_maturity"
        case sector
        case namedDirector = "named_director"
        case phone
        case sizeBand = "size_band"
        case ceased
        case doNotContact = "do_not_contact"
        case restricted
    }

    public var code: Code
    public var points: Int
    /// Short English text without the points ("no website").
    public var label: String

    public init(code: Code, points: Int, label: String) {
        self.code = code
        self.points = points
        self.label = label
    }

    /// "no website +25", "250–499 employees −10", "company ceased".
    public var text: String { ScoreReason.text(label: label, points: points) }

    static func text(label: String, points: Int) -> String {
        points > 0 ? "\(label) +\(points)" : points < 0 ? "\(label) −\(-points)" : label
    }
}
