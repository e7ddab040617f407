/// What an assignment round did: how many prospects got an owner, who took them, and how many
/// wait because nobody of their role can take them (no active user, all absent, capacity 0).
public struct AssignmentSummary: Sendable, Equatable {
    public var assigned = 0
    public var byUser: [String: Int] = [:]
    public var waiting: [String: Int] = [:]

    public init() {}
}
