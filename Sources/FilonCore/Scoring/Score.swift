import Foundation

/// A prospect's score, 0–100, with the points of each rule that gave some: the card shows why.
public struct Score: Sendable, Equatable {
    /// The sum of the reasons' points, clamped to 0...100.
    public var total: Int
    public var reasons: [ScoreReason]

    public init(total: Int, reasons: [ScoreReason]) {
        self.total = total
        self.reasons = reasons
    }

    /// `[{"code":"no_website","points":25,"label":"no website"}]`, as `prospect.score_reasons` keeps it.
    public var json: String {
        var out = "["
        for (index, reason) in reasons.enumerated() {
            if index > 0 { out += "," }
            out += "{\"code\":\"\(reason.code.rawValue)\",\"points\":\(reason.points),\"label\":"
            Self.appendQuoted(reason.label, to: &out)
            out += "}"
        }
        return out + "]"
    }

    /// Reads `prospect.score_reasons` back; nil when it is not such a list.
    public static func storedReasons(json: String) -> [StoredScoreReason]? {
        try? JSONDecoder().decode([StoredScoreReason].self, from: Data(json.utf8))
    }

    private static func appendQuoted(_ text: String, to out: inout String) {
        out += "\""
        // The labels are Filon's own: nothing to escape, as a rule.
        if !text.utf8.contains(where: { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 < 0x20 }) {
            out += text
            out += "\""
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case let c where c.value < 0x20: out += String(format: "\\u%04x", c.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}

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

/// A reason as stored: the code stays a string so that reasons written by a newer Filon still read.
public struct StoredScoreReason: Sendable, Equatable, Codable {
    public var code: String
    public var points: Int
    public var label: String

    public var text: String { ScoreReason.text(label: label, points: points) }
}
