import Foundation

/// When `filond run` starts a detection pass: `[daemon] schedule = "every 30 minutes"` or
/// `"daily at 03:00"`.
public enum Schedule: Sendable, Equatable, CustomStringConvertible {
    case every(minutes: Int)
    case daily(hour: Int, minute: Int)

    /// Reads `every N minute(s)`, `every N hour(s)` and `daily at H:MM`, in any case and with any
    /// spacing; nil for anything else.
    public static func parse(_ text: String) -> Schedule? {
        let words = text.lowercased().split(whereSeparator: \.isWhitespace)
        switch words.count {
        case 3 where words[0] == "every":
            guard let n = digits(words[1]), n > 0 else { return nil }
            switch words[2] {
            case "minute", "minutes": return .every(minutes: n)
            case "hour", "hours":
                let (minutes, overflow) = n.multipliedReportingOverflow(by: 60)
                return overflow ? nil : .every(minutes: minutes)
            default: return nil
            }
        case 3 where words[0] == "daily" && words[1] == "at":
            let parts = words[2].split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
                let hour = digits(parts[0]), let minute = digits(parts[1]), (0...23).contains(hour),
                (0...59).contains(minute)
            else { return nil }
            return .daily(hour: hour, minute: minute)
        default: return nil
        }
    }

    /// Plain decimal digits only: `Int` alone would also take "+5".
    private static func digits(_ text: Substring) -> Int? {
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(text)
    }

    /// When the next pass should start, given the time now and when the last one started.
    ///
    /// `every N`: N minutes after the last start, or `date` itself when there was none or that
    /// time is past (a pass longer than the period is followed at once by the next). `daily`:
    /// the next HH:MM strictly after `date` in `timeZone`; on a day when the clock skips that
    /// time, the first moment after the gap.
    public func nextRun(after date: Date, lastStart: Date?, timeZone: TimeZone = .current) -> Date {
        switch self {
        case .every(let minutes):
            guard let lastStart else { return date }
            let due = lastStart.addingTimeInterval(Double(minutes) * 60)
            return due > date ? due : date
        case .daily(let hour, let minute):
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = timeZone
            let wanted = DateComponents(hour: hour, minute: minute, second: 0)
            // Never nil for a valid hour and minute; a day later is the safe answer if it were.
            return calendar.nextDate(after: date, matching: wanted, matchingPolicy: .nextTime)
                ?? date.addingTimeInterval(86_400)
        }
    }

    /// As written in the configuration.
    public var description: String {
        switch self {
        case .every(let minutes):
            if minutes % 60 == 0 { return "every \(minutes / 60) hour\(minutes == 60 ? "" : "s")" }
            return "every \(minutes) minute\(minutes == 1 ? "" : "s")"
        case .daily(let hour, let minute):
            return "daily at " + (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)"
        }
    }
}
