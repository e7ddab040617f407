import Foundation

/// At most `maxAttempts` calls in any `days` consecutive days (a sliding window, counted in
/// calendar days of the calling time zone).
public struct AttemptLimit: Sendable, Equatable {
    public var maxAttempts: Int
    public var days: Int

    public init(maxAttempts: Int, days: Int) {
        self.maxAttempts = maxAttempts
        self.days = days
    }

    /// For sole traders: the consumer limit of décret 2022-1313, 4 calls in 30 days.
    public static let soleTraderDefault = AttemptLimit(maxAttempts: 4, days: 30)

    /// nil when one more call is allowed at `date` given the calls made at `attempts` (any order;
    /// those outside the window are ignored), else the moment the oldest counted call leaves
    /// the window and one is allowed again.
    public func freesUp(attempts: [Date], at date: Date, calendar: Calendar) -> Date? {
        guard let windowStart = calendar.date(byAdding: .day, value: -days, to: date) else { return nil }
        let recent = attempts.filter { $0 > windowStart && $0 <= date }.sorted()
        guard recent.count >= maxAttempts else { return nil }
        // Once this call is out of the window, maxAttempts - 1 remain and one more is allowed.
        let blocking = recent[recent.count - maxAttempts]
        return calendar.date(byAdding: .day, value: days, to: blocking)
    }
}
