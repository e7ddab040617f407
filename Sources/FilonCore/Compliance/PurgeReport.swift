/// What the retention purge would do (the dry run) or did (after an admin's confirmation).
public struct PurgeReport: Sendable, Equatable, Codable {
    /// Prospects whose clock is before this are past their retention.
    public var cutoff: String
    public var years: Int
    /// False for the dry run.
    public var applied: Bool
    public var candidates: [PurgeCandidate]

    public var persons: Int { candidates.reduce(0) { $0 + $1.persons } }
    public var contactPoints: Int { candidates.reduce(0) { $0 + $1.contactPoints } }
    public var activityTexts: Int { candidates.reduce(0) { $0 + $1.activityTexts } }
    public var emails: Int { candidates.reduce(0) { $0 + $1.emails } }
    public var notes: Int { candidates.filter(\.hasNotes).count }
}
