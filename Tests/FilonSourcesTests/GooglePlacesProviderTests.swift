import FilonCore
import Foundation
import Logging
import TestSupport
import Testing

@testable import FilonSources

/// Google Places text search against recorded answers on a fake server.
@Suite struct GooglePlacesProviderTests {
    let server: FakeHTTPServer
    let provider = GooglePlacesProvider()

    init() throws { server = try FakeHTTPServer() }

    static let martin = CompanyProfile(
        siren: 812_345_676, name: "BOULANGERIE MARTIN", legalForm: "5499",
        address: ObservedAddress(
            streetNumber: "45", streetType: "RUE", streetName: "PAUL BERT", postalCode: "69003", city: "LYON"))
    static let dupont = CompanyProfile(
        siren: 852_110_931, name: "DUPONT PLOMBERIE CHAUFFAGE", legalForm: "5720",
        address: ObservedAddress(
            streetNumber: "12", streetType: "AV", streetName: "ROGER SALENGRO", postalCode: "69100",
            city: "VILLEURBANNE"))
    static let bouchon = CompanyProfile(
        siren: 790_456_123, name: "LE BOUCHON DES CORDELIERS", legalForm: "5499",
        address: ObservedAddress(
            streetNumber: "8", streetType: "RUE", streetName: "GRENETTE", postalCode: "69002", city: "LYON"))

    var call: ProviderCall {
        TestPass.call(
            provider.id.rawValue, baseURL: server.baseURL, key: "k", settings: ProviderSettings(), stop: StopSignal())
    }

    static func fixture(_ name: String) throws -> String {
        try String(contentsOfFile: TestSupport.fixture("api/google_places/" + name), encoding: .utf8)
    }

    func serve(_ name: String, status: Int = 200) throws {
        let body = try Self.fixture(name)
        server.handle { _ in .json(body, status: status) }
    }

    func enrich(_ company: CompanyProfile) async throws -> EnrichmentResult? {
        try await provider.enrich([company], call)[company.siren]
    }

    // MARK: - Matching

