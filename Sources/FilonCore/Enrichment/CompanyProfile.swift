/// What providers are told about a company to find it: its registry identity and what other
/// sources already found (a website, LinkedIn pages, directors).
public struct CompanyProfile: Sendable, Equatable {
    public var siren: Int
    public var name: String?
    public var legalForm: String?
    public var nafCode: String?
    public var creationDate: String?
    public var isActive: Bool
    public var address: ObservedAddress?
    public var headOfficeSiret: Int?
    public var directors: [Director]
    /// Known websites, best first (from any source).
    public var websites: [String]
    /// Known LinkedIn profile or company URLs.
    public var linkedinURLs: [String]
    public var score: Int

    public init(
        siren: Int, name: String? = nil, legalForm: String? = nil, nafCode: String? = nil, creationDate: String? = nil,
        isActive: Bool = true, address: ObservedAddress? = nil, headOfficeSiret: Int? = nil,
        directors: [Director] = [], websites: [String] = [], linkedinURLs: [String] = [], score: Int = 0
    ) {
        self.siren = siren
        self.name = name
        self.legalForm = legalForm
        self.nafCode = nafCode
        self.creationDate = creationDate
        self.isActive = isActive
        self.address = address
        self.headOfficeSiret = headOfficeSiret
        self.directors = directors
        self.websites = websites
        self.linkedinURLs = linkedinURLs
        self.score = score
    }
}
