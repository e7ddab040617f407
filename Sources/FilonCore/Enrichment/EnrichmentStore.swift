import Foundation
import GRDB

/// Writes what one provider answered about one company, all in the caller's transaction: registry
/// facts through `CompanyMerger`, contact points (one per company, kind and normalised value),
/// web presence and its verdict, the website audit, signals, the cache entry and the day's spend.
public struct EnrichmentStore: Sendable {
    public let provider: ProviderID
    public let run: Int
    public let now: Date

    public init(provider: ProviderID, run: Int, now: Date) {
        self.provider = provider
        self.run = run
        self.now = now
    }

    var stamp: String { Timestamp.string(now) }
    var day: String { String(stamp.prefix(10)) }

    /// Stores an answer and caches it for `timeToLive` seconds.
    @discardableResult
    public func store(_ result: EnrichmentResult, siren: Int, timeToLive: TimeInterval, _ db: Database) throws -> Bool {
        var changed = false
        if var observation = result.observation {
            observation.siren = siren
            observation.mayCreate = false
            let merger = CompanyMerger(source: provider, run: run, now: stamp, filter: ImportFilterSettings())
            changed = try merger.apply(observation, db) == .changed
        }
        let withheld =
            try Bool.fetchOne(
                db,
                sql: "SELECT diffusion = 'P' AND legal_form IS '1000' FROM company WHERE siren = ?", arguments: [siren]
            ) ?? false
        for contact in result.contacts where !(withheld && contact.person != nil) {
            changed = try storeContact(contact, siren: siren, db) || changed
        }
        // A directory's opt-out on a stored contact point outlives the point (R5).
        try SuppressionList(now: now).carryOptOuts(siren: siren, db)
        if let web = result.webPresence { changed = try storeWebPresence(web, siren: siren, db) || changed }
        if let audit = result.audit { try storeAudit(audit, siren: siren, db) }
        for signal in result.signals {
            try db.execute(
                sql: """
                    INSERT INTO company_signal (siren, kind, detail, source, retrieved_at) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (siren, kind, detail) DO UPDATE SET source = excluded.source,
                      retrieved_at = excluded.retrieved_at
                    """, arguments: [siren, signal.kind, signal.detail, provider.rawValue, stamp])
        }
        try db.execute(
            sql: """
                INSERT INTO provider_fetch (provider, siren, fetched_at, run_id, outcome, expires_at, failures, retry_at)
                VALUES (?, ?, ?, ?, ?, ?, 0, NULL)
                ON CONFLICT (provider, siren) DO UPDATE SET fetched_at = excluded.fetched_at,
                  run_id = excluded.run_id, outcome = excluded.outcome, expires_at = excluded.expires_at,
                  failures = 0, retry_at = NULL
                """,
            arguments: [
                provider.rawValue, siren, stamp, run, result.found ? "found" : "not_found",
                Timestamp.string(now.addingTimeInterval(timeToLive)),
            ])
        try updateVerdict(siren: siren, db)
        try spend(credits: result.creditsSpent, companies: 1, db)
        return changed
    }

    /// A failed call: asked again after a delay that doubles with each failure (1 h … 7 days).
    public func recordFailure(siren: Int, message: String, _ db: Database) throws {
        let failures =
            (try Int.fetchOne(
                db, sql: "SELECT failures FROM provider_fetch WHERE provider = ? AND siren = ?",
                arguments: [provider.rawValue, siren]) ?? 0) + 1
        let delay = min(pow(2, Double(failures - 1)) * 3600, 7 * 86_400)
        try db.execute(
            sql: """
                INSERT INTO provider_fetch (provider, siren, fetched_at, run_id, outcome, failures, retry_at)
                VALUES (?, ?, ?, ?, 'failed', ?, ?)
                ON CONFLICT (provider, siren) DO UPDATE SET failures = excluded.failures,
                  retry_at = excluded.retry_at,
                  outcome = CASE WHEN provider_fetch.outcome = 'found' THEN 'found' ELSE 'failed' END
                """,
            arguments: [
                provider.rawValue, siren, stamp, run, failures, Timestamp.string(now.addingTimeInterval(delay)),
            ])
    }

