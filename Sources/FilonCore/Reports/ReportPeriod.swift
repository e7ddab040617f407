import Foundation

/// What a report covers: whole local days in France (Europe/Paris) from `since` to `until`, both
/// included, and optionally one user's work only.
///
/// An event belongs to the period when `start <= created_at < end`, where `start` is `since` at
/// 00:00 in Paris and `end` is the day after `until` at 00:00 in Paris, both as the UTC instants
/// the database stores. Counts of things as they stand (statuses, alerts) are taken at the
/// report's time, whatever the period.
public struct ReportPeriod: Sendable, Equatable, Codable {
    /// The first day, included.
    public let since: CalendarDay
    /// The last day, included.
    public let until: CalendarDay
    /// The login whose work the report shows; the whole team when nil.
    public let user: String?

    /// The days a report may cover: ten years, so that a typo in a year fails instead of
    /// asking for a sparkline of centuries.
    public static let maximumDays = 3660

    /// The time zone of the days: the operators' (French local time).
    public static let timeZone = CallingWindow.france

    /// The period from `since` to `until`.
    ///
    /// - throws: `ReportError.reversedPeriod` when `since` is after `until`,
    ///   `.periodTooLong` beyond `maximumDays`.
    public init(since: CalendarDay, until: CalendarDay, user: String? = nil) throws(ReportError) {
        guard since <= until else { throw .reversedPeriod(since: since.text, until: until.text) }
        let days = until.daysSince1970 - since.daysSince1970 + 1
        guard days <= Self.maximumDays else { throw .periodTooLong(days: days, maximum: Self.maximumDays) }
        self.since = since
        self.until = until
        self.user = user
    }

    /// The `days` days ending with the local day of `now` (today and the days before it).
    public static func last(_ days: Int, endingAt now: Date, user: String? = nil) -> ReportPeriod {
        let today = localDay(of: now)
        let span = min(max(days, 1), maximumDays)
        // Cannot throw: the first day is before the last and the span is within the maximum.
        return try! ReportPeriod(since: today + (1 - span), until: today, user: user)
    }

    /// The default of `filon report`: the last 30 days, today included.
    public static let defaultDays = 30

    /// Every day of the period, in order.
    public var days: [CalendarDay] {
        (since.daysSince1970...until.daysSince1970).map(CalendarDay.init(daysSince1970:))
    }

    /// `since` at 00:00 in Paris.
    public var start: Date { Self.startOfDay(since) }

    /// The day after `until` at 00:00 in Paris: the first instant after the period.
    public var end: Date { Self.startOfDay(until + 1) }

    /// The local (Paris) day of an instant.
    public static func localDay(of date: Date) -> CalendarDay {
        CalendarDay(date.addingTimeInterval(Double(timeZone.secondsFromGMT(for: date))))
    }

    /// 00:00 in Paris on `day`. On the days clocks change the day is 23 or 25 hours long, and
    /// midnight always exists in France (the change happens at 02:00 or 03:00).
    public static func startOfDay(_ day: CalendarDay) -> Date {
        let utcMidnight = Date(timeIntervalSince1970: Double(day.daysSince1970) * 86_400)
        // Paris is ahead of UTC: its midnight is the UTC midnight minus the offset then in force.
        let guess = utcMidnight.addingTimeInterval(-Double(timeZone.secondsFromGMT(for: utcMidnight)))
        return utcMidnight.addingTimeInterval(-Double(timeZone.secondsFromGMT(for: guess)))
    }

    // MARK: - Codable: days as "YYYY-MM-DD"

    private enum CodingKeys: String, CodingKey { case since, until, user }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func day(_ key: CodingKeys) throws -> CalendarDay {
            let text = try container.decode(String.self, forKey: key)
            guard let day = CalendarDay(text) else {
                throw DecodingError.dataCorruptedError(
                    forKey: key, in: container, debugDescription: "\(text) is not a day (YYYY-MM-DD)")
            }
            return day
        }
        try self.init(
            since: day(.since), until: day(.until), user: container.decodeIfPresent(String.self, forKey: .user))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(since.text, forKey: .since)
        try container.encode(until.text, forKey: .until)
        try container.encodeIfPresent(user, forKey: .user)
    }
}
