/// What a provider says about a company's presence on the web.
public struct WebPresenceFinding: Sendable, Equatable {
    /// The website it gives, if any.
    public var website: String?
    /// True when the provider positively knows the business and lists no website for it
    /// (a Google place without `websiteUri`): the "no website" signal.
    public var listsNoWebsite: Bool
    /// Google Maps status: `operational`, `closed_temporarily`, `closed_permanently`.
    public var googleStatus: String?
    public var googleRating: Double?
    public var googleReviews: Int?

    public init(
        website: String? = nil, listsNoWebsite: Bool = false, googleStatus: String? = nil, googleRating: Double? = nil,
        googleReviews: Int? = nil
    ) {
        self.website = website
        self.listsNoWebsite = listsNoWebsite
        self.googleStatus = googleStatus
        self.googleRating = googleRating
        self.googleReviews = googleReviews
    }
}
