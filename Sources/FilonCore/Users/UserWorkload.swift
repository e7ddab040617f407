/// A user as the team list shows them: how many open prospects they hold against their
/// capacity, and what they did today (French local day).
public struct UserWorkload: Sendable, Equatable {
    public var user: CRMUser
    /// Open prospects they own (statuses still in play).
    public var load: Int
    public var callsToday: Int
    /// Emails they wrote today (queued for sending).
    public var emailsToday: Int
    public var notesToday: Int

    public init(user: CRMUser, load: Int, callsToday: Int = 0, emailsToday: Int = 0, notesToday: Int = 0) {
        self.user = user
        self.load = load
        self.callsToday = callsToday
        self.emailsToday = emailsToday
        self.notesToday = notesToday
    }
}
