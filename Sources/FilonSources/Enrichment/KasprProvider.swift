import FilonCore
import Foundation

/// Kaspr: the emails and phones of people whose LinkedIn profile is already known (from Pappers or
/// Dropcontact). LinkedIn itself is never fetched: only the slug of a URL a provider returned.
///
/// Credits: 1 per profile that came back with an email or a phone, at most `maxProfiles` a company.
struct KasprProvider: OneByOneProvider {
    var id: ProviderID { .kaspr }

    /// Profiles asked per company, best first: each one with data costs a credit.
    let maxProfiles: Int

    static let dataToGet = ["workEmail", "phone", "directEmail"]

    init(maxProfiles: Int = 1) {
        self.maxProfiles = maxProfiles
    }

    func maxCredits(_ settings: ProviderSettings) -> Int { maxProfiles }

    func enrich(_ company: CompanyProfile, _ call: ProviderCall) async throws -> EnrichmentResult {
        var slugs: [String] = []
        for slug in company.linkedinURLs.compactMap(EnrichmentValues.linkedinSlug) where !slugs.contains(slug) {
            slugs.append(slug)
        }
        guard !slugs.isEmpty else { return .notFound() }
        var contacts: [ContactFinding] = []
        var signals: [EnrichmentResult.Signal] = []
        var credits = 0
        for slug in slugs.prefix(maxProfiles) {
            let person = company.directors.first { EnrichmentValues.slug(slug, names: $0) }
            guard let profile = try await lookUp(slug, name: Self.name(person, slug: slug), call), !profile.isEmpty
            else { continue }
            credits += 1
            for email in profile.workEmails {
                if let finding = EnrichmentValues.email(email, subtype: .nominative, person: person) {
                    contacts.append(finding)
                }
            }
            for email in profile.directEmails {
                if let finding = EnrichmentValues.email(
                    email, subtype: .nominative, person: person, label: EnrichmentValues.personalLabel)
                {
                    contacts.append(finding)
                }
            }
            contacts += profile.phones.compactMap { EnrichmentValues.phone($0, person: person) }
            if let title = profile.title {
                signals.append(EnrichmentResult.Signal(kind: "job_title", detail: title))
            }
        }
        guard credits > 0 else { return .notFound() }
        return EnrichmentResult(contacts: contacts, signals: signals, creditsSpent: credits)
    }

    /// The profile Kaspr has for a slug; nil when it has none (404).
    private func lookUp(_ slug: String, name: String, _ call: ProviderCall) async throws -> KasprProfile? {
        let url = try HTTPRequest.url(base: call.baseURL, path: "/profile/linkedin", provider: id.rawValue)
        let body = try JSONEncoder().encode(KasprRequest(id: slug, name: name, dataToGet: Self.dataToGet))
        let headers = [
            "Authorization": "Bearer " + (call.apiKey ?? ""), "accept-version": "v2.0",
            "Content-Type": "application/json",
        ]
        do {
            let response = try await call.client.send(
                HTTPRequest(method: "POST", url: url, headers: headers, body: body))
            return KasprProfile(try response.decode(JSONValue.self))
        } catch HTTPError.notFound {
            return nil
        } catch HTTPError.unauthorized(_, let status) where status == 403 {
            throw EnrichmentError.outOfCredits(id, detail: "HTTP 403")
        } catch HTTPError.client(_, let status, let excerpt)
            where status == 402
            || EnrichmentValues.mentionsCredits(excerpt)
        {
            throw EnrichmentError.outOfCredits(id, detail: "HTTP \(status)")
        }
    }

    /// "First Last" of the director the slug names, or the words of the slug ("jean-dupont-4b5a1"
    /// → "Jean Dupont") when no director matches.
    static func name(_ person: Director?, slug: String) -> String {
        if let person, let lastName = RegistryValues.text(person.lastName) {
            return [EnrichmentValues.firstName(person.firstNames), lastName].compactMap { $0 }.joined(separator: " ")
        }
        return slug.split(separator: "-").filter { !$0.contains(where: \.isNumber) }
            .map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
    }
}
