import FilonCore
import Foundation
import Logging
import TestSupport
import Testing

@testable import FilonSources

/// Nominatim searches against recorded answers on a fake server.
@Suite struct NominatimProviderTests {
    let server: FakeHTTPServer
    let provider = NominatimProvider()

    init() throws { server = try FakeHTTPServer() }

    static let martin = GooglePlacesProviderTests.martin
    static let dupont = GooglePlacesProviderTests.dupont

    var call: ProviderCall {
        TestPass.call(
            provider.id.rawValue, baseURL: server.baseURL, key: nil, settings: ProviderSettings(), stop: StopSignal())
    }

    static func fixture(_ name: String) throws -> String {
        try String(contentsOfFile: TestSupport.fixture("api/nominatim/" + name), encoding: .utf8)
    }

    /// Answers the search with the business's name from one fixture, the address alone from another.
    func serve(byName: String, byAddress: String = "search_empty.json") throws {
        let named = try Self.fixture(byName)
        let located = try Self.fixture(byAddress)
        server.handle { request in
            guard request.path == "/search", let q = request.query["q"] else { return .noRoute }
            return .json(q.contains("BOULANGERIE") || q.contains("DUPONT") ? named : located)
        }
    }

    func enrich(_ company: CompanyProfile) async throws -> EnrichmentResult? {
        try await provider.enrich([company], call)[company.siren]
    }

    var queries: [String] { server.requests.compactMap { $0.query["q"] } }

    @Test func aMappedBusinessWithAWebsite() async throws {
        try serve(byName: "search_dupont_plomberie.json")
        let result = try #require(try await enrich(Self.dupont))
        #expect(result.found && result.creditsSpent == 0 && provider.maxCredits(ProviderSettings()) == 0)
        #expect(result.webPresence == WebPresenceFinding(website: "https://www.dupont-plomberie-villeurbanne.fr/"))
        #expect(
            result.contacts == [
                ContactFinding(kind: .website, value: "https://www.dupont-plomberie-villeurbanne.fr/"),
                ContactFinding(kind: .phone, value: "+33 6 71 23 45 89", subtype: .mobile),
                ContactFinding(kind: .email, value: "contact@dupont-plomberie-villeurbanne.fr", subtype: .generic),
            ])
        #expect(result.signals == [EnrichmentResult.Signal(kind: "opening_hours", detail: "Mo-Fr 08:00-18:00")])
        // The company's own address, with the coordinates it lacked.
        var expected = Self.dupont.address!
        expected.latitude = 45.7689112
        expected.longitude = 4.8793365
        #expect(result.observation?.headOffice == expected && result.observation?.closure == nil)
        #expect(server.requests.count == 1)
        #expect(provider.timeToLive == 90 * 86_400)
    }

    @Test func aMappedBakeryWithoutWebsite() async throws {
        try serve(byName: "search_boulangerie_martin.json")
        let result = try #require(try await enrich(Self.martin))
        #expect(result.found && result.webPresence == nil)
        #expect(result.contacts == [ContactFinding(kind: .phone, value: "+33 4 78 60 21 47", subtype: .landline)])
        #expect(result.observation?.headOffice?.latitude == 45.7602841)
        #expect(result.observation?.headOffice?.postalCode == "69003")
    }

    @Test func theRequestIsAsTheUsagePolicyAsks() async throws {
        try serve(byName: "search_dupont_plomberie.json")
        _ = try await enrich(Self.dupont)
        let request = try #require(server.requests.first)
        #expect(request.method == "GET" && request.path == "/search")
        #expect(
            request.query == [
                "q": "DUPONT PLOMBERIE CHAUFFAGE, 12 Avenue ROGER SALENGRO, 69100 VILLEURBANNE", "format": "jsonv2",
                "addressdetails": "1", "extratags": "1", "countrycodes": "fr", "limit": "5",
            ])
        let agent = try #require(request.header("User-Agent"))
        #expect(agent.hasPrefix("Filon/") && agent.contains("https://"))
        #expect(request.header("Accept-Language") == "fr")
    }

    /// Not mapped by name: the address alone gives the coordinates, from the result in the
    /// company's postcode (the same street exists in Villeurbanne).
    @Test func anUnmappedBusinessIsGeocodedByItsAddress() async throws {
        try serve(byName: "search_empty.json", byAddress: "address_rue_paul_bert.json")
        let result = try #require(try await enrich(Self.martin))
        #expect(queries == ["BOULANGERIE MARTIN, 45 RUE PAUL BERT, 69003 LYON", "45 RUE PAUL BERT, 69003 LYON"])
        #expect(result.found && result.contacts.isEmpty && result.webPresence == nil && result.signals.isEmpty)
        #expect(result.observation?.headOffice?.latitude == 45.7602512)
        #expect(result.observation?.headOffice?.longitude == 4.8460733)
        #expect(result.observation?.headOffice?.streetName == "PAUL BERT")
    }

    @Test func aHomonymElsewhereGivesNoContacts() async throws {
        try serve(byName: "search_homonym_elsewhere.json", byAddress: "address_rue_paul_bert.json")
        let result = try #require(try await enrich(Self.martin))
        #expect(result.contacts.isEmpty && result.webPresence == nil)
        #expect(result.observation?.headOffice?.latitude == 45.7602512)
        // With coordinates already known, the address is not asked for.
        var located = Self.martin
        located.address?.latitude = 45.76
        located.address?.longitude = 4.84
        #expect(try await enrich(located) == .notFound())
        #expect(server.requests.count == 3)
    }

    @Test func nothingFoundOrOnlyATownIsNotFound() async throws {
        try serve(byName: "search_empty.json")
        #expect(try await enrich(Self.martin) == .notFound())
        try serve(byName: "search_empty.json", byAddress: "address_town_only.json")
        #expect(try await enrich(Self.martin) == .notFound())
        #expect(server.requests.count == 4)
        var noPostcode = Self.martin
        noPostcode.address?.postalCode = nil
        #expect(try await enrich(noPostcode) == .notFound())
        #expect(server.requests.count == 4)
    }

    @Test func aRateLimitIsWaitedOutThenAnswered() async throws {
        let answer = try Self.fixture("search_dupont_plomberie.json")
        let counter = RequestCounter()
        server.handle { _ in
            counter.next() == 1 ? .status(429, body: "Too Many Requests", headers: ["Retry-After": "1"]) : .json(answer)
        }
        #expect(try await enrich(Self.dupont)?.webPresence?.website == "https://www.dupont-plomberie-villeurbanne.fr/")
        #expect(server.requests.count == 2)
    }

    @Test func anHTMLPageInsteadOfJSONIsMalformed() async throws {
        server.handle { _ in
            .bytes(
                Data("<html><body><h1>Bandwidth limit exceeded</h1></body></html>".utf8),
                headers: ["Content-Type": "text/html"])
        }
        let error = await #expect(throws: HTTPError.self) { try await enrich(Self.martin) }
        guard case .malformed? = error else {
            Issue.record("expected malformed, got \(String(describing: error))")
            return
        }
    }
}
