/// Days of the week and a time of day when calls are allowed, written as in OpenStreetMap's
/// opening hours: `"Mo-Fr 10:00-13:00"`, `"Mo,We,Fr 09:00-12:30"`. The end is excluded: a
/// window ending at 13:00 allows 12:59 but not 13:00.
public struct CallingHours: Sendable, Equatable, CustomStringConvertible {
    /// ISO weekdays, 1 = Monday … 7 = Sunday.
    public var weekdays: Set<Int>
    /// Minutes after midnight, local time.
    public var start: Int
    public var end: Int

    public init(weekdays: Set<Int>, start: Int, end: Int) {
        self.weekdays = weekdays
        self.start = start
        self.end = end
    }

    /// For companies: business hours.
    public static let companyDefault = [CallingHours(weekdays: [1, 2, 3, 4, 5], start: 8 * 60 + 30, end: 19 * 60)]
    /// For sole traders and personal mobiles: the consumer call hours of décret 2022-1313.
    public static let soleTraderDefault = [
        CallingHours(weekdays: [1, 2, 3, 4, 5], start: 10 * 60, end: 13 * 60),
        CallingHours(weekdays: [1, 2, 3, 4, 5], start: 14 * 60, end: 20 * 60),
    ]

    static let dayNames = ["mo", "tu", "we", "th", "fr", "sa", "su"]

    public static func parse(_ text: String) throws(CallingHoursError) -> CallingHours {
        let words = text.split(whereSeparator: \.isWhitespace)
        guard words.count == 2, let days = weekdays(words[0].lowercased()) else { throw .malformed(text) }
        let times = words[1].split(separator: "-", omittingEmptySubsequences: false)
        guard times.count == 2, let start = minutes(times[0]), let end = minutes(times[1]) else {
            throw .malformed(text)
        }
        guard start < end else { throw .endsBeforeStart(text) }
        return CallingHours(weekdays: days, start: start, end: end)
    }

    /// `Mo`, `Mo-Fr`, `Mo,We,Fr`, `Mo-We,Fr`; a range may wrap (`Sa-Mo`).
    private static func weekdays(_ text: String) -> Set<Int>? {
        var days = Set<Int>()
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            let ends = item.split(separator: "-", omittingEmptySubsequences: false).map {
                dayNames.firstIndex(of: String($0)).map { $0 + 1 }
            }
            switch ends.count {
            case 1:
                guard let day = ends[0] else { return nil }
                days.insert(day)
            case 2:
                guard let first = ends[0], let last = ends[1] else { return nil }
                var day = first
                days.insert(day)
                while day != last {
                    day = day % 7 + 1
                    days.insert(day)
                }
            default: return nil
            }
        }
        return days
    }

    /// `H:MM` or `HH:MM`, up to `24:00` for the end of the day.
    private static func minutes(_ text: Substring) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let hour = Int(parts[0]), let minute = Int(parts[1]), minute < 60
        else { return nil }
        let total = hour * 60 + minute
        return total <= 24 * 60 ? total : nil
    }

    /// Whether `minute` (after midnight) of ISO weekday `weekday` is inside these hours.
    public func contains(weekday: Int, minute: Int) -> Bool {
        weekdays.contains(weekday) && minute >= start && minute < end
    }

    /// As written in the configuration.
    public var description: String {
        var runs: [String] = []
        var day = 1
        while day <= 7 {
            guard weekdays.contains(day) else {
                day += 1
                continue
            }
            var last = day
            while last < 7, weekdays.contains(last + 1) { last += 1 }
            let name = { (d: Int) in Self.dayNames[d - 1].capitalized }
            runs.append(last == day ? name(day) : "\(name(day))-\(name(last))")
            day = last + 1
        }
        return "\(runs.joined(separator: ",")) \(Self.clock(start))-\(Self.clock(end))"
    }

    private static func clock(_ minutes: Int) -> String {
        let h = minutes / 60
        let m = minutes % 60
        return (h < 10 ? "0" : "") + "\(h):" + (m < 10 ? "0" : "") + "\(m)"
    }
}
