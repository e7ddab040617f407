import FilonCore
import Foundation

/// Google Places API (New) text search: the phone, rating and open/closed status of a business,
/// and above all whether Google lists a website for it. A place found without `websiteUri` is the
/// best sign of "no website" there is, so a place counts only when its name and postcode are the
/// company's: a homonym elsewhere would give a false signal. Each search costs one request of the
/// Google Cloud quota, found or not.
struct GooglePlacesProvider: OneByOneProvider {
    var id: ProviderID { .googlePlaces }

    /// The fields asked for (the mask is required, and it sets the price tier).
    static let fieldMask = [
        "id", "displayName", "formattedAddress", "addressComponents", "nationalPhoneNumber",
        "internationalPhoneNumber", "websiteUri", "rating", "userRatingCount", "businessStatus", "googleMapsUri",
        "types",
    ].map { "places." + $0 }.joined(separator: ",")

    func maxCredits(_ settings: ProviderSettings) -> Int { 1 }

    func enrich(_ company: CompanyProfile, _ call: ProviderCall) async throws -> EnrichmentResult {
        // Without a postcode no place could be told apart from its homonyms: not worth a request.
        guard let name = RegistryValues.text(company.name),
            let postcode = RegistryValues.text(company.address?.postalCode)
        else { return .notFound() }
        let city = RegistryValues.text(company.address?.city)
        let search = SearchText(textQuery: [name, postcode, city].compactMap { $0 }.joined(separator: " "))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let base = call.baseURL.isEmpty ? ProviderDefaults.baseURL(id) : call.baseURL
        let request = HTTPRequest(
            method: "POST", url: try HTTPRequest.url(base: base, path: "/places:searchText", provider: id.rawValue),
            headers: [
                "Content-Type": "application/json", "X-Goog-Api-Key": call.apiKey ?? "",
                "X-Goog-FieldMask": Self.fieldMask,
            ], body: try encoder.encode(search))
        let response: HTTPResponse
        do {
            response = try await call.client.send(request)
        } catch let error as HTTPError {
            throw Self.failure(error)
        }
        let places = try response.decode(GooglePlacesAnswer.self).places ?? []
        let candidates = places.compactMap { try? $0.result.get() }.enumerated().compactMap {
            (index, place) -> (place: GooglePlace, score: Double, index: Int)? in
            guard place.postalCodes.contains(postcode),
                let score = BusinessNameMatch.score(name, place.displayName?.text ?? "", city: city)
            else { return nil }
            return (place, score, index)
        }
        // A business that moved or reopened can leave a closed place under the same name: of two
        // names as close, the live one is the company's.
        let best = candidates.min { a, b in
            if a.score != b.score { return a.score > b.score }
            let closedA = a.place.businessStatus == "CLOSED_PERMANENTLY"
            let closedB = b.place.businessStatus == "CLOSED_PERMANENTLY"
            if closedA != closedB { return !closedA }
            return a.index < b.index
        }
        guard let place = best?.place else {
            call.logger.debug(
                "google_places: no place named like \(company.siren) in \(postcode) among \(places.count)")
            return .notFound(creditsSpent: 1)
        }
        return Self.result(place)
    }

    static func result(_ place: GooglePlace) -> EnrichmentResult {
        let website = RegistryValues.text(place.websiteUri)
        let status = RegistryValues.text(place.businessStatus)?.lowercased()
        var contacts: [ContactFinding] = []
        if let phone = EnrichmentValues.phone(place.nationalPhoneNumber)
            ?? EnrichmentValues.phone(place.internationalPhoneNumber)
        {
            contacts.append(phone)
        }
        if let website { contacts.append(ContactFinding(kind: .website, value: website)) }
        // Google's status is not a registry closure: a seller sees it, the company's state stays.
        let signals =
            status.map { $0 == "operational" ? [] : [EnrichmentResult.Signal(kind: "google_status", detail: $0)] }
            ?? []
        return EnrichmentResult(
            contacts: contacts,
            webPresence: WebPresenceFinding(
                website: website, listsNoWebsite: website == nil, googleStatus: status,
                googleRating: place.rating?.value, googleReviews: place.userRatingCount?.integer),
            signals: signals, creditsSpent: 1)
    }

    /// Google's refusals that no retry will fix today. The client keeps no body for 401 and 403;
    /// Google answers a bad key with 400 API_KEY_INVALID, so a 403 is the project's billing, quota
    /// or API activation, which the operator must fix in the Cloud console.
    static func failure(_ error: HTTPError) -> any Error {
        switch error {
        case .unauthorized(_, 403):
            return EnrichmentError.outOfCredits(
                .googlePlaces,
                detail: "HTTP 403 PERMISSION_DENIED: billing disabled, quota spent or Places API (New) not enabled")
        case .client(let provider, let status, let excerpt):
            let text = excerpt.lowercased()
            if text.contains("billing") || EnrichmentValues.mentionsCredits(text) {
                return EnrichmentError.outOfCredits(.googlePlaces, detail: "HTTP \(status): \(excerpt)")
            }
            if text.contains("api key not valid") || text.contains("api_key_invalid") {
                return HTTPError.unauthorized(provider: provider, status: status)
            }
            return error
        default:
            return error
        }
    }

    private struct SearchText: Encodable {
        var textQuery: String
        var languageCode = "fr"
        var regionCode = "FR"
        var maxResultCount = 5
    }
}
