import Foundation

/// A day of the proleptic Gregorian calendar (UTC), counted from 1970-01-01. Scoring compares
/// ages in days millions of times a second, so days are integers, parsed without allocating.
public struct CalendarDay: Sendable, Hashable, Comparable {
    public var daysSince1970: Int

    public init(daysSince1970: Int) { self.daysSince1970 = daysSince1970 }

    /// The UTC day of `date`.
    public init(_ date: Date) {
        daysSince1970 = Int((date.timeIntervalSince1970 / 86_400).rounded(.down))
    }

    public init(year: Int, month: Int, day: Int) {
        // Howard Hinnant's days_from_civil: exact for any year, no table.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        daysSince1970 = era * 146_097 + dayOfEra - 719_468
    }

    /// `YYYY-MM-DD` (a longer timestamp is cut at the day); nil when it is not a real day.
    public init?(_ text: String) {
        var fields = (0, 0, 0)
        var field = 0
        var digits = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: "-") {
                guard digits == (field == 0 ? 4 : 2), field < 2 else { return nil }
                field += 1
                digits = 0
                continue
            }
            if field == 2 && digits == 2 { break }  // "2026-01-15T10:00:00Z": the day is enough
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            let digit = Int(byte - UInt8(ascii: "0"))
            switch field {
            case 0: fields.0 = fields.0 * 10 + digit
            case 1: fields.1 = fields.1 * 10 + digit
            default: fields.2 = fields.2 * 10 + digit
            }
            digits += 1
        }
        guard field == 2, digits == 2, (1...12).contains(fields.1), fields.2 >= 1,
            fields.2 <= Self.daysInMonth(year: fields.0, month: fields.1)
        else { return nil }
        self.init(year: fields.0, month: fields.1, day: fields.2)
    }

    /// `YYYY-MM-DD`, the form the database stores days in.
    public var text: String {
        // Hinnant's civil_from_days.
        let z = daysSince1970 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        guard (0...9999).contains(year) else { return String(format: "%04d-%02d-%02d", year, month, day) }
        // By hand: String(format:) costs more than the whole computation, and the store formats
        // a day for most companies it scores.
        let zero = UInt8(ascii: "0")
        let dash = UInt8(ascii: "-")
        let bytes: [UInt8] = [
            zero + UInt8(year / 1000), zero + UInt8(year / 100 % 10), zero + UInt8(year / 10 % 10),
            zero + UInt8(year % 10), dash, zero + UInt8(month / 10), zero + UInt8(month % 10), dash,
            zero + UInt8(day / 10), zero + UInt8(day % 10),
        ]
        return String(decoding: bytes, as: UTF8.self)
    }

    public static func < (a: CalendarDay, b: CalendarDay) -> Bool { a.daysSince1970 < b.daysSince1970 }

    public static func + (day: CalendarDay, days: Int) -> CalendarDay {
        CalendarDay(daysSince1970: day.daysSince1970 + days)
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        switch month {
        case 2: return leap ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
