/// How far enrichment got with the companies detected automatically in a report's period: the
/// share of them with each kind of finding. The newest companies are the ones the daemon enriches
/// first, and the ones a seller calls first.
public struct EnrichmentCoverage: Sendable, Equatable, Codable {
    /// The companies looked at: `Detections.total`.
    public let companies: Int
    /// Gone through the enrichment stage at least once (`enrichment_state`).
    public let enriched: Ratio
    /// With a phone number (`contact_point` of kind `phone`).
    public let withPhone: Ratio
    /// With an email address (`contact_point` of kind `email`).
    public let withEmail: Ratio
    /// With a settled web-presence verdict (`web_presence.digital_maturity` set: no website,
    /// weak, fair or good): what a seller of websites needs to know.
    public let withWebVerdict: Ratio

    public init(companies: Int, enriched: Int, withPhone: Int, withEmail: Int, withWebVerdict: Int) {
        self.companies = companies
        self.enriched = Ratio(part: enriched, whole: companies)
        self.withPhone = Ratio(part: withPhone, whole: companies)
        self.withEmail = Ratio(part: withEmail, whole: companies)
        self.withWebVerdict = Ratio(part: withWebVerdict, whole: companies)
    }
}
