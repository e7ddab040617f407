import FilonCore
import Foundation

/// OpenStreetMap through Overpass, free: the named objects within 150 m of the head office, for the
/// one that is the company and its website, phone, email and opening hours. It needs coordinates
/// (from recherche-entreprises or Nominatim); a company without them is not asked.
struct OverpassProvider: OneByOneProvider {
    var id: ProviderID { .overpass }

    /// Metres around the head office: a building and its neighbours, with room for geocoding error.
    static let radius = 150

    func maxCredits(_ settings: ProviderSettings) -> Int { 0 }

    func enrich(_ company: CompanyProfile, _ call: ProviderCall) async throws -> EnrichmentResult {
        guard let name = RegistryValues.text(company.name), let latitude = company.address?.latitude,
            let longitude = company.address?.longitude
        else { return .notFound() }
        let base = call.baseURL.isEmpty ? ProviderDefaults.baseURL(id) : call.baseURL
        let request = HTTPRequest(
            method: "POST", url: try HTTPRequest.url(base: base, path: "/interpreter", provider: id.rawValue),
            headers: ["Content-Type": "application/x-www-form-urlencoded"],
            body: Data(("data=" + Self.formEncode(Self.query(latitude, longitude))).utf8))
        let answer = try await call.client.send(request).decode(OverpassAnswer.self)
        // A partial answer would read as "not mapped": asked again later instead.
        if answer.isIncomplete {
            throw EnrichmentError.notReady(.overpass, detail: answer.remark ?? "incomplete answer")
        }
        let postcode = RegistryValues.text(company.address?.postalCode)
        let city = RegistryValues.text(company.address?.city)
        let candidates = (answer.elements ?? []).compactMap { try? $0.result.get() }.compactMap {
            element -> (tags: OSMTags, score: Double, distance: Double)? in
            let tags = OSMTags(element.tags)
            // Across the street may be another postcode, but a mapped one that differs is another place.
            if let postcode, let theirs = tags.postcode, theirs != postcode { return nil }
            guard let score = tags.names.compactMap({ BusinessNameMatch.score(name, $0, city: city) }).max() else {
                return nil
            }
            let distance = element.coordinates.map { Self.metres(latitude, longitude, $0.latitude, $0.longitude) }
            return (tags, score, distance ?? Double(Self.radius))
        }
        let best = candidates.min { a, b in a.score != b.score ? a.score > b.score : a.distance < b.distance }
        guard let tags = best?.tags else { return .notFound() }
        return EnrichmentResult(
            contacts: tags.contacts, webPresence: tags.websites.first.map { WebPresenceFinding(website: $0) },
            signals: tags.signals)
    }

    /// Named nodes, ways and relations around a point, ways and relations with their centre.
    static func query(_ latitude: Double, _ longitude: Double) -> String {
        let point = String(format: "%.6f,%.6f", latitude, longitude)
        return "[out:json][timeout:25];nwr(around:\(radius),\(point))[\"name\"];out center tags;"
    }

    /// application/x-www-form-urlencoded with every byte but the RFC 3986 unreserved ones escaped.
    static func formEncode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    private static let unreserved = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    /// Distance on the ground, flat-earth: exact enough within a few hundred metres.
    private static func metres(_ lat1: Double, _ lon1: Double, _ lat2: Double, _ lon2: Double) -> Double {
        let dy = (lat2 - lat1) * 111_320
        let dx = (lon2 - lon1) * 111_320 * cos(lat1 * .pi / 180)
        return (dx * dx + dy * dy).squareRoot()
    }
}
