/// Something a person should look at: a prospect nobody worked, a callback not made.
public struct Alert: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable {
        case untreated
        case overdueFollowUp = "overdue_follow_up"
    }

    public var kind: Kind
    public var siren: Int
    public var owner: String?
    public var detail: String
}