    /// Adds to the day's spend of this provider.
    public func spend(requests: Int = 0, credits: Int = 0, companies: Int = 0, _ db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO provider_spend (provider, day, requests, credits, companies) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (provider, day) DO UPDATE SET requests = requests + excluded.requests,
                  credits = credits + excluded.credits, companies = companies + excluded.companies
                """, arguments: [provider.rawValue, day, requests, credits, companies])
    }

    /// The provider said it has no credits left: it rests until the next day.
    public func markExhausted(_ db: Database) throws {
        try spend(db)
        try db.execute(
            sql: "UPDATE provider_spend SET exhausted_at = ? WHERE provider = ? AND day = ?",
            arguments: [stamp, provider.rawValue, day])
    }

    // MARK: - Contacts

    /// One contact point per (company, kind, normalised value): a second source adds nothing but
    /// a better validation. People are matched to the company's persons by folded name.
    private func storeContact(_ contact: ContactFinding, siren: Int, _ db: Database) throws -> Bool {
        let normalized = ContactNormalizer.normalize(contact.value, kind: contact.kind)
        guard !normalized.isEmpty else { return false }
        // An erased or objecting person's email or phone is never stored again (R7, R9).
        if let kind = SuppressionKind(rawValue: contact.kind.rawValue), kind != .siren,
            try SuppressionList.contains(kind, contact.value, db)
        {
            return false
        }
        let personID = try contact.person.map { try person(for: $0, siren: siren, db) }
        let existing = try Row.fetchOne(
            db, sql: "SELECT id, validation FROM contact_point WHERE siren = ? AND kind = ? AND normalized = ?",
            arguments: [siren, contact.kind.rawValue, normalized])
        if let existing {
            let old = ContactFinding.Validation(rawValue: existing["validation"]) ?? .unknown
            guard old == .unknown && contact.validation != .unknown else { return false }
            try db.execute(
                sql: "UPDATE contact_point SET validation = ? WHERE id = ?",
                arguments: [contact.validation.rawValue, existing["id"] as Int])
            return true
        }
        let subtype = contact.subtype
        try db.execute(
            sql: """
                INSERT INTO contact_point (siren, person_id, kind, value, normalized, label, is_personal, validation,
                  source, retrieved_at, subtype)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                siren, personID, contact.kind.rawValue, contact.value, normalized, contact.label,
                contact.label == "personal" || subtype == .nominative || subtype == .mobile || subtype == .person,
                contact.validation.rawValue,
                provider.rawValue, stamp, subtype?.rawValue,
            ])
        return true
    }

    /// The person a contact belongs to: a director already known under another spelling, or a
    /// new contact person.
    private func person(for someone: Director, siren: Int, _ db: Database) throws -> Int {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT id, kind, last_name, first_names, legal_siren, legal_name FROM person
                WHERE siren = ? AND erased_at IS NULL
                """, arguments: [siren])
        for row in rows {
            let known = Director(
                kind: Director.Kind(rawValue: row["kind"]) ?? .physical, lastName: row["last_name"],
                firstNames: row["first_names"], legalSiren: row["legal_siren"], legalName: row["legal_name"])
            if known.identity == someone.identity { return row["id"] }
        }
        try db.execute(
            sql: """
                INSERT INTO person (siren, kind, role, last_name, first_names, is_director, source, retrieved_at)
                VALUES (?, ?, ?, ?, ?, 0, ?, ?)
                """,
            arguments: [
                siren, someone.kind.rawValue, someone.role, someone.lastName, someone.firstNames, provider.rawValue,
                stamp,
            ])
        return Int(db.lastInsertedRowID)
    }

    // MARK: - Web presence

    private func storeWebPresence(_ web: WebPresenceFinding, siren: Int, _ db: Database) throws -> Bool {
        let row = try Row.fetchOne(db, sql: "SELECT * FROM web_presence WHERE siren = ?", arguments: [siren])
        var website: String? = row?["website"]
        var websiteSource: String? = row?["website_source"]
        if website == nil, let found = web.website {
            (website, websiteSource) = (found, provider.rawValue)
        }
        let google = web.googleStatus
        if web.listsNoWebsite {
            // The verdict reads it: a directory that knows the business and lists no site.
            try db.execute(
                sql: """
                    INSERT INTO company_signal (siren, kind, detail, source, retrieved_at) VALUES (?, 'no_website', ?, ?, ?)
                    ON CONFLICT (siren, kind, detail) DO UPDATE SET retrieved_at = excluded.retrieved_at
                    """, arguments: [siren, provider.rawValue, provider.rawValue, stamp])
        }
        try db.execute(
            sql: """
                INSERT INTO web_presence (siren, website, website_source, google_presence, google_rating,
                  google_reviews, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (siren) DO UPDATE SET website = excluded.website,
                  website_source = excluded.website_source,
                  google_presence = COALESCE(excluded.google_presence, google_presence),
                  google_rating = COALESCE(excluded.google_rating, google_rating),
                  google_reviews = COALESCE(excluded.google_reviews, google_reviews), updated_at = excluded.updated_at
                """,
            arguments: [siren, website, websiteSource, google, web.googleRating, web.googleReviews, stamp])
        return row == nil || (row?["website"] as String?) != website
    }

    private func storeAudit(_ a: WebsiteAuditReport, siren: Int, _ db: Database) throws {
        try db.execute(
            sql: """
                INSERT OR REPLACE INTO website_audit (siren, url, final_url, reachable, http_status, https,
                  certificate_valid, redirects_to_https, has_viewport, cms, copyright_year, last_modified, bytes,
                  response_ms, title, description, legal_notice_has_siren, parked, local_business_schema,
                  social_links, error, maturity, maturity_reasons, audited_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                siren, a.url, a.finalURL, a.reachable, a.httpStatus, a.https, a.certificateValid, a.redirectsToHTTPS,
                a.hasViewport, a.cms, a.copyrightYear, a.lastModified, a.bytes, a.responseMilliseconds, a.title,
                a.description, a.legalNoticeHasSiren, a.parked, a.hasLocalBusinessSchema,
                a.socialLinks.joined(separator: " "), a.error, a.maturity.level.rawValue,
                a.maturity.reasons.joined(separator: "; "), stamp,
            ])
    }

    /// The one line a seller reads first, from everything known so far (`WebPresenceVerdict`).
    private func updateVerdict(siren: Int, _ db: Database) throws {
        let verdict = try WebPresenceVerdict.compute(siren: siren, db)
        try db.execute(
            sql: """
                INSERT INTO web_presence (siren, website_verdict, digital_maturity, maturity_reasons, updated_at)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (siren) DO UPDATE SET website_verdict = excluded.website_verdict,
                  digital_maturity = excluded.digital_maturity, maturity_reasons = excluded.maturity_reasons,
                  updated_at = excluded.updated_at
                """,
            arguments: [
                siren, verdict.text, verdict.level.map { DigitalMaturity.Level.allCases.firstIndex(of: $0)! },
                verdict.reasons.joined(separator: "; "), stamp,
            ])
    }
}
