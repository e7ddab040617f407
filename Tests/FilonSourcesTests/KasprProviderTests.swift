import FilonCore
import Foundation
import Logging
import TestSupport
import Testing

@testable import FilonSources

/// Kaspr: a LinkedIn slug a provider returned in, emails and phones out.
@Suite struct KasprProviderTests {
    let server: FakeHTTPServer
    let provider = KasprProvider()

    static let julien = Director(kind: .physical, role: "Gérant", lastName: "MARTIN", firstNames: "Julien")
    static let boulangerie = CompanyProfile(
        siren: 841_253_677, name: "BOULANGERIE MARTIN ET FILS", directors: [julien],
        linkedinURLs: [
            "https://www.linkedin.com/company/boulangerie-martin-lyon",
            "https://fr.linkedin.com/in/julien-martin-7b21a4/?originalSubdomain=fr",
        ])

    init() throws { server = try FakeHTTPServer() }

    func call() -> ProviderCall {
        TestPass.call(
            ProviderID.kaspr.rawValue, baseURL: server.baseURL, key: "k", settings: ProviderSettings(),
            stop: StopSignal())
    }

    func serve(_ fixture: String) throws {
        let body = try RegistrySourceHarness.fixture("kaspr/" + fixture)
        server.handle { request in request.path == "/profile/linkedin" ? .json(body) : .noRoute }
    }

    func enrich(_ company: CompanyProfile = boulangerie) async throws -> EnrichmentResult? {
        try await provider.enrich([company], call())[company.siren]
    }

    @Test func asksBySlugAndMapsEmailsAndPhones() async throws {
        try serve("profile_julien-martin.json")
        let result = try #require(try await enrich())

        let request = try #require(server.requests.first)
        #expect(request.method == "POST" && server.requests.count == 1)
        #expect(request.header("Authorization") == "Bearer k" && request.header("accept-version") == "v2.0")
        #expect(request.header("Content-Type") == "application/json")
        let body = try JSONDecoder().decode([String: JSONValue].self, from: request.body)
        #expect(
            body == [
                "id": .string("julien-martin-7b21a4"), "name": .string("Julien MARTIN"),
                "dataToGet": .array([.string("workEmail"), .string("phone"), .string("directEmail")]),
            ])

