import FilonCore

/// The call under way: to whom, on which number, since when. Its outcome key records the call
/// with its duration.
public struct ActiveCall: Equatable, Sendable {
    public var target: ActionTarget
    /// The number as the card shows it.
    public var phone: String
    public var timer: CallTimer
}
