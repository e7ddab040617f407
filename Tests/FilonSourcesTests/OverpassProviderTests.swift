import FilonCore
import Foundation
import Logging
import TestSupport
import Testing

@testable import FilonSources

/// Overpass searches around a head office against recorded answers on a fake server.
@Suite struct OverpassProviderTests {
    let server: FakeHTTPServer
    let provider = OverpassProvider()

    init() throws { server = try FakeHTTPServer() }

    static let martin = located(GooglePlacesProviderTests.martin, 45.760284, 4.846191)
    static let dupont = located(GooglePlacesProviderTests.dupont, 45.768911, 4.879336)

    static func located(_ company: CompanyProfile, _ latitude: Double, _ longitude: Double) -> CompanyProfile {
        var company = company
        company.address?.latitude = latitude
        company.address?.longitude = longitude
        return company
    }

    var call: ProviderCall {
        TestPass.call(
            provider.id.rawValue, baseURL: server.baseURL, key: nil, settings: ProviderSettings(), stop: StopSignal())
    }

    static func fixture(_ name: String) throws -> String {
        try String(contentsOfFile: TestSupport.fixture("api/overpass/" + name), encoding: .utf8)
    }

    func serve(_ name: String) throws {
        let body = try Self.fixture(name)
        server.handle { request in request.path == "/interpreter" ? .json(body) : .noRoute }
    }

    func enrich(_ company: CompanyProfile) async throws -> EnrichmentResult? {
        try await provider.enrich([company], call)[company.siren]
    }

    @Test func aMappedPlumberWithItsSiteAndContacts() async throws {
        try serve("around_dupont_plomberie.json")
        let result = try #require(try await enrich(Self.dupont))
        #expect(result.found && result.creditsSpent == 0 && result.observation == nil)
        #expect(result.webPresence == WebPresenceFinding(website: "https://www.dupont-plomberie-villeurbanne.fr/"))
        #expect(
            result.contacts == [
                ContactFinding(kind: .website, value: "https://www.dupont-plomberie-villeurbanne.fr/"),
                ContactFinding(kind: .phone, value: "+33 6 71 23 45 89", subtype: .mobile),
                ContactFinding(kind: .phone, value: "+33 4 78 85 12 30", subtype: .landline),
                ContactFinding(
                    kind: .email, value: "jean.dupont@dupont-plomberie-villeurbanne.fr", subtype: .nominative),
                ContactFinding(kind: .email, value: "contact@dupont-plomberie-villeurbanne.fr", subtype: .generic),
            ])
    }

    /// The bakery is mapped without a website; the other bakery nearby, which has one, is not it.
    @Test func aMappedBakeryWithoutWebsite() async throws {
        try serve("around_boulangerie_martin.json")
        let result = try #require(try await enrich(Self.martin))
        #expect(result.found && result.webPresence == nil)
        #expect(result.contacts == [ContactFinding(kind: .phone, value: "+33 4 78 60 21 47", subtype: .landline)])
        #expect(
            result.signals == [
                EnrichmentResult.Signal(kind: "opening_hours", detail: "Tu-Sa 06:30-19:30; Su 07:00-13:00")
            ])
    }

    @Test func theRequestIsAFormAroundTheHeadOffice() async throws {
        try serve("around_dupont_plomberie.json")
        _ = try await enrich(Self.dupont)
        let request = try #require(server.requests.first)
        #expect(request.method == "POST" && request.path == "/interpreter")
        #expect(request.header("Content-Type") == "application/x-www-form-urlencoded")
        #expect(try #require(request.header("User-Agent")).contains("Filon"))
        let body = String(decoding: request.body, as: UTF8.self)
        #expect(body.hasPrefix("data=") && !body.contains("[") && !body.contains("\"") && !body.contains(";"))
        #expect(
            body.dropFirst("data=".count).removingPercentEncoding
                == #"[out:json][timeout:25];nwr(around:150,45.768911,4.879336)["name"];out center tags;"#)
    }

    @Test func withoutCoordinatesOrAMatchingNameNothingIsFound() async throws {
        try serve("around_nothing_named_alike.json")
        #expect(try await enrich(Self.martin) == .notFound())
        #expect(try await enrich(GooglePlacesProviderTests.martin) == .notFound())
        #expect(server.requests.count == 1)
    }

    /// A timed-out query answers 200 with no elements: it must not read as "not mapped".
    @Test func aRemarkedTimeoutIsAskedAgainLater() async throws {
        try serve("remark_timeout.json")
        await #expect(
            throws: EnrichmentError.notReady(
                .overpass, detail: #"runtime error: Query timed out in "query" at line 1 after 26 seconds."#)
        ) { try await enrich(Self.martin) }
    }

    @Test func aRateLimitIsWaitedOutThenAnswered() async throws {
        let answer = try Self.fixture("around_boulangerie_martin.json")
        let counter = RequestCounter()
        server.handle { _ in
            counter.next() == 1 ? .status(429, body: "rate_limited", headers: ["Retry-After": "2"]) : .json(answer)
        }
        #expect(try await enrich(Self.martin)?.found == true)
        #expect(server.requests.count == 2)
    }
}