        #expect(
            result.contacts == [
                ContactFinding(
                    kind: .email, value: "julien.martin@boulangerie-martin-lyon.fr", subtype: .nominative,
                    person: Self.julien),
                ContactFinding(
                    kind: .email, value: "j.martin@boulangerie-martin-lyon.fr", subtype: .nominative,
                    person: Self.julien),
                ContactFinding(
                    kind: .email, value: "julien.martin69@gmail.com", subtype: .nominative, person: Self.julien,
                    label: "personal"),
                ContactFinding(kind: .phone, value: "+33 6 12 48 95 07", subtype: .mobile, person: Self.julien),
                ContactFinding(kind: .phone, value: "+33 4 78 42 17 93", subtype: .landline, person: Self.julien),
            ])
        #expect(
            result.signals == [
                EnrichmentResult.Signal(kind: "job_title", detail: "Gérant - Boulangerie Martin et Fils")
            ])
        #expect(result.found && result.creditsSpent == 1 && provider.maxCredits(ProviderSettings()) == 1)
    }

    @Test func readsEmailsAndPhonesSentAsObjects() async throws {
        try serve("profile_objects.json")
        let claire = Director(kind: .physical, lastName: "DUVAL", firstNames: "Claire")
        let atelier = CompanyProfile(
            siren: 799_441_282, directors: [claire],
            linkedinURLs: ["https://www.linkedin.com/in/claire-duval-graphiste"])
        let result = try #require(try await enrich(atelier))
        #expect(
            result.contacts == [
                ContactFinding(
                    kind: .email, value: "claire.duval@atelier-duval.fr", subtype: .nominative, person: claire),
                ContactFinding(
                    kind: .email, value: "claire.duval@orange.fr", subtype: .nominative, person: claire,
                    label: "personal"),
                ContactFinding(kind: .phone, value: "0467582109", subtype: .landline, person: claire),
                ContactFinding(kind: .phone, value: "07 81 22 64 19", subtype: .mobile, person: claire),
            ])
        #expect(result.creditsSpent == 1)
    }

    @Test func withoutAPersonProfileNothingIsAsked() async throws {
        var company = Self.boulangerie
        company.linkedinURLs = ["https://www.linkedin.com/company/boulangerie-martin-lyon"]
        let result = try #require(try await enrich(company))
        #expect(!result.found && result.creditsSpent == 0 && server.requests.isEmpty)
    }

    @Test func aSlugNamingNoDirectorIsAskedWithTheNameItSpells() async throws {
        try serve("profile_empty.json")
        var company = Self.boulangerie
        company.linkedinURLs = ["https://www.linkedin.com/in/marc-leroy-3a9b12"]
        let result = try #require(try await enrich(company))
        let body = try JSONDecoder().decode([String: JSONValue].self, from: server.requests.first?.body ?? Data())
        #expect(body["id"] == .string("marc-leroy-3a9b12") && body["name"] == .string("Marc Leroy"))
        // An empty profile is not found and costs nothing.
        #expect(!result.found && result.creditsSpent == 0)
    }

    @Test func anUnknownProfileIsNotFound() async throws {
        server.handle { _ in .json(#"{"message":"Profile not found"}"#, status: 404) }
        let result = try #require(try await enrich())
        #expect(!result.found && result.creditsSpent == 0)
    }

    @Test func aWrongKeyIsUnauthorized() async throws {
        server.handle { _ in .json(#"{"message":"Unauthorized"}"#, status: 401) }
        await #expect(throws: HTTPError.unauthorized(provider: "kaspr", status: 401)) { try await enrich() }
    }

    @Test(arguments: [402, 403])
    func noCreditsLeftIsOutOfCredits(_ status: Int) async throws {
        server.handle { _ in .json(#"{"message":"Not enough credits in the work email pool"}"#, status: status) }
        await #expect(throws: EnrichmentError.outOfCredits(.kaspr, detail: "HTTP \(status)")) { try await enrich() }
        #expect(server.requests.count == 1)
    }

    @Test func waitsOutA429ThenMaps() async throws {
        let body = try RegistrySourceHarness.fixture("kaspr/profile_julien-martin.json")
        let counter = RequestCounter()
        server.handle { _ in counter.next() == 1 ? .status(429, headers: ["Retry-After": "0"]) : .json(body) }
        let result = try #require(try await enrich())
        #expect(result.contacts.count == 5 && server.requests.count == 2)
    }

    @Test(arguments: [
        FakeResponse.bytes(
            Data("<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>".utf8),
            headers: ["Content-Type": "text/html"]),
        FakeResponse.json(#"{"profile":{"name":"Julien Martin","professionalEmails":["julien.mar"#),
    ])
    func anAnswerThatIsNotJSONIsMalformed(_ answer: FakeResponse) async throws {
        server.handle { _ in answer }
        let error = await #expect(throws: HTTPError.self) { try await enrich() }
        guard case .malformed(let provider, _, _)? = error else {
            Issue.record("expected malformed, got \(String(describing: error))")
            return
        }
        #expect(provider == "kaspr")
    }

    @Test func slugsComeOnlyFromPersonProfiles() {
        #expect(
            EnrichmentValues.linkedinSlug("https://www.linkedin.com/in/julien-martin-7b21a4/") == "julien-martin-7b21a4"
        )
        #expect(EnrichmentValues.linkedinSlug("linkedin.com/in/h%C3%A9l%C3%A8ne-roux?trk=x") == "hélène-roux")
        #expect(EnrichmentValues.linkedinSlug("https://www.linkedin.com/company/boulangerie-martin-lyon") == nil)
        #expect(KasprProvider.name(nil, slug: "jean-dupont-4b5a1") == "Jean Dupont")
    }
}
