import FilonCore
import Foundation

/// OpenStreetMap's Nominatim, free: the business as mapped (website, phone, email, opening hours)
/// and the head office's coordinates, which Sirene does not give and Overpass needs. The pace of
/// one request a second for the whole application is the stage's rate limiter's; the client's
/// User-Agent names Filon with a contact address, as the usage policy requires.
struct NominatimProvider: OneByOneProvider {
    var id: ProviderID { .nominatim }
    /// Maps and addresses change slowly, and the policy asks to cache.
    var timeToLive: TimeInterval { 90 * 86_400 }

    func maxCredits(_ settings: ProviderSettings) -> Int { 0 }

    func enrich(_ company: CompanyProfile, _ call: ProviderCall) async throws -> EnrichmentResult {
        guard let address = company.address, let postcode = RegistryValues.text(address.postalCode) else {
            return .notFound()
        }
        let city = RegistryValues.text(address.city)
        let town = [postcode, city].compactMap { $0 }.joined(separator: " ")
        let street = Self.street(address)
        if let name = RegistryValues.text(company.name) {
            let places = try await search([name, street, town], call)
            let match = places.first {
                $0.isIn(postcode: postcode) && BusinessNameMatch.matches(name, $0.name ?? "", city: city)
            }
            if let match { return Self.result(match, company) }
        }
        // The business is not mapped: its address still gives coordinates, worth a second request
        // only when the company has none and a street to put them on (a town's centre would send
        // Overpass looking around the town hall).
        guard address.latitude == nil || address.longitude == nil, let street else { return .notFound() }
        let places = try await search([street, town], call)
        let located = places.first { $0.isIn(postcode: postcode) && ($0.placeRank?.value ?? 30) >= 26 }
        guard let located, let observation = Self.observation(located, company) else { return .notFound() }
        return EnrichmentResult(observation: observation)
    }

    private func search(_ parts: [String?], _ call: ProviderCall) async throws -> [NominatimPlace] {
        let query = [
            ("q", parts.compactMap { $0 }.joined(separator: ", ")), ("format", "jsonv2"), ("addressdetails", "1"),
            ("extratags", "1"), ("countrycodes", "fr"), ("limit", "5"),
        ]
        let base = call.baseURL.isEmpty ? ProviderDefaults.baseURL(id) : call.baseURL
        let url = try HTTPRequest.url(base: base, path: "/search", query: query, provider: id.rawValue)
        // Names as French maps spell them, whatever the machine's locale.
        let response = try await call.client.send(HTTPRequest(url: url, headers: ["Accept-Language": "fr"]))
        return try response.decode([LenientItem<NominatimPlace>].self).compactMap { try? $0.result.get() }
    }

    static func result(_ place: NominatimPlace, _ company: CompanyProfile) -> EnrichmentResult {
        let tags = OSMTags(place.extratags)
        return EnrichmentResult(
            observation: observation(place, company), contacts: tags.contacts,
            webPresence: tags.websites.first.map { WebPresenceFinding(website: $0) }, signals: tags.signals)
    }

    /// The company's own address with the place's coordinates: the merger fills coordinates that are
    /// missing, and an address equal to the stored one changes nothing else.
    static func observation(_ place: NominatimPlace, _ company: CompanyProfile) -> CompanyObservation? {
        guard let coordinates = place.coordinates else { return nil }
        var address = company.address ?? ObservedAddress()
        address.latitude = coordinates.latitude
        address.longitude = coordinates.longitude
        if address.postalCode == nil { address.postalCode = place.postcode }
        var observation = CompanyObservation(siren: company.siren)
        observation.headOffice = address
        return observation
    }

    /// "12 AV JEAN JAURES" → "12 Avenue JEAN JAURES": Sirene's street-type codes spelt out, which
    /// Nominatim reads better.
    static func street(_ address: ObservedAddress) -> String? {
        guard let name = RegistryValues.text(address.streetName) else { return nil }
        let type = RegistryValues.text(address.streetType).map { streetTypes[$0.uppercased()] ?? $0 }
        return [RegistryValues.text(address.streetNumber), type, name].compactMap { $0 }.joined(separator: " ")
    }

    private static let streetTypes = [
        "AV": "Avenue", "BD": "Boulevard", "CHE": "Chemin", "PL": "Place", "RTE": "Route", "IMP": "Impasse",
        "ALL": "Allée", "QUA": "Quai", "QU": "Quai", "CRS": "Cours", "FG": "Faubourg", "SQ": "Square",
        "PAS": "Passage", "RLE": "Ruelle", "PRO": "Promenade", "RES": "Résidence", "MTE": "Montée", "HAM": "Hameau",
        "RPT": "Rond-point", "CAR": "Carrefour", "VOI": "Voie", "SEN": "Sentier", "TRA": "Traverse",
    ]
}
