import FilonCore
import Foundation

/// Values as the registries spell them, brought to the forms the store keeps.
enum RegistryValues {
    /// A SIREN written with or without spaces or dots ("880 878 145") when it has 9 digits and
    /// passes the Luhn check; nil otherwise.
    static func siren(_ text: String) -> Int? {
        let digits = nineDigits(text)
        guard let digits, Siren.isValid(digits) else { return nil }
        return Int(digits)
    }

    /// The text without spaces and dots when what is left is exactly 9 ASCII digits.
    static func nineDigits(_ text: String) -> String? {
        let digits = text.filter { $0 != " " && $0 != "." && $0 != "\u{a0}" }
        guard digits.count == 9, digits.allSatisfy({ $0 >= "0" && $0 <= "9" }) else { return nil }
        return digits
    }

    /// "6201Z" → "62.01Z", as Sirene writes NAF rev. 2 codes; other spellings are kept as given.
    static func naf(_ code: String?) -> String? {
        guard let code = code?.trimmingCharacters(in: .whitespaces).uppercased(), !code.isEmpty else { return nil }
        let characters = Array(code)
        if characters.count == 5, characters[0..<4].allSatisfy(\.isNumber), characters[4].isLetter {
            return String(characters[0..<2]) + "." + String(characters[2...])
        }
        return code
    }

    /// A `YYYY-MM-DD` day, or the day a timestamp starts with ("2024-06-30T00:00:00+02:00"); nil
    /// for anything that is not a real calendar day.
    static func day(_ text: String?) -> String? {
        guard let text, text.count >= 10 else { return nil }
        let day = String(text.prefix(10))
        return date(day) == nil ? nil : day
    }

    /// The day after a `YYYY-MM-DD` day.
    static func day(after day: String) -> String? {
        guard let date = date(day), let next = calendar.date(byAdding: .day, value: 1, to: date) else { return nil }
        return String(Timestamp.string(next).prefix(10))
    }

    /// "1975-04" → 1975.
    static func year(_ text: String?) -> Int? {
        guard let text, text.count >= 4, let year = Int(text.prefix(4)), year > 1800 else { return nil }
        return year
    }

    /// Non-empty trimmed text, or nil.
    static func text(_ value: String?) -> String? {
        guard let trimmed = value?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else {
            return nil
        }
        return trimmed
    }

    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        return calendar
    }()

    /// Midnight UTC of a day, when the text is one (2026-02-30 is not).
    private static func date(_ day: String) -> Date? {
        let parts = day.split(separator: "-", omittingEmptySubsequences: false)
        guard day.count == 10, day.allSatisfy({ $0 == "-" || ($0 >= "0" && $0 <= "9") }), parts.count == 3,
            parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let dayOfMonth = Int(parts[2])
        else { return nil }
        let components = DateComponents(year: year, month: month, day: dayOfMonth)
        guard let date = calendar.date(from: components) else { return nil }
        let back = calendar.dateComponents([.year, .month, .day], from: date)
        guard back.year == year, back.month == month, back.day == dayOfMonth else { return nil }
        return date
    }
}
