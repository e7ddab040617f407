/// What a reassignment did: how many prospects each user received and gave away (by login), and
/// the prospects it left where they were, with why.
public struct ReassignmentSummary: Sendable, Equatable {
    public var received: [String: Int] = [:]
    public var given: [String: Int] = [:]
    public var skipped: [SkippedProspect] = []

    public init() {}

    /// Prospects that changed owner.
    public var moved: Int { received.values.reduce(0, +) }
}
