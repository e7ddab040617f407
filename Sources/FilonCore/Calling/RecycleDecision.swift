import Foundation

/// What happens to a prospect after a call: dialled again at a time, kept at rest until a date,
/// or no more automatic calls.
public enum RecycleDecision: Sendable, Equatable, CustomStringConvertible {
    /// Back in the queue from `at`: a moment inside the calling window, or for a callback the
    /// time the prospect gave.
    case callAgain(at: Date)
    /// Must not be called before `until` (the first moment inside the calling window once the
    /// rest is over); the queue takes the prospect back then if its status is still open.
    case rest(until: Date, RestReason)
    /// The queue stops calling; only a person brings the prospect back.
    case stop(StopReason)

    public enum RestReason: Sendable, Equatable, CustomStringConvertible {
        /// The prospect refused: no call for this many days (D223-9's 60 days by default).
        case refusal(days: Int)
        /// The calls in the sliding window reached the limit.
        case attemptLimit(maxAttempts: Int, days: Int)

        public var description: String {
            switch self {
            case .refusal(let days): return "refused: \(days) days' rest"
            case .attemptLimit(let max, let days): return "\(max) calls in \(days) days reached"
            }
        }
    }

    public enum StopReason: Sendable, Equatable, CustomStringConvertible {
        /// The outcome ends the calling by its meaning (interested, do not call, wrong number).
        case finalOutcome(Disposition)
        /// The configuration says this outcome is never recycled.
        case notRecycled(Disposition)
        /// The outcome's maximum of attempts is spent.
        case attemptsExhausted(Disposition, maxAttempts: Int)

        public var description: String {
            switch self {
            case .finalOutcome(let d): return "\(d.label): no more calls"
            case .notRecycled(let d): return "\(d.label) is not recycled"
            case .attemptsExhausted(let d, let max): return "\(d.label) after \(max) attempts: no more calls"
            }
        }
    }

    public var description: String {
        switch self {
        case .callAgain(let at): return "call again at \(at)"
        case .rest(let until, let reason): return "\(reason); rest until \(until)"
        case .stop(let reason): return reason.description
        }
    }
}
