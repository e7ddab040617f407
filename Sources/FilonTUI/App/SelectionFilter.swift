import FilonCore

/// The admin's choice of prospects: one user's, narrowed to a status or a tier.
public struct SelectionFilter: Hashable, Sendable {
    public var ownerID: Int
    public var ownerLogin: String
    public var status: PipelineStatus?
    public var tier: Tier?

    public init(ownerID: Int, ownerLogin: String, status: PipelineStatus? = nil, tier: Tier? = nil) {
        self.ownerID = ownerID
        self.ownerLogin = ownerLogin
        self.status = status
        self.tier = tier
    }

    /// "tina's prospects, tier A".
    public var title: String {
        "\(ownerLogin)'s prospects" + (status.map { ", \($0.label)" } ?? "")
            + (tier.map { ", tier \($0.rawValue)" } ?? "")
    }
}

/// What a reassignment moves.
public enum ReassignPlan: Equatable, Sendable {
    /// These prospects (the marked ones, or the selected one).
    case prospects([Int])
    /// Every open prospect of a user.
    case allOf(userID: Int, login: String)
}