    @Test func aMatchedPlaceWithAWebsite() async throws {
        try serve("search_dupont_plomberie.json")
        let result = try #require(try await enrich(Self.dupont))
        #expect(result.found && result.creditsSpent == 1 && result.observation == nil && result.signals.isEmpty)
        #expect(
            result.webPresence
                == WebPresenceFinding(
                    website: "https://www.dupont-plomberie-villeurbanne.fr/", listsNoWebsite: false,
                    googleStatus: "operational", googleRating: 4.9, googleReviews: 41))
        #expect(
            result.contacts == [
                ContactFinding(kind: .phone, value: "06 71 23 45 89", subtype: .mobile),
                ContactFinding(kind: .website, value: "https://www.dupont-plomberie-villeurbanne.fr/"),
            ])
    }

    /// The homonym in the 7th with a site comes first, a neighbour bakery shares only "boulangerie":
    /// the company is the place in its own postcode, which lists no website.
    @Test func aBakeryGoogleListsWithoutWebsite() async throws {
        try serve("search_boulangerie_martin.json")
        let result = try #require(try await enrich(Self.martin))
        #expect(result.found && result.creditsSpent == 1)
        #expect(
            result.webPresence
                == WebPresenceFinding(
                    website: nil, listsNoWebsite: true, googleStatus: "operational", googleRating: 4.6,
                    googleReviews: 212))
        #expect(result.contacts == [ContactFinding(kind: .phone, value: "04 78 60 21 47", subtype: .landline)])
    }

    @Test func homonymsInOtherPostcodesAreNotTheCompany() async throws {
        try serve("search_homonyms_elsewhere.json")
        #expect(try await enrich(Self.martin) == .notFound(creditsSpent: 1))
        try serve("search_empty.json")
        #expect(try await enrich(Self.martin) == .notFound(creditsSpent: 1))
    }

    /// A closed place is a signal for the seller, not a registry closure; the sushi bar now at the
    /// address shares only the neighbourhood's name.
    @Test func aPermanentlyClosedRestaurantIsASignalOnly() async throws {
        try serve("search_bouchon_cordeliers.json")
        let result = try #require(try await enrich(Self.bouchon))
        #expect(result.observation == nil)
        #expect(result.signals == [EnrichmentResult.Signal(kind: "google_status", detail: "closed_permanently")])
        #expect(result.webPresence?.googleStatus == "closed_permanently" && result.webPresence?.googleReviews == 387)
        #expect(result.contacts == [ContactFinding(kind: .phone, value: "04 78 37 12 90", subtype: .landline)])
    }

    @Test func aCompanyWithoutPostcodeIsNotSearched() async throws {
        var company = Self.martin
        company.address?.postalCode = nil
        #expect(try await enrich(company) == .notFound(creditsSpent: 0))
        #expect(server.requests.isEmpty)
    }

    // MARK: - The request

    @Test func theRequestIsAsDocumented() async throws {
        try serve("search_boulangerie_martin.json")
        _ = try await enrich(Self.martin)
        let request = try #require(server.requests.first)
        #expect(request.method == "POST" && request.path == "/places:searchText")
        #expect(request.header("X-Goog-Api-Key") == "k")
        #expect(
            request.header("X-Goog-FieldMask")
                == "places.id,places.displayName,places.formattedAddress,places.addressComponents,"
                + "places.nationalPhoneNumber,places.internationalPhoneNumber,places.websiteUri,places.rating,"
                + "places.userRatingCount,places.businessStatus,places.googleMapsUri,places.types")
        #expect(request.header("Content-Type") == "application/json")
        let agent = try #require(request.header("User-Agent"))
        #expect(agent.contains("Filon") && agent.contains("https://"))
        struct Body: Decodable, Equatable {
            var textQuery: String
            var languageCode: String
            var regionCode: String
            var maxResultCount: Int
        }
        #expect(
            try JSONDecoder().decode(Body.self, from: request.body)
                == Body(
                    textQuery: "BOULANGERIE MARTIN 69003 LYON", languageCode: "fr", regionCode: "FR", maxResultCount: 5)
        )
    }

    // MARK: - Failures

    @Test func aMissingKeyIsRefusedAndBillingStopsTheProvider() async throws {
        try serve("error_401_unauthenticated.json", status: 401)
        await #expect(throws: HTTPError.unauthorized(provider: "google_places", status: 401)) {
            try await enrich(Self.martin)
        }
        try serve("error_400_api_key_invalid.json", status: 400)
        await #expect(throws: HTTPError.unauthorized(provider: "google_places", status: 400)) {
            try await enrich(Self.martin)
        }
        try serve("error_403_billing.json", status: 403)
        let error = await #expect(throws: EnrichmentError.self) { try await enrich(Self.martin) }
        guard case .outOfCredits(.googlePlaces, _)? = error else {
            Issue.record("expected outOfCredits, got \(String(describing: error))")
            return
        }
        // None of these is retried.
        #expect(server.requests.count == 3)
    }

    @Test func aRateLimitIsWaitedOutThenAnswered() async throws {
        let limited = try Self.fixture("error_429_resource_exhausted.json")
        let answer = try Self.fixture("search_dupont_plomberie.json")
        let counter = RequestCounter()
        server.handle { _ in
            counter.next() == 1 ? .json(limited, status: 429, headers: ["Retry-After": "1"]) : .json(answer)
        }
        let result = try #require(try await enrich(Self.dupont))
        #expect(result.found && result.webPresence?.website == "https://www.dupont-plomberie-villeurbanne.fr/")
        #expect(server.requests.count == 2)
    }

    @Test func anHTMLPageInsteadOfJSONIsMalformed() async throws {
        let page = try String(
            contentsOfFile: TestSupport.fixture("api/google_places/error_page.html"), encoding: .utf8)
        server.handle { _ in .bytes(Data(page.utf8), headers: ["Content-Type": "text/html; charset=UTF-8"]) }
        let error = await #expect(throws: HTTPError.self) { try await enrich(Self.martin) }
        guard case .malformed(let provider, _, let detail)? = error else {
            Issue.record("expected malformed, got \(String(describing: error))")
            return
        }
        #expect(provider == "google_places" && detail.hasPrefix("not JSON"))
    }

    @Test func truncatedAnswersFail() async throws {
        let answer = try Self.fixture("search_dupont_plomberie.json")
        let half = String(answer.prefix(answer.count / 2))
        // Cut JSON sent whole: the decoder refuses it.
        server.handle { _ in .json(half) }
        let malformed = await #expect(throws: HTTPError.self) { try await enrich(Self.dupont) }
        guard case .malformed? = malformed else {
            Issue.record("expected malformed, got \(String(describing: malformed))")
            return
        }
        // Connection closed before the announced length: retried, then a transport failure.
        server.handle { _ in .truncated(declaredLength: answer.utf8.count, partialBody: half) }
        let cut = await #expect(throws: HTTPError.self) { try await enrich(Self.dupont) }
        guard case .transport? = cut else {
            Issue.record("expected transport, got \(String(describing: cut))")
            return
        }
        #expect(server.requests.count == 3)
    }

    // MARK: - Names

    @Test func namesMatchDespiteLegalFormsAccentsAndSmallWords() {
        #expect(BusinessNameMatch.matches("SARL BOULANGERIE MARTIN", "Boulangerie Pâtisserie Martin"))
        #expect(BusinessNameMatch.matches("S.A.R.L. L'ÉPI D'OR", "L'Épi d'Or"))
        #expect(BusinessNameMatch.matches("ETS DUPONT ET FILS", "Dupont"))
        #expect(BusinessNameMatch.matches("MC DONALD'S", "McDonald's"))
        #expect(BusinessNameMatch.matches("SAS LES DELICES DE LYON", "Les Délices", city: "LYON"))
        #expect(BusinessNameMatch.matches("CŒUR DE BŒUF", "Coeur de Boeuf"))
        #expect(BusinessNameMatch.matches("BOULANGERIE PATISSERIE", "Boulangerie Pâtisserie"))
        // A trade word, a city or a neighbourhood shared is not a business shared.
        #expect(!BusinessNameMatch.matches("BOULANGERIE DU PARC", "Boulangerie Martin"))
        #expect(!BusinessNameMatch.matches("BOULANGERIE DE LYON", "Pharmacie de Lyon", city: "Lyon"))
        #expect(!BusinessNameMatch.matches("LE BOUCHON DES CORDELIERS", "Sushi Shop Lyon Cordeliers"))
        #expect(!BusinessNameMatch.matches("BOULANGERIE PATISSERIE", "Boulangerie Pâtisserie Martin"))
        #expect(!BusinessNameMatch.matches("SARL", "SARL"))
        #expect(BusinessNameMatch.tokens("SASU Plomberie-Chauffage d'Hélène") == ["plomberie", "chauffage", "helene"])
    }
}
