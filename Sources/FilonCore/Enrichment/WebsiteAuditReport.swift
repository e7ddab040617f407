/// What our own audit of a website's homepage found.
public struct WebsiteAuditReport: Sendable, Equatable {
    public var url: String
    /// Where the redirects ended.
    public var finalURL: String?
    public var reachable: Bool
    public var httpStatus: Int?
    public var https: Bool
    /// The TLS certificate was accepted by the system's trust store.
    public var certificateValid: Bool?
    public var redirectsToHTTPS: Bool
    public var hasViewport: Bool
    public var cms: String?
    public var copyrightYear: Int?
    public var lastModified: String?
    public var bytes: Int?
    public var responseMilliseconds: Int?
    public var title: String?
    public var description: String?
    /// A "mentions légales" page was found and carries the company's SIREN.
    public var legalNoticeHasSiren: Bool?
    /// Parked domain, "site en construction", placeholder page.
    public var parked: Bool
    public var hasLocalBusinessSchema: Bool
    public var socialLinks: [String]
    /// Why the site could not be read, in words.
    public var error: String?
    public var maturity: DigitalMaturity

    public init(url: String, maturity: DigitalMaturity) {
        self.url = url
        finalURL = nil
        reachable = false
        httpStatus = nil
        https = false
        certificateValid = nil
        redirectsToHTTPS = false
        hasViewport = false
        cms = nil
        copyrightYear = nil
        lastModified = nil
        bytes = nil
        responseMilliseconds = nil
        title = nil
        description = nil
        legalNoticeHasSiren = nil
        parked = false
        hasLocalBusinessSchema = false
        socialLinks = []
        error = nil
        self.maturity = maturity
    }
}
