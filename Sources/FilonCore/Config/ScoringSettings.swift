/// `[scoring]`: the weights of the prospect score and the tier and routing rules.
public struct ScoringSettings: Sendable, Equatable {
    public init() {}
}
