import Foundation

/// One prospect of a work list (the follow-ups due today, the forgotten prospects), with what
/// puts it there.
public struct WorklistEntry: Sendable, Equatable {
    public var siren: Int
    public var name: String?
    public var city: String?
    /// Nil when the company is not a prospect (a follow-up can outlive the prospect row).
    public var status: PipelineStatus?
    /// The owner's login (an admin's lists show everyone's).
    public var owner: String?
    /// The follow-up's due time, or the last time someone touched the prospect.
    public var at: Date
    /// The follow-up's note, if any.
    public var note: String?

    public init(
        siren: Int, name: String?, city: String?, status: PipelineStatus?, owner: String?, at: Date,
        note: String? = nil
    ) {
        self.siren = siren
        self.name = name
        self.city = city
        self.status = status
        self.owner = owner
        self.at = at
        self.note = note
    }
}
