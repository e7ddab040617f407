import FilonCore
import Foundation
import Logging
import TestSupport
import Testing

@testable import FilonSources

/// Clearbit Company: a website's domain in, technologies, size and the site's contacts out.
@Suite struct ClearbitProviderTests {
    let server: FakeHTTPServer
    let provider = ClearbitProvider()
    static let boulangerie = CompanyProfile(
        siren: 841_253_677, name: "BOULANGERIE MARTIN ET FILS",
        websites: ["https://www.boulangerie-martin-lyon.fr/accueil", "http://boulangeriemartin.fr"])

    init() throws { server = try FakeHTTPServer() }

    func call() -> ProviderCall {
        TestPass.call(
            ProviderID.clearbit.rawValue, baseURL: server.baseURL, key: "sk_test_k", settings: ProviderSettings(),
            stop: StopSignal())
    }

    func enrich(_ company: CompanyProfile = boulangerie) async throws -> EnrichmentResult? {
        try await provider.enrich([company], call())[company.siren]
    }

    @Test func looksTheWebsiteUpAndMapsSignalsAndContacts() async throws {
        let body = try RegistrySourceHarness.fixture("clearbit/company_boulangerie-martin-lyon.fr.json")
        server.handle { request in request.path == "/companies/find" ? .json(body) : .noRoute }
        let result = try #require(try await enrich())

        let request = try #require(server.requests.first)
        #expect(request.method == "GET" && request.query == ["domain": "boulangerie-martin-lyon.fr"])
        // HTTP Basic: the key as the user, no password.
        let credentials = Data("sk_test_k:".utf8).base64EncodedString()
        #expect(request.header("Authorization") == "Basic " + credentials)

        #expect(
            result.signals == [
                .init(kind: "tech", detail: "wordpress"), .init(kind: "tech", detail: "woocommerce"),
                .init(kind: "tech", detail: "google_analytics"), .init(kind: "tech", detail: "jquery"),
                .init(kind: "industry", detail: "Food Products"), .init(kind: "employees", detail: "1-10"),
            ])
        #expect(
            result.contacts == [
                ContactFinding(kind: .phone, value: "+33 4 78 42 17 93", subtype: .landline),
                ContactFinding(kind: .email, value: "contact@boulangerie-martin-lyon.fr", subtype: .generic),
                ContactFinding(kind: .email, value: "julien@boulangerie-martin-lyon.fr", subtype: .nominative),
                ContactFinding(
                    kind: .linkedin, value: "https://www.linkedin.com/company/boulangerie-martin-lyon",
                    subtype: .company),
            ])
        #expect(result.found && result.creditsSpent == 1 && provider.maxCredits(ProviderSettings()) == 1)
    }

    @Test func withoutAWebsiteNothingIsAsked() async throws {
        let result = try #require(try await enrich(CompanyProfile(siren: 903_186_427)))
        #expect(!result.found && result.creditsSpent == 0 && server.requests.isEmpty)
    }

    @Test func aQueuedLookupIsAskedAgainLater() async throws {
        let queued = try RegistrySourceHarness.fixture("clearbit/queued.json")
        server.handle { _ in .json(queued, status: 202) }
        await #expect(
            throws: EnrichmentError.notReady(.clearbit, detail: "boulangerie-martin-lyon.fr is queued for lookup")
        ) { try await enrich() }
    }

    @Test(arguments: [404, 422])
    func anUnknownOrRejectedDomainIsNotFound(_ status: Int) async throws {
        server.handle { _ in
            .json(#"{"error":{"type":"unknown_record","message":"Unknown domain"}}"#, status: status)
        }
        let result = try #require(try await enrich())
        #expect(!result.found && result.creditsSpent == 0)
    }

    @Test func aWrongKeyIsUnauthorized() async throws {
        server.handle { _ in .json(#"{"error":{"type":"auth_required","message":"API key invalid"}}"#, status: 401) }
        await #expect(throws: HTTPError.unauthorized(provider: "clearbit", status: 401)) { try await enrich() }
    }

    @Test func anExhaustedQuotaIsOutOfCredits() async throws {
        server.handle { _ in .json(#"{"error":{"type":"over_quota","message":"Payment required"}}"#, status: 402) }
        await #expect(throws: EnrichmentError.outOfCredits(.clearbit, detail: "HTTP 402")) { try await enrich() }
    }

    @Test func waitsOutA429ThenMaps() async throws {
        let body = try RegistrySourceHarness.fixture("clearbit/company_boulangerie-martin-lyon.fr.json")
        let counter = RequestCounter()
        server.handle { _ in counter.next() == 1 ? .status(429, headers: ["Retry-After": "0"]) : .json(body) }
        let result = try #require(try await enrich())
        #expect(result.found && server.requests.count == 2)
    }

    @Test(arguments: [
        FakeResponse.bytes(
            Data("<html><body>Clearbit is down for maintenance</body></html>".utf8),
            headers: ["Content-Type": "text/html"]),
        FakeResponse.json(#"{"name":"Boulangerie Martin","tech":["wordpr"#),
    ])
    func anAnswerThatIsNotJSONIsMalformed(_ answer: FakeResponse) async throws {
        server.handle { _ in answer }
        let error = await #expect(throws: HTTPError.self) { try await enrich() }
        guard case .malformed(let provider, _, _)? = error else {
            Issue.record("expected malformed, got \(String(describing: error))")
            return
        }
        #expect(provider == "clearbit")
    }

    @Test func linkedinHandlesBecomeCompanyPages() {
        #expect(
            ClearbitProvider.linkedinPage("company/atelier-duval") == "https://www.linkedin.com/company/atelier-duval")
        #expect(ClearbitProvider.linkedinPage("atelier-duval") == "https://www.linkedin.com/company/atelier-duval")
        #expect(ClearbitProvider.linkedinPage("") == nil)
    }
}
