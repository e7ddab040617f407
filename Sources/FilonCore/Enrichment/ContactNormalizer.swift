import Foundation

/// The comparable form of a contact value, so that two sources' spellings of one email, phone or
/// site make one contact point. (What kind of email or phone it is, the adapters say:
/// `EnrichmentValues`.)
public enum ContactNormalizer {
    public static func normalize(_ value: String, kind: ContactFinding.Kind) -> String {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        switch kind {
        case .email:
            return trimmed.lowercased()
        case .phone:
            return phone(trimmed)
        case .website, .linkedin:
            var text = trimmed.lowercased()
            for prefix in ["https://", "http://"] where text.hasPrefix(prefix) { text.removeFirst(prefix.count) }
            if text.hasPrefix("www.") { text.removeFirst(4) }
            while text.hasSuffix("/") { text.removeLast() }
            return text
        case .other:
            return trimmed.lowercased()
        }
    }

    /// French numbers in E.164 (`+33612345678`); others with their digits and a leading `+`.
    static func phone(_ text: String) -> String {
        var digits = text.filter(\.isNumber)
        let international = text.hasPrefix("+") || digits.hasPrefix("00")
        if digits.hasPrefix("00") { digits.removeFirst(2) }
        if international {
            // "+33 (0)6 …" keeps a trunk zero that E.164 drops.
            if digits.hasPrefix("330") { digits = "33" + digits.dropFirst(3) }
            return digits.isEmpty ? "" : "+" + digits
        }
        if digits.count == 10 && digits.hasPrefix("0") { return "+33" + digits.dropFirst() }
        return digits
    }
}
