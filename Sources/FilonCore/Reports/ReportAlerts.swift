/// What needs someone now, for the screen's header and the admin screen: each count should be
/// zero. Counted at the report's time, whatever its period.
public struct ReportAlerts: Sendable, Equatable, Codable {
    /// Assigned prospects nobody acted on for `untreated_days` (FollowUpWatch's untreated alerts).
    public let untreated: Int
    /// Follow-ups and callbacks due and not done (FollowUpWatch's overdue alerts).
    public let overdueFollowUps: Int
    /// Prospects the assignment should have given an available owner of the right role and has
    /// not (`AssignmentEngine.assignUnowned`'s candidates). Zero after every pass, unless nobody
    /// of a role can take prospects.
    public let withoutOwner: Int
    /// Steps of the daemon whose latest recent run failed.
    public let failedSteps: [FailedStep]
    /// The daemon's schedule, as configured (`[daemon] schedule`).
    public let schedule: String
    /// When the newest pass started (stored UTC timestamp); nil when the daemon never ran.
    public let lastPassAt: String?
    /// No pass at all, or none started within the schedule's interval and its margin.
    public let passOverdue: Bool
    /// The oldest untreated prospects and overdue follow-ups, a few of each, for the admin screen.
    public let examples: [Alert]

    public init(
        untreated: Int, overdueFollowUps: Int, withoutOwner: Int, failedSteps: [FailedStep], schedule: String,
        lastPassAt: String?, passOverdue: Bool, examples: [Alert]
    ) {
        self.untreated = untreated
        self.overdueFollowUps = overdueFollowUps
        self.withoutOwner = withoutOwner
        self.failedSteps = failedSteps
        self.schedule = schedule
        self.lastPassAt = lastPassAt
        self.passOverdue = passOverdue
        self.examples = examples
    }

    /// Nothing to look at.
    public var isClear: Bool {
        untreated == 0 && overdueFollowUps == 0 && withoutOwner == 0 && failedSteps.isEmpty && !passOverdue
    }

    /// One line for a header: the alerts raised, most urgent first; "no alerts" when clear.
    public var headline: String {
        var parts: [String] = []
        if passOverdue {
            parts.append(lastPassAt == nil ? "daemon never ran" : "daemon late (last pass \(lastPassAt!))")
        }
        if !failedSteps.isEmpty {
            parts.append("\(failedSteps.count) daemon step\(failedSteps.count == 1 ? "" : "s") failed")
        }
        if withoutOwner > 0 { parts.append("\(withoutOwner) without owner") }
        if overdueFollowUps > 0 {
            parts.append("\(overdueFollowUps) overdue follow-up\(overdueFollowUps == 1 ? "" : "s")")
        }
        if untreated > 0 { parts.append("\(untreated) untreated") }
        return parts.isEmpty ? "no alerts" : parts.joined(separator: " · ")
    }
}
