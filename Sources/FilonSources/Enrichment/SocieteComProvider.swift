import FilonCore
import Foundation

/// Société.com API: legal information and published accounts, two requests per company
/// (`/entreprise/{siren}/infoslegales`, then `/bilans`).
///
/// Credits: 1 per request answered, so 2 for a company with accounts; an unknown SIREN costs
/// nothing and its accounts are not asked for.
struct SocieteComProvider: OneByOneProvider {
    var id: ProviderID { .societeCom }

    func maxCredits(_ settings: ProviderSettings) -> Int { 2 }

    func enrich(_ company: CompanyProfile, _ call: ProviderCall) async throws -> EnrichmentResult {
        let siren = Siren.pad(company.siren, 9)
        guard let infos = try await fetch("/entreprise/\(siren)/infoslegales", call) else { return .notFound() }
        var observation = SocieteComAnswer.observation(infos, siren: company.siren)
        var credits = 1
        if let bilans = try await fetch("/entreprise/\(siren)/bilans", call) {
            credits += 1
            let finances = SocieteComAnswer.finances(bilans)
            if !finances.isEmpty { observation.finances = finances }
        }
        let signals = SocieteComAnswer.employees(infos).map { [EnrichmentResult.Signal(kind: "employees", detail: $0)] }
        return EnrichmentResult(observation: observation, signals: signals ?? [], creditsSpent: credits)
    }

    /// The content of an answer; nil when Société.com does not know the company (a 404, or an
    /// `error.codemsg` saying so).
    private func fetch(_ path: String, _ call: ProviderCall) async throws -> JSONValue? {
        let url = try HTTPRequest.url(base: call.baseURL, path: path, provider: id.rawValue)
        let request = HTTPRequest(url: url, headers: ["X-Authorization": "socapi " + (call.apiKey ?? "")])
        let answer: JSONValue
        do {
            answer = try await call.client.send(request).decode(JSONValue.self)
        } catch HTTPError.notFound {
            return nil
        } catch HTTPError.client(_, let status, let excerpt)
            where status == 402
            || EnrichmentValues.mentionsCredits(excerpt)
        {
            throw EnrichmentError.outOfCredits(id, detail: "HTTP \(status)")
        } catch HTTPError.client(_, _, let excerpt) where SocieteComAnswer.meansUnknown(excerpt) {
            return nil
        }
        if let message = SocieteComAnswer.error(answer) {
            if EnrichmentValues.mentionsCredits(message) { throw EnrichmentError.outOfCredits(id, detail: message) }
            if SocieteComAnswer.meansUnknown(message) { return nil }
            if SocieteComAnswer.meansRefused(message) {
                throw HTTPError.unauthorized(provider: id.rawValue, status: 403)
            }
            throw HTTPError.malformed(provider: id.rawValue, url: HTTPError.display(url), detail: "error \(message)")
        }
        return SocieteComAnswer.content(answer)
    }
}
