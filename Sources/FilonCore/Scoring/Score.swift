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
