import FilonCore
import Foundation

/// A homepage as the website audit reads it: `HomepageAnalysis` (decoding, HTML scan, CMS,
/// copyright, schema, links), then the legal notice link resolved and the page searched for the
/// SIREN, as `WebsiteAuditProvider` does. It never refuses a page: it must only return.
enum FuzzWebsite {
    static let page = URL(string: "https://boulangerie-martin-lyon.fr/accueil")!

    static func run(_ bytes: Data) -> FuzzOutcome {
        let headers = ["content-type": "text/html"]
        let analysis = HomepageAnalysis(body: bytes, headers: headers, currentYear: 2026)
        var notice = "no legal notice"
        if let link = analysis.legalNoticeLink, let target = WebsiteAuditProvider.resolve(link, against: page) {
            notice = WebsiteAuditProvider.sameSite(target, page) ? "legal notice on the site" : "legal notice elsewhere"
        }
        let text = HTMLScan(HomepageAnalysis.decode(bytes, contentType: headers["content-type"])).text
        let siren = HomepageAnalysis.containsSiren(FuzzEnrichment.company.siren, in: text)
        return .parsed("cms \(analysis.cms ?? "none"), \(notice), siren \(siren)")
    }
}
