import Foundation

/// When an outcome may be dialled again and how many calls it is worth, written `"4h x6"`:
/// the delay (minutes `m`, hours `h` or days `d`) and the maximum of attempts.
public struct RecycleRule: Sendable, Equatable, CustomStringConvertible {
    public enum Unit: String, Sendable, CaseIterable {
        case minutes = "m"
        case hours = "h"
        case days = "d"

        var minutes: Int {
            switch self {
            case .minutes: return 1
            case .hours: return 60
            case .days: return 1440
            }
        }
    }

    public var delay: Int
    public var unit: Unit
    public var maxAttempts: Int

    public init(delay: Int, _ unit: Unit, maxAttempts: Int) {
        self.delay = delay
        self.unit = unit
        self.maxAttempts = maxAttempts
    }

    /// Reads `"4h x6"`, `"30m x6"`, `"1d x4"` in any case and spacing (`×` for `x` too); nil for
    /// anything else, a zero, or a delay over a year.
    public static func parse(_ text: String) -> RecycleRule? {
        let compact = text.lowercased().replacingOccurrences(of: "×", with: "x").filter { !$0.isWhitespace }
        let parts = compact.split(separator: "x", omittingEmptySubsequences: false)
        guard parts.count == 2, let last = parts[0].last, let unit = Unit(rawValue: String(last)),
            let delay = digits(parts[0].dropLast()), let maxAttempts = digits(parts[1]),
            delay > 0, maxAttempts > 0, delay <= 525_600 / unit.minutes
        else { return nil }
        return RecycleRule(delay: delay, unit, maxAttempts: maxAttempts)
    }

    /// Plain decimal digits only: `Int` alone would also take "+5".
    private static func digits(_ text: Substring) -> Int? {
        guard !text.isEmpty, text.count <= 9, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(text)
    }

    /// The moment the delay ends after a call at `date`. Days are calendar days in `calendar`'s
    /// time zone, so "1d" is the same time tomorrow across a clock change.
    public func due(after date: Date, calendar: Calendar) -> Date {
        switch unit {
        case .minutes, .hours: return date.addingTimeInterval(Double(delay * unit.minutes) * 60)
        case .days:
            return calendar.date(byAdding: .day, value: delay, to: date)
                ?? date.addingTimeInterval(Double(delay) * 86_400)
        }
    }

    /// As written in the configuration.
    public var description: String { "\(delay)\(unit.rawValue) x\(maxAttempts)" }
}
