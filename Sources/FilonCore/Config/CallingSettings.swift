/// `[calling]`: calling windows, attempt limits and the recycling of call outcomes.
public struct CallingSettings: Sendable, Equatable {
    public init() {}
}
