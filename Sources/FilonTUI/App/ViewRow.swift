import FilonCore

/// A list the left pane shows besides the queue and the newest companies.
public enum WorkView: Hashable, Sendable {
    /// The search results for this text.
    case search(String)
    /// "My follow-ups today" (everyone's for an admin), the overdue ones first.
    case followUpsToday
    /// "Forgotten prospects": assigned, open, nothing planned and nobody's action for days.
    case forgotten
    /// The admin's selection: one user's prospects, by status or tier.
    case prospects(SelectionFilter)
}

/// One line of a work view: the prospect and what puts it there.
public struct ViewRow: Sendable, Equatable {
    public var siren: Int
    public var name: String
    public var city: String?
    /// Nouveau when the company is not a prospect yet (no prospect row).
    public var status: PipelineStatus
    /// The matched field of a search hit, the due time of a follow-up, since when a prospect is
    /// untouched.
    public var detail: String
    /// Whether the detail calls for attention (an overdue follow-up).
    public var isUrgent: Bool

    public init(
        siren: Int, name: String?, city: String?, status: PipelineStatus?, detail: String, isUrgent: Bool = false
    ) {
        self.siren = siren
        self.name = name ?? AppDatabase.undisclosedName
        self.city = city
        self.status = status ?? .nouveau
        self.detail = detail
        self.isUrgent = isUrgent
    }
}
