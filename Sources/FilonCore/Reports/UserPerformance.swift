/// One user's work over a report's period, after VICIdial's agent performance report.
public struct UserPerformance: Sendable, Equatable, Codable {
    public let login: String
    public let name: String
    /// `admin`, `commercial` or `telepro`.
    public let role: String
    public let active: Bool
    /// Calls recorded (`activity` of kind `call`).
    public let calls: Int
    /// Clock hours in which the user recorded at least one call: the working time the calls per
    /// hour are measured against (Filon keeps no log-in sessions).
    public let activeHours: Int
    /// `calls / activeHours`; nil without calls.
    public let callsPerHour: Double?
    /// Calls that reached a person (`Disposition.isContact`) over all calls.
    public let contactRate: Ratio
    /// Calls ended "interested" (`Disposition.isPositive`) over the contacts.
    public let conversionRate: Ratio
    /// Seconds of the timed calls, added up.
    public let talkSeconds: Int
    /// Calls with a recorded length (the others add nothing to `talkSeconds`).
    public let timedCalls: Int
    /// Emails of the user's the server accepted.
    public let emailsSent: Int

    public init(
        login: String, name: String, role: String, active: Bool, calls: Int, activeHours: Int, contacts: Int,
        conversions: Int, talkSeconds: Int, timedCalls: Int, emailsSent: Int
    ) {
        self.login = login
        self.name = name
        self.role = role
        self.active = active
        self.calls = calls
        self.activeHours = activeHours
        callsPerHour = activeHours == 0 ? nil : Double(calls) / Double(activeHours)
        contactRate = Ratio(part: contacts, whole: calls)
        conversionRate = Ratio(part: conversions, whole: contacts)
        self.talkSeconds = talkSeconds
        self.timedCalls = timedCalls
        self.emailsSent = emailsSent
    }
}
