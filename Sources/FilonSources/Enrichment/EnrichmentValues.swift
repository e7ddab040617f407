import FilonCore
import Foundation

/// Contact values as providers spell them, classified the way the CRM needs them: a generic or
/// nominative email and a personal mailbox (RGPD R1), a mobile or landline phone (R2), a LinkedIn
/// profile's slug. Shared by the enrichment adapters so that they all classify alike.
enum EnrichmentValues {
    /// The label of an address or number that belongs to the person rather than to the business.
    static let personalLabel = "personal"

    // MARK: - Emails

    /// An email finding, lowercased; nil when the text is not an address. Its subtype is given by
    /// the provider or read from the local part; a consumer mailbox is labelled `personal`.
    static func email(
        _ raw: String?, subtype: ContactFinding.Subtype? = nil, validation: ContactFinding.Validation = .unknown,
        person: Director? = nil, label: String? = nil
    ) -> ContactFinding? {
        guard var text = RegistryValues.text(raw)?.lowercased() else { return nil }
        if text.hasPrefix("mailto:") { text.removeFirst("mailto:".count) }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !text.contains(where: \.isWhitespace)
        else { return nil }
        let personal = EmailKind.isConsumerMailbox(text)
        return ContactFinding(
            kind: .email, value: text, subtype: subtype ?? emailSubtype(text), validation: validation,
            person: person, label: label ?? (personal ? personalLabel : nil))
    }

    /// Generic when the local part, or its first word, names a role ("contact", "info.paris").
    static func emailSubtype(_ email: String) -> ContactFinding.Subtype {
        EmailKind.namesARole(localPart: email.split(separator: "@").first.map(String.init) ?? "")
            ? .generic : .nominative
    }

    // MARK: - Phones

    /// A phone finding with the number as the provider wrote it; mobile or landline for French
    /// numbers, no subtype for foreign ones; nil when it holds too few digits to be a number.
    static func phone(
        _ raw: String?, subtype: ContactFinding.Subtype? = nil, person: Director? = nil, label: String? = nil
    ) -> ContactFinding? {
        guard let text = RegistryValues.text(raw) else { return nil }
        let digits = text.filter(\.isASCII).filter(\.isNumber)
        guard digits.count >= 6 else { return nil }
        return ContactFinding(
            kind: .phone, value: text, subtype: subtype ?? phoneSubtype(text), person: person, label: label)
    }

    /// 06 and 07 (also written +33 6, 0033 7, +33 (0)6) are mobiles; other French numbers landlines.
    static func phoneSubtype(_ phone: String) -> ContactFinding.Subtype? {
        guard let national = frenchNationalNumber(phone) else { return nil }
        return national.hasPrefix("06") || national.hasPrefix("07") ? .mobile : .landline
    }

    /// The ten-digit national form of a French number, nil for a foreign or malformed one.
    static func frenchNationalNumber(_ phone: String) -> String? {
        var digits = String(phone.filter(\.isASCII).filter(\.isNumber))
        if digits.hasPrefix("00") { digits.removeFirst(2) }
        if digits.hasPrefix("330"), digits.count == 12 {
            digits = String(digits.dropFirst(2))
        } else if digits.hasPrefix("33"), digits.count == 11 {
            digits = "0" + digits.dropFirst(2)
        }
        return digits.count == 10 && digits.hasPrefix("0") ? digits : nil
    }

    // MARK: - Web

    /// "https://www.linkedin.com/in/jean-dupont-4b5a1/?trk=x" → "jean-dupont-4b5a1"; nil for a
    /// company page or any other address.
    static func linkedinSlug(_ url: String) -> String? {
        let lowered = url.lowercased()
        guard let marker = lowered.range(of: "linkedin.com/in/") else { return nil }
        let rest = url[marker.upperBound...]
        let slug = String(rest.prefix { !"/?#".contains($0) })
        let decoded = slug.removingPercentEncoding ?? slug
        return decoded.isEmpty ? nil : decoded
    }

    /// Whether a LinkedIn slug ("marie-le-gall-4b5a1") holds a director's last name.
    static func slug(_ slug: String, names director: Director) -> Bool {
        let lastName = fold(director.lastName)
        return director.kind == .physical && !lastName.isEmpty && " \(fold(slug)) ".contains(" \(lastName) ")
    }

    /// The first given name of a list ("Jean, Marie" or "Jean Marie" → "Jean"), as people search
    /// tools expect it.
    static func firstName(_ firstNames: String?) -> String? {
        RegistryValues.text(firstNames?.split(whereSeparator: { $0 == "," || $0 == " " }).first.map(String.init))
    }

    /// The host of a website without `www.` ("https://www.boulangerie-martin.fr/accueil" →
    /// "boulangerie-martin.fr"), for providers that look companies up by domain.
    static func host(_ website: String) -> String? {
        guard var text = RegistryValues.text(website) else { return nil }
        if !text.contains("://") { text = "https://" + text }
        guard var host = URLComponents(string: text)?.host?.lowercased(), host.contains(".") else { return nil }
        if host.hasPrefix("www.") { host.removeFirst(4) }
        return host
    }

    // MARK: - Text

    /// Lowercase letters and digits without accents, words separated by one space: "Lefèvre-Roux"
    /// and "LEFEVRE ROUX" compare equal.
    static func fold(_ text: String?) -> String {
        (text ?? "").folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .split(whereSeparator: { !$0.isLetter && !$0.isNumber }).joined(separator: " ")
    }

    /// Whether an error message is about credits or quota ("plus assez de jetons", "crédits").
    static func mentionsCredits(_ text: String?) -> Bool {
        let folded = fold(text)
        return ["jeton", "credit", "quota"].contains { folded.contains($0) }
    }

    /// A day as providers write it (`20190415`, `15/04/2019`, `2019-04-15T…`) as `YYYY-MM-DD`.
    static func day(_ text: String?) -> String? {
        guard let text = RegistryValues.text(text) else { return nil }
        if text.count == 8, text.allSatisfy(\.isNumber) {
            let chars = Array(text)
            return RegistryValues.day("\(String(chars[0..<4]))-\(String(chars[4..<6]))-\(String(chars[6..<8]))")
        }
        let parts = text.prefix(10).split(separator: "/")
        if parts.count == 3, parts[0].count == 2, parts[1].count == 2, parts[2].count == 4 {
            return RegistryValues.day("\(parts[2])-\(parts[1])-\(parts[0])")
        }
        return RegistryValues.day(text)
    }
}

/// Reading answers whose field names vary between API versions (Société.com, Kaspr): the first of
/// several names, a text whatever its JSON type, a list that may come as a single value.
extension JSONValue {
    /// The first of these fields present and not null.
    func value(forAnyOf keys: [String]) -> JSONValue? {
        for key in keys {
            if let value = self[key], !value.isNull { return value }
        }
        return nil
    }

    /// The text of a scalar, trimmed; nil when empty or not a scalar.
    var textValue: String? { RegistryValues.text(scalarText) }

    /// A number sent as a number or as French text ("1 234 567,50"); nil otherwise.
    var numberValue: Double? {
        switch self {
        case .integer(let n): return Double(n)
        case .number(let d): return d
        case .string(let s):
            let cleaned = s.filter { !$0.isWhitespace && $0 != "\u{a0}" && $0 != "\u{202f}" }
            return Double(cleaned.replacingOccurrences(of: ",", with: "."))
        default: return nil
        }
    }

    /// The elements of an array, a single value as a list of one, nothing for null.
    var elements: [JSONValue] {
        switch self {
        case .array(let items): return items
        case .null: return []
        default: return [self]
        }
    }
}
