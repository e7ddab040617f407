/// Everything one provider answered about one company.
public struct EnrichmentResult: Sendable, Equatable {
    /// Registry-like facts (directors, finances, closure…), merged with the source precedence.
    public var observation: CompanyObservation?
    public var contacts: [ContactFinding]
    public var webPresence: WebPresenceFinding?
    public var audit: WebsiteAuditReport?
    /// Facts worth a seller's attention that are not contacts: "hiring", "tech: WordPress"…
    public var signals: [Signal]
    /// Credits this answer cost (0 for free providers).
    public var creditsSpent: Int
    /// False when the provider does not know the company.
    public var found: Bool

    public struct Signal: Sendable, Equatable {
        public var kind: String
        public var detail: String
        public init(kind: String, detail: String) {
            self.kind = kind
            self.detail = detail
        }
    }

    public init(
        observation: CompanyObservation? = nil, contacts: [ContactFinding] = [], webPresence: WebPresenceFinding? = nil,
        audit: WebsiteAuditReport? = nil, signals: [Signal] = [], creditsSpent: Int = 0, found: Bool = true
    ) {
        self.observation = observation
        self.contacts = contacts
        self.webPresence = webPresence
        self.audit = audit
        self.signals = signals
        self.creditsSpent = creditsSpent
        self.found = found
    }

    public static func notFound(creditsSpent: Int = 0) -> EnrichmentResult {
        EnrichmentResult(creditsSpent: creditsSpent, found: false)
    }
}
