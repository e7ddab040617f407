/// The dashboard: every figure of `filon report` and of the screen's dashboard pane, as one
/// value. Each figure's exact definition is in docs/METRICS.md and on `ReportBuilder`'s method
/// that computes it.
public struct TeamReport: Sendable, Equatable, Codable {
    /// The days covered, and the user when the report is one person's.
    public let period: ReportPeriod
    /// When the report was built (stored UTC timestamp): the moment of the counts that are not
    /// over the period (statuses, prospects without action, overdue follow-ups, alerts).
    public let generatedAt: String

    /// New companies detected automatically (the daemon's), per day.
    public let detections: Detections

    /// Calls recorded in the period.
    public let calls: Int
    /// The same per local day, every day of the period in order.
    public let callsPerDay: [DayCount]
    /// Emails the mail server accepted in the period.
    public let emailsSent: Int
    /// Calls that reached a person over all calls.
    public let contactRate: Ratio
    /// Calls ended "interested" over the calls that reached a person.
    public let conversionRate: Ratio
    /// Prospects reached by phone over the prospects called or emailed (distinct companies).
    public let responseRate: Ratio
    /// Seconds of the timed calls, added up.
    public let talkSeconds: Int

    /// Live (not archived) prospects per pipeline status, in pipeline order, zeros included.
    public let statuses: [StatusCount]
    /// One row per user, by login.
    public let users: [UserPerformance]
    /// Assigned open prospects nobody acted on since they were assigned.
    public let withoutAction: Int
    /// Follow-ups and callbacks due and not done.
    public let overdueFollowUps: Int

    /// How far enrichment got with the companies detected in the period.
    public let enrichment: EnrichmentCoverage
    /// Requests and credits per provider over the period, by provider id.
    public let credits: [ProviderCredits]

    public let alerts: ReportAlerts

    /// Prospects reached or emailed in the period before any article 14 notice was recorded
    /// (RGPD R3): should be 0.
    public let contactedWithoutNotice: Int

    public init(
        period: ReportPeriod, generatedAt: String, detections: Detections, calls: Int, callsPerDay: [DayCount],
        emailsSent: Int, contactRate: Ratio, conversionRate: Ratio, responseRate: Ratio, talkSeconds: Int,
        statuses: [StatusCount], users: [UserPerformance], withoutAction: Int, overdueFollowUps: Int,
        enrichment: EnrichmentCoverage, credits: [ProviderCredits], alerts: ReportAlerts,
        contactedWithoutNotice: Int = 0
    ) {
        self.period = period
        self.generatedAt = generatedAt
        self.detections = detections
        self.calls = calls
        self.callsPerDay = callsPerDay
        self.emailsSent = emailsSent
        self.contactRate = contactRate
        self.conversionRate = conversionRate
        self.responseRate = responseRate
        self.talkSeconds = talkSeconds
        self.statuses = statuses
        self.users = users
        self.withoutAction = withoutAction
        self.overdueFollowUps = overdueFollowUps
        self.enrichment = enrichment
        self.credits = credits
        self.alerts = alerts
        self.contactedWithoutNotice = contactedWithoutNotice
    }

    /// Credits of every provider over the period.
    public var creditsSpent: Int { credits.reduce(0) { $0 + $1.credits } }
}
