import FilonCore
import Foundation
import Logging

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Our own audit of a company's website, free: the key signal for a seller of websites. It reads
/// the homepage the way a visitor's browser would (redirects, HTTPS, certificate), looks at what
/// the page says (mobile viewport, CMS and its age, ©, legal notice, parked or real), and rates
/// the site's maturity. At most three requests per company: the homepage, the plain-HTTP address
/// of an https:// site (does it redirect?), and the legal notice.
struct WebsiteAuditProvider: OneByOneProvider {
    let id = ProviderID.websiteAudit
    let timeToLive: TimeInterval = 30 * 86_400
    let batchSize = 1
    /// A page heavier than this is only counted up to it: enough to call it heavy.
    static let countedBytes = 8_000_000

    private let fetcher = WebsiteFetcher()
    private let now: @Sendable () -> Date

    init(now: @escaping @Sendable () -> Date = { Date() }) {
        self.now = now
    }

    func maxCredits(_ settings: ProviderSettings) -> Int { 0 }

    // MARK: - One company

    func enrich(_ company: CompanyProfile, _ call: ProviderCall) async throws -> EnrichmentResult {
        // The stage asks only when a site is known; answer plainly if not.
        guard let site = company.websites.first else { return .notFound() }
        guard let start = Self.normalise(site) else { return EnrichmentResult(found: false) }
        let timeout = call.client.policy.timeout
        let homepage = WebsiteFetcher.Limits(
            keep: HomepageAnalysis.analysedBytes, count: Self.countedBytes, idleTimeout: timeout,
            totalTimeout: timeout * 2)
        let today = now()
        let currentYear = MaturityRating.year(of: today)
        // The stage compares `url` with the company's first website to know whether it is fresh.
        var report = WebsiteAuditReport(url: site, maturity: DigitalMaturity(level: .none, reasons: []))

        var page: WebsiteFetcher.Page?
        var failure: WebsiteFetcher.Failure?
        switch try await fetch(start, .follow, homepage, call) {
        case .success(let fetched): page = fetched
        case .failure(let error): failure = error
        }
        let chain = page?.chain ?? failure?.chain ?? [start]
        report.redirectsToHTTPS = Self.isHTTPS(start) == false && chain.last.map(Self.isHTTPS) == true
        if failure?.kind == .tls {
            report.certificateValid = false
        } else if page != nil, chain.contains(where: Self.isHTTPS) {
            report.certificateValid = true
        }

        // A host that is not found or does not answer would not answer on port 80 either: no
        // second wait.
        let hostAnswers = failure.map { $0.kind != .hostNotFound && $0.kind != .timeout } ?? true
        if Self.isHTTPS(start), hostAnswers, let probeURL = Self.plainHTTP(start) {
            // Without a page yet, the plain-HTTP answer may be the site itself (no TLS on it at all).
            var limits = homepage
            if page != nil { limits.keep = 0 }
            let probe = try await fetch(probeURL, .untilHTTPS, limits, call)
            let probeChain: [URL]
            switch probe {
            case .success(let fetched):
                probeChain = fetched.chain
                if page == nil, (200..<300).contains(fetched.status) { page = fetched }
            case .failure(let error):
                probeChain = error.chain
            }
            if probeChain.dropFirst().contains(where: Self.isHTTPS) { report.redirectsToHTTPS = true }
        }

        if let page {
            report.https = Self.isHTTPS(page.url)
            report.finalURL = page.url.absoluteString
            report.httpStatus = page.status
            report.bytes = page.bytes
            report.responseMilliseconds = page.milliseconds
            report.lastModified = page.headers["last-modified"]
            if (200..<300).contains(page.status) {
                report.reachable = true
                let analysis = HomepageAnalysis(body: page.body, headers: page.headers, currentYear: currentYear)
                report.hasViewport = analysis.hasViewport
                report.cms = analysis.cms
                report.copyrightYear = analysis.copyrightYear
                report.title = analysis.title
                report.description = analysis.description
                report.hasLocalBusinessSchema = analysis.hasLocalBusinessSchema
                report.socialLinks = analysis.socialLinks
                report.parked = analysis.parked
                if !analysis.parked, let link = analysis.legalNoticeLink {
                    report.legalNoticeHasSiren = try await legalNoticeHasSiren(
                        link, from: page, siren: company.siren, homepage, call)
                }
            } else {
                report.error = Self.describe(status: page.status)
            }
        } else {
            report.https = chain.last.map(Self.isHTTPS) ?? false
            if chain.count > 1 { report.finalURL = chain.last?.absoluteString }
            report.error = failure?.message ?? "no answer"
        }

        report.maturity = MaturityRating.rate(report, now: today)
        call.logger.debug(
            "website_audit: \(site) is \(report.maturity.level.rawValue)",
            metadata: ["siren": "\(company.siren)", "reasons": "\(report.maturity.reasons.joined(separator: "; "))"])
        return Self.result(report)
    }

