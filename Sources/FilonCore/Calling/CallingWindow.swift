import Foundation

/// When one audience may be called: weekly hours in French time, minus public holidays. Every
/// check reads the wall clock in the window's time zone, so the hours hold on both sides of a
/// clock change.
public struct CallingWindow: Sendable, Equatable {
    public var hours: [CallingHours]
    public var skipsPublicHolidays: Bool
    public let timeZone: TimeZone
    private let calendar: Calendar

    public init(
        hours: [CallingHours], skipsPublicHolidays: Bool = true, timeZone: TimeZone = CallingWindow.france
    ) {
        self.hours = hours
        self.skipsPublicHolidays = skipsPublicHolidays
        self.timeZone = timeZone
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
    }

    /// Europe/Paris. The fixed offset is only for a system without time zone data, where it is
    /// an hour early in summer.
    public static let france = TimeZone(identifier: "Europe/Paris") ?? TimeZone(secondsFromGMT: 3600)!

    public func isCallable(at date: Date) -> Bool {
        let c = calendar.dateComponents([.year, .month, .day, .weekday, .hour, .minute], from: date)
        guard let year = c.year, let month = c.month, let day = c.day, let weekday = c.weekday,
            let hour = c.hour, let minute = c.minute
        else { return false }
        if skipsPublicHolidays && FrenchPublicHolidays.contains(year: year, month: month, day: day) { return false }
        let isoWeekday = (weekday + 5) % 7 + 1  // Calendar counts from Sunday = 1
        return hours.contains { $0.contains(weekday: isoWeekday, minute: hour * 60 + minute) }
    }

    /// The earliest callable moment not before `date`: `date` itself when it is callable, else
    /// the start of the next range of hours on a day that is not a holiday. `distantFuture` only
    /// for a window without any hours, which the configuration refuses.
    public func nextCallableTime(after date: Date) -> Date {
        if isCallable(at: date) { return date }
        let starts = hours.sorted { $0.start < $1.start }
        // Noon is never skipped nor repeated by a clock change, so stepping from it lands on
        // each calendar day once.
        var noon = calendar.date(bySettingHour: 12, minute: 0, second: 0, of: date) ?? date
        // A year and a week covers any weekly hours however the holidays fall.
        for _ in 0..<373 {
            let c = calendar.dateComponents([.year, .month, .day], from: noon)
            for range in starts {
                var wanted = DateComponents(year: c.year, month: c.month, day: c.day)
                wanted.hour = range.start / 60
                wanted.minute = range.start % 60
                // A start inside a skipped hour comes out shifted; isCallable judges the result.
                if let start = calendar.date(from: wanted), start > date, isCallable(at: start) { return start }
            }
            guard let next = calendar.date(byAdding: .day, value: 1, to: noon) else { break }
            noon = next
        }
        return .distantFuture
    }
}
