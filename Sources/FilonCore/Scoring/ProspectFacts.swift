/// Everything the score and the route read about one company, already reduced to plain values:
/// the scorer stays pure and fast, and the store loads these for a whole batch at once.
public struct ProspectFacts: Sendable, Equatable {
    /// What the web-presence verdict means for a seller of websites.
    public enum Website: Sendable, Equatable {
        /// No verdict yet ("not enriched yet", "website not audited yet"): no points either way.
        case unknown
        /// "no website", "no website found", "parked domain", "website unreachable", "no usable website".
        case missing
        /// "weak website".
        case weak
        /// "fair website", "good website".
        case present

        /// Reads `web_presence.website_verdict` (the texts of `WebPresenceVerdict`).
        public init(verdict: String?) {
            switch verdict {
            case "no website", "no website found", "parked domain", "website unreachable", "no usable website":
                self = .missing
            case "weak website": self = .weak
            case "fair website", "good website": self = .present
            default: self = .unknown
            }
        }
    }

    public var createdOn: CalendarDay?
    /// `company.state = 'C'`.
    public var isCeased: Bool
    /// Sirene diffusion `P`: never prospected (art. A123-96 of the Code de commerce).
    public var isRestricted: Bool
    /// NAF rév. 2 code ("56.10A"); nil for codes of older nomenclatures, which the sector table
    /// would misread.
    public var nafCode: String?
    /// INSEE size band (`NN`, `00`, `01`… `53`).
    public var sizeBand: String?
    public var website: Website
    /// `web_presence.digital_maturity`: 0 none, 1 weak, 2 fair, 3 good.
    public var digitalMaturity: Int?
    /// A physical-person director in `person`, or the sole trader's own name.
    public var hasNamedDirector: Bool
    /// A phone contact point that has not opted out.
    public var hasPhone: Bool
    public var doNotContact: Bool
    public var isArchived: Bool

    public init(
        createdOn: CalendarDay? = nil, isCeased: Bool = false, isRestricted: Bool = false, nafCode: String? = nil,
        sizeBand: String? = nil, website: Website = .unknown, digitalMaturity: Int? = nil,
        hasNamedDirector: Bool = false, hasPhone: Bool = false, doNotContact: Bool = false, isArchived: Bool = false
    ) {
        self.createdOn = createdOn
        self.isCeased = isCeased
        self.isRestricted = isRestricted
        self.nafCode = nafCode
        self.sizeBand = sizeBand
        self.website = website
        self.digitalMaturity = digitalMaturity
        self.hasNamedDirector = hasNamedDirector
        self.hasPhone = hasPhone
        self.doNotContact = doNotContact
        self.isArchived = isArchived
    }
}
