import GRDB

/// The web-presence verdict of a company, from its audit, its website and what providers said:
/// for a seller of websites, "no website" and "weak website" are the leads.
public struct WebPresenceVerdict: Sendable, Equatable {
    public var text: String
    /// Nil while nothing is known yet.
    public var level: DigitalMaturity.Level?
    public var reasons: [String]

    /// Providers whose answer would carry a website if the business had one.
    static let websiteProviders = [ProviderID.nominatim, .overpass, .googlePlaces, .pappers, .clearbit]
        .map { "'\($0.rawValue)'" }.joined(separator: ", ")

    public static func compute(siren: Int, _ db: Database) throws -> WebPresenceVerdict {
        if let audit = try Row.fetchOne(
            db, sql: "SELECT reachable, parked, maturity, maturity_reasons FROM website_audit WHERE siren = ?",
            arguments: [siren])
        {
            let level = DigitalMaturity.Level(rawValue: audit["maturity"]) ?? .none
            let reasons = (audit["maturity_reasons"] as String?)?.components(separatedBy: "; ").filter { !$0.isEmpty }
            let text: String
            switch level {
            case .none:
                text =
                    (audit["parked"] as Bool)
                    ? "parked domain" : (audit["reachable"] as Bool) ? "no usable website" : "website unreachable"
            case .weak: text = "weak website"
            case .fair: text = "fair website"
            case .good: text = "good website"
            }
            return WebPresenceVerdict(text: text, level: level, reasons: reasons ?? [])
        }
        let web = try Row.fetchOne(
            db, sql: "SELECT website, google_presence FROM web_presence WHERE siren = ?", arguments: [siren])
        if let website = web?["website"] as String? {
            return WebPresenceVerdict(text: "website not audited yet", level: nil, reasons: [website])
        }
        let listedWithout = try String.fetchAll(
            db, sql: "SELECT detail FROM company_signal WHERE siren = ? AND kind = 'no_website' ORDER BY detail",
            arguments: [siren])
        if !listedWithout.isEmpty {
            return WebPresenceVerdict(
                text: "no website", level: DigitalMaturity.Level.none,
                reasons: listedWithout.map { "\($0) lists the business without a website" })
        }
        let asked = try String.fetchAll(
            db,
            sql: """
                SELECT provider FROM provider_fetch WHERE siren = ? AND outcome IN ('found', 'not_found')
                  AND provider IN (\(websiteProviders)) ORDER BY provider
                """,
            arguments: [siren])
        if !asked.isEmpty {
            return WebPresenceVerdict(
                text: "no website found", level: DigitalMaturity.Level.none,
                reasons: ["no website from " + asked.joined(separator: ", ")])
        }
        return WebPresenceVerdict(text: "not enriched yet", level: nil, reasons: [])
    }
}
