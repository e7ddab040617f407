import Foundation

/// How long a call has lasted since it was dialled: what the screen shows while the operator
/// talks, and the duration recorded with the outcome.
public struct CallTimer: Sendable, Equatable {
    public let startedAt: Date

    public init(startedAt: Date = Date()) {
        self.startedAt = startedAt
    }

    /// Whole seconds since the start; 0 if the clock went back, so a duration is never negative.
    public func elapsed(now: Date = Date()) -> Int {
        max(0, Int(now.timeIntervalSince(startedAt).rounded(.down)))
    }

    /// `mm:ss`, or `h:mm:ss` from an hour on.
    public func formatted(now: Date = Date()) -> String {
        Self.format(seconds: elapsed(now: now))
    }

    /// A duration as `mm:ss`, or `h:mm:ss` from an hour on (negative counts as 0).
    public static func format(seconds: Int) -> String {
        let s = max(0, seconds)
        let (hours, minutes, rest) = (s / 3600, s / 60 % 60, s % 60)
        let mmss = (minutes < 10 ? "0" : "") + "\(minutes):" + (rest < 10 ? "0" : "") + "\(rest)"
        return hours > 0 ? "\(hours):\(mmss)" : mmss
    }
}
