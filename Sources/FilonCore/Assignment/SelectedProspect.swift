import Foundation

/// One prospect of an admin's selection, with what they choose by: who owns it and since when,
/// where it stands, and how good it looks.
public struct SelectedProspect: Sendable, Equatable {
    public var siren: Int
    public var name: String?
    public var city: String?
    public var ownerID: Int?
    public var ownerLogin: String?
    public var status: PipelineStatus
    public var tier: Tier?
    public var score: Int
    public var assignedAt: Date?

    public init(
        siren: Int, name: String?, city: String?, ownerID: Int?, ownerLogin: String?, status: PipelineStatus,
        tier: Tier?, score: Int, assignedAt: Date?
    ) {
        self.siren = siren
        self.name = name
        self.city = city
        self.ownerID = ownerID
        self.ownerLogin = ownerLogin
        self.status = status
        self.tier = tier
        self.score = score
        self.assignedAt = assignedAt
    }
}
