import FilonCore
import Foundation

/// Clearbit Company (now HubSpot Breeze Intelligence, closed to new customers): the technologies,
/// industry and size behind a website, and the contacts the site shows. Looked up by domain, so
/// only for companies with a known website.
///
/// Credits: 1 per company found; 202 (queued), 404 and 422 cost nothing.
struct ClearbitProvider: OneByOneProvider {
    var id: ProviderID { .clearbit }

    func maxCredits(_ settings: ProviderSettings) -> Int { 1 }

    func enrich(_ company: CompanyProfile, _ call: ProviderCall) async throws -> EnrichmentResult {
        guard let domain = company.websites.first.flatMap(EnrichmentValues.host) else { return .notFound() }
        let url = try HTTPRequest.url(
            base: call.baseURL, path: "/companies/find", query: [("domain", domain)], provider: id.rawValue)
        // HTTP Basic with the key as the user and no password.
        let credentials = Data(((call.apiKey ?? "") + ":").utf8).base64EncodedString()
        let response: HTTPResponse
        do {
            response = try await call.client.send(
                HTTPRequest(url: url, headers: ["Authorization": "Basic " + credentials]))
        } catch HTTPError.notFound {
            return .notFound()
        } catch HTTPError.client(_, let status, _) where status == 422 {
            // The domain is not one Clearbit accepts (a parked or free-hosting domain…).
            return .notFound()
        } catch HTTPError.client(_, let status, let excerpt)
            where status == 402
            || EnrichmentValues.mentionsCredits(excerpt)
        {
            throw EnrichmentError.outOfCredits(id, detail: "HTTP \(status)")
        }
        if response.status == 202 {
            throw EnrichmentError.notReady(id, detail: "\(domain) is queued for lookup")
        }
        return Self.result(try response.decode(ClearbitCompany.self))
    }

    static func result(_ company: ClearbitCompany) -> EnrichmentResult {
        var signals: [EnrichmentResult.Signal] = []
        for name in (company.tech?.values ?? []).compactMap(RegistryValues.text) {
            signals.append(EnrichmentResult.Signal(kind: "tech", detail: name))
        }
        if let industry = RegistryValues.text(company.category?.industry) {
            signals.append(EnrichmentResult.Signal(kind: "industry", detail: industry))
        }
        if let range = RegistryValues.text(company.metrics?.employeesRange) {
            signals.append(EnrichmentResult.Signal(kind: "employees", detail: range))
        }
        var contacts: [ContactFinding] = []
        contacts += (company.site?.phoneNumbers?.values ?? []).compactMap { EnrichmentValues.phone($0) }
        contacts += (company.site?.emailAddresses?.values ?? []).compactMap { EnrichmentValues.email($0) }
        if let page = linkedinPage(company.linkedin?.handle) {
            contacts.append(ContactFinding(kind: .linkedin, value: page, subtype: .company))
        }
        return EnrichmentResult(contacts: contacts, signals: signals, creditsSpent: 1)
    }

    /// "company/boulangerie-martin" or "boulangerie-martin" → its LinkedIn company page.
    static func linkedinPage(_ handle: String?) -> String? {
        guard var handle = RegistryValues.text(handle) else { return nil }
        if handle.lowercased().contains("linkedin.com/") { return handle }
        if handle.hasPrefix("/") { handle.removeFirst() }
        if handle.hasPrefix("company/") { handle.removeFirst("company/".count) }
        return handle.isEmpty ? nil : "https://www.linkedin.com/company/" + handle
    }
}
