import FilonCore
import Foundation

/// Dates as the operators read and type them: French local time (Europe/Paris), day first.
public enum LocalTime {
    public static let timeZone = CallingWindow.france

    static var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        calendar.locale = Locale(identifier: "fr_FR")
        return calendar
    }

    /// "26/11 14:30", with the year when it is not `now`'s.
    public static func short(_ date: Date, now: Date) -> String {
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        let year = calendar.component(.year, from: now)
        var text = String(format: "%02d/%02d", c.day ?? 0, c.month ?? 0)
        if c.year != year { text += "/\(c.year ?? 0)" }
        return text + String(format: " %02d:%02d", c.hour ?? 0, c.minute ?? 0)
    }

    /// "14:30" when `date` is on `now`'s day, else `short`.
    public static func compact(_ date: Date, now: Date) -> String {
        if calendar.isDate(date, inSameDayAs: now) {
            let c = calendar.dateComponents([.hour, .minute], from: date)
            return String(format: "%02d:%02d", c.hour ?? 0, c.minute ?? 0)
        }
        return short(date, now: now)
    }

    /// A stored UTC timestamp ("2026-11-26T13:30:00Z") in local time; the text itself when it is not one.
    public static func short(stored: String, now: Date) -> String {
        Timestamp.date(stored).map { short($0, now: now) } ?? stored
    }

    /// The end of `now`'s day, local time.
    static func endOfDay(_ now: Date) -> Date {
        let start = calendar.startOfDay(for: now)
        return calendar.date(byAdding: .day, value: 1, to: start) ?? now
    }

    /// `days` days after `now`'s day at `hour`:00, local time.
    static func day(after now: Date, days: Int, hour: Int) -> Date {
        let start = calendar.startOfDay(for: now)
        let day = calendar.date(byAdding: .day, value: days, to: start) ?? now
        return calendar.date(bySettingHour: hour, minute: 0, second: 0, of: day) ?? day
    }

    /// Next Monday at `hour`:00 (a week today when today is Monday).
    static func nextMonday(after now: Date, hour: Int) -> Date {
        let weekday = calendar.component(.weekday, from: now)  // 1 Sunday … 7 Saturday
        let days = (9 - weekday) % 7 == 0 ? 7 : (9 - weekday) % 7
        return day(after: now, days: days, hour: hour)
    }

    /// A date typed by an operator, local time: "2026-12-01 14:30", "2026-12-01", "01/12/2026 14:30",
    /// "01/12 14:30", "01/12" (the next such day), "14:30" (today); 9:00 when no time is given.
    /// "T" may join date and time, and "h" may replace ":" ("14h30", "9h").
    public static func parse(_ text: String, now: Date) -> Date? {
        var text = text.trimmingCharacters(in: .whitespaces).lowercased()
        text = text.replacingOccurrences(of: "t", with: " ")
        let parts = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard (1...2).contains(parts.count) else { return nil }
        var datePart: String?
        var timePart: String?
        for part in parts {
            if part.contains(":") || part.contains("h") {
                guard timePart == nil else { return nil }
                timePart = part
            } else {
                guard datePart == nil else { return nil }
                datePart = part
            }
        }
        var hour = 9
        var minute = 0
        if let timePart {
            let pieces = timePart.split(
                separator: timePart.contains(":") ? ":" : "h", omittingEmptySubsequences: false)
            guard (1...2).contains(pieces.count), let h = Int(pieces[0]), (0...23).contains(h) else { return nil }
            hour = h
            if pieces.count == 2 {
                if pieces[1].isEmpty {
                    minute = 0
                } else {
                    guard let m = Int(pieces[1]), (0...59).contains(m) else { return nil }
                    minute = m
                }
            }
        }
        let today = calendar.dateComponents([.year, .month, .day], from: now)
        var year = today.year ?? 2000
        var month = today.month ?? 1
        var day = today.day ?? 1
        var yearGiven = false
        if let datePart {
            if datePart.contains("-") {
                let p = datePart.split(separator: "-").compactMap { Int($0) }
                guard p.count == 3 else { return nil }
                (year, month, day) = (p[0], p[1], p[2])
                yearGiven = true
            } else if datePart.contains("/") {
                let p = datePart.split(separator: "/").compactMap { Int($0) }
                guard p.count == 2 || p.count == 3 else { return nil }
                (day, month) = (p[0], p[1])
                if p.count == 3 {
                    year = p[2] < 100 ? 2000 + p[2] : p[2]
                    yearGiven = true
                }
            } else {
                return nil
            }
        }
        func make(_ year: Int) -> Date? {
            var c = DateComponents()
            (c.year, c.month, c.day, c.hour, c.minute) = (year, month, day, hour, minute)
            guard let date = calendar.date(from: c) else { return nil }
            // Reject 31/02 and friends, which Calendar would roll over.
            let back = calendar.dateComponents([.year, .month, .day], from: date)
            guard back.year == year, back.month == month, back.day == day else { return nil }
            return date
        }
        guard let date = make(year) else { return nil }
        // "01/12" in late December means next year's.
        if datePart != nil, !yearGiven, date < calendar.startOfDay(for: now) { return make(year + 1) }
        return date
    }
}

/// The quick choices for a callback or a follow-up date.
public struct DateChoice: Equatable, Sendable {
    public var label: String
    /// nil: "type a date".
    public var date: Date?

    public static func choices(now: Date) -> [DateChoice] {
        let tomorrow = LocalTime.day(after: now, days: 1, hour: 9)
        let inThreeDays = LocalTime.day(after: now, days: 3, hour: 9)
        let nextWeek = LocalTime.nextMonday(after: now, hour: 9)
        return [
            DateChoice(label: "tomorrow 9:00 (\(LocalTime.short(tomorrow, now: now)))", date: tomorrow),
            DateChoice(label: "in 3 days (\(LocalTime.short(inThreeDays, now: now)))", date: inThreeDays),
            DateChoice(label: "next week (Monday \(LocalTime.short(nextWeek, now: now)))", date: nextWeek),
            DateChoice(label: "type a date…", date: nil),
        ]
    }
}