    /// Whether the legal notice the homepage links to carries the SIREN; nil when it cannot be read.
    private func legalNoticeHasSiren(
        _ link: String, from page: WebsiteFetcher.Page, siren: Int, _ homepage: WebsiteFetcher.Limits,
        _ call: ProviderCall
    ) async throws -> Bool? {
        // Only the site's own pages: a link to a host's or a parking company's notice says nothing
        // about this business.
        guard let target = Self.resolve(link, against: page.url), Self.sameSite(target, page.url) else { return nil }
        if Self.withoutFragment(target) == Self.withoutFragment(page.url) {
            return Self.pageMentions(siren, page.body, page.headers)
        }
        var limits = homepage
        limits.count = limits.keep
        guard case .success(let notice) = try await fetch(target, .follow, limits, call),
            (200..<300).contains(notice.status)
        else { return nil }
        return Self.pageMentions(siren, notice.body, notice.headers)
    }

    private func fetch(
        _ url: URL, _ redirects: WebsiteFetcher.Redirects, _ limits: WebsiteFetcher.Limits, _ call: ProviderCall
    ) async throws -> Result<WebsiteFetcher.Page, WebsiteFetcher.Failure> {
        try await call.client.pace()
        return try await fetcher.fetch(
            url, redirects: redirects, limits: limits, userAgent: call.client.policy.userAgent)
    }

    // MARK: - Result

    static func result(_ report: WebsiteAuditReport) -> EnrichmentResult {
        var contacts: [ContactFinding] = []
        // A parked page is no website: it is not offered as the company's site.
        if report.reachable, !report.parked {
            contacts.append(ContactFinding(kind: .website, value: report.finalURL ?? report.url))
        }
        for link in report.socialLinks {
            let network = HomepageAnalysis.socialNetwork(link)
            contacts.append(
                ContactFinding(
                    kind: network == "linkedin" ? .linkedin : .other, value: link, subtype: .company, label: network))
        }
        let signals = report.cms.map { [EnrichmentResult.Signal(kind: "cms", detail: $0)] } ?? []
        return EnrichmentResult(
            contacts: contacts, webPresence: WebPresenceFinding(website: report.finalURL ?? report.url), audit: report,
            signals: signals, creditsSpent: 0)
    }

    // MARK: - URLs

    /// The site as a URL to fetch: https:// when no scheme is given, "/" when no path; nil when it
    /// is not a web address ("mailto:…", spaces, no host).
    static func normalise(_ site: String) -> URL? {
        var text = site.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty, !text.contains(where: \.isWhitespace) else { return nil }
        if text.hasPrefix("//") {
            text = "https:" + text
        } else if !text.contains("://") {
            // "mailto:", "tel:": a scheme without "//" is not a site.
            if let colon = text.firstIndex(of: ":"), text[..<colon].allSatisfy(\.isLetter) { return nil }
            text = "https://" + text
        }
        guard var components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty,
            components.user == nil, components.password == nil
        else { return nil }
        components.scheme = scheme
        components.host = host.lowercased()
        components.fragment = nil
        if components.path.isEmpty { components.path = "/" }
        return components.url
    }

    /// http://host[:port]/ for an https:// site (an explicit port is kept: it is how the tests,
    /// and odd setups, serve both).
    static func plainHTTP(_ url: URL) -> URL? {
        guard var components = URLComponents(url: url, resolvingAgainstBaseURL: true) else { return nil }
        components.scheme = "http"
        components.path = "/"
        components.query = nil
        components.fragment = nil
        return components.url
    }

    /// A link of the page as an absolute http(s) URL.
    static func resolve(_ link: String, against base: URL) -> URL? {
        let trimmed = link.trimmingCharacters(in: .whitespacesAndNewlines)
        let url =
            URL(string: trimmed, relativeTo: base)
            ?? trimmed.addingPercentEncoding(withAllowedCharacters: .urlFragmentAllowed).flatMap {
                URL(string: $0, relativeTo: base)
            }
        guard let absolute = url?.absoluteURL, isHTTPS(absolute) || absolute.scheme?.lowercased() == "http",
            absolute.host?.isEmpty == false
        else { return nil }
        return absolute
    }

    private static func withoutFragment(_ url: URL) -> String {
        var components = URLComponents(url: url, resolvingAgainstBaseURL: true)
        components?.fragment = nil
        return components?.string ?? url.absoluteString
    }

    /// Same host, "www." aside.
    static func sameSite(_ a: URL, _ b: URL) -> Bool {
        func bare(_ url: URL) -> String? {
            guard let host = url.host?.lowercased() else { return nil }
            return host.hasPrefix("www.") ? String(host.dropFirst(4)) : host
        }
        return bare(a) != nil && bare(a) == bare(b)
    }

    static func isHTTPS(_ url: URL) -> Bool { url.scheme?.lowercased() == "https" }

    private static func pageMentions(_ siren: Int, _ body: Data, _ headers: [String: String]) -> Bool {
        let text = HTMLScan(HomepageAnalysis.decode(body, contentType: headers["content-type"])).text
        return HomepageAnalysis.containsSiren(siren, in: text)
    }

    /// "HTTP 404 (not found)".
    static func describe(status: Int) -> String {
        let words = HTTPURLResponse.localizedString(forStatusCode: status).lowercased()
        return "HTTP \(status)" + (words.isEmpty ? "" : " (\(words))")
    }
}
