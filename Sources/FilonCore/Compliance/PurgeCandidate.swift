/// One prospect past its retention, and what the purge would remove from it.
public struct PurgeCandidate: Sendable, Equatable, Codable {
    public var siren: Int
    public var name: String?
    /// The retention clock: last inbound contact, else first contact, else creation.
    public var clock: String
    /// Physical persons whose names would be blanked (directors, contacts).
    public var persons: Int
    /// Nominative or personal contact points (nominative emails, mobiles, personal profiles)
    /// that would be deleted. Generic addresses and switchboards are the company's and stay.
    public var contactPoints: Int
    /// Contact points that objected: kept, since the objection must outlive the purge (R7).
    public var keptObjections: Int
    /// Whether the prospect's free-text notes would be emptied.
    public var hasNotes: Bool
    /// Timeline rows whose free text (call notes, notes) would be blanked.
    public var activityTexts: Int
    /// Sent or failed messages (addresses, names, bodies) that would be deleted.
    public var emails: Int

    /// Whether anything personal is left to remove.
    public var isEmpty: Bool { persons + contactPoints + activityTexts + emails == 0 && !hasNotes }
}
