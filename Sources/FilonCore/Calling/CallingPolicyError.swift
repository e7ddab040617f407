import Foundation

/// Why the next step after a call cannot be decided, with what the operator must do.
public enum CallingPolicyError: Error, Equatable, CustomStringConvertible {
    case followUpDateMissing
    case followUpDateNotAfterCall(followUp: Date, call: Date)

    public var description: String {
        switch self {
        case .followUpDateMissing:
            return "a callback needs a date: ask the prospect when to call back and record it"
        case .followUpDateNotAfterCall(let followUp, let call):
            return "the callback date \(followUp) is not after the call (\(call)): choose a later date"
        }
    }
}
