import FilonCore
import Foundation
import Logging
import TestSupport
import Testing

@testable import FilonSources

/// Pappers `GET /entreprise`: mapping, extra fields and their credits, and the ways it refuses.
@Suite struct PappersProviderTests {
    let server: FakeHTTPServer
    let provider = PappersProvider()
    static let siren = 841_253_677

    init() throws { server = try FakeHTTPServer() }

    func call(extraFields: [String]? = nil) -> ProviderCall {
        var settings = ProviderSettings()
        settings.extraFields = extraFields
        return TestPass.call(
            ProviderID.pappers.rawValue, baseURL: server.baseURL, key: "k", settings: settings, stop: StopSignal())
    }

    func serve(_ fixture: String) throws {
        let body = try RegistrySourceHarness.fixture("pappers/" + fixture)
        server.handle { request in request.path == "/entreprise" ? .json(body) : .noRoute }
    }

    func enrich(_ siren: Int = siren, extraFields: [String]? = nil) async throws -> EnrichmentResult? {
        try await provider.enrich([CompanyProfile(siren: siren)], call(extraFields: extraFields))[siren]
    }

    @Test func mapsTheCompanyItsDirectorsAccountsAndPaidContacts() async throws {
        try serve("entreprise_841253677.json")
        let result = try #require(
            try await enrich(extraFields: ["sites_internet", "telephone", "email", "lien_linkedin"]))

        let request = try #require(server.requests.first)
        #expect(request.method == "GET" && request.header("api-key") == "k")
        #expect(
            request.query == [
                "siren": "841253677", "champs_supplementaires": "sites_internet,telephone,email,lien_linkedin",
            ])
        // 1 + sites_internet 1 + telephone 3 + email 3 + lien_linkedin 3.
        #expect(result.found && result.creditsSpent == 11)

        let observation = try #require(result.observation)
        #expect(observation.siren == Self.siren && observation.name == "BOULANGERIE MARTIN ET FILS")
        #expect(observation.legalForm == "SARL, société à responsabilité limitée")
        #expect(observation.nafCode == "10.71C" && observation.creationDate == "2018-06-12")
        #expect(observation.closure == nil && !observation.personalDataWithheld)
        #expect(observation.headOffice?.line == "14 RUE DE LA CHARITE, 69002 LYON, France")
        #expect(observation.headOffice?.latitude == 45.7531)
        // The past gérant and the director of the wrong shape are left out.
        #expect(
            observation.directors == [
                Director(kind: .physical, role: "Gérant", lastName: "MARTIN", firstNames: "Julien", birthYear: 1979),
                Director(
                    kind: .legal, role: "Commissaire aux comptes titulaire", legalSiren: 892_345_174,
                    legalName: "FIDUCIAIRE RHONE AUDIT"),
            ])
        #expect(
            observation.finances == [
                FinanceYear(year: 2021, revenue: 498_750, netIncome: nil),
                FinanceYear(year: 2022, revenue: 571_300, netIncome: -4_120),
                FinanceYear(year: 2023, revenue: 612_480, netIncome: 31_250),
            ])

        #expect(
            result.contacts == [
                ContactFinding(kind: .website, value: "https://www.boulangerie-martin-lyon.fr"),
                ContactFinding(kind: .website, value: "http://boulangeriemartin.fr"),
                ContactFinding(kind: .phone, value: "04 78 42 17 93", subtype: .landline),
                ContactFinding(kind: .email, value: "contact@boulangerie-martin-lyon.fr", subtype: .generic),
                ContactFinding(
                    kind: .linkedin, value: "https://www.linkedin.com/company/boulangerie-martin-lyon",
                    subtype: .company),
            ])
        #expect(result.webPresence == WebPresenceFinding(website: "https://www.boulangerie-martin-lyon.fr"))
    }

    @Test func asksForTheWebsiteByDefaultAndPricesEveryExtraField() async throws {
        #expect(provider.maxCredits(ProviderSettings()) == 2)
        var settings = ProviderSettings()
        settings.extraFields = []
        #expect(provider.maxCredits(settings) == 1)
        settings.extraFields = ["telephone", "email", "lien_linkedin", "entreprises_dirigees", "sites_internet"]
        #expect(provider.maxCredits(settings) == 12)
        // An extra field without a known price is not asked for: budgets need exact costs.
        settings.extraFields = ["Telephone ", "scoring_financier", "telephone"]
        #expect(PappersProvider.extraFields(settings) == ["telephone"] && provider.maxCredits(settings) == 4)

        try serve("entreprise_841253677.json")
        let byDefault = try #require(try await enrich())
        #expect(server.requests.last?.query["champs_supplementaires"] == "sites_internet")
        #expect(byDefault.creditsSpent == 2)
        let bare = try #require(try await enrich(extraFields: []))
        #expect(server.requests.last?.query == ["siren": "841253677"] && bare.creditsSpent == 1)
    }

    @Test func aNonDiffusibleUnitKeepsNoPersonalData() async throws {
        try serve("entreprise_903186427_non_diffusible.json")
        let result = try #require(
            try await enrich(903_186_427, extraFields: ["sites_internet", "telephone", "email", "lien_linkedin"]))
        let observation = try #require(result.observation)
        #expect(observation.personalDataWithheld)
        #expect(observation.name == nil && observation.headOffice == nil && observation.directors == nil)
        #expect(observation.nafCode == "43.22A" && observation.legalForm == "Entrepreneur individuel")
        // The sole trader's mobile, mailbox and profile are dropped; the business website stays.
        #expect(result.contacts == [ContactFinding(kind: .website, value: "https://plomberie-phoceenne.fr")])
        #expect(result.found && result.creditsSpent == 11)
    }

    @Test func aCeasedCompanyComesWithItsClosure() async throws {
        try serve("entreprise_915022768_cessee.json")
        let result = try #require(try await enrich(915_022_768))
        #expect(result.observation?.closure == CompanyObservation.Closure(date: "2025-09-30"))
        #expect(result.observation?.headOffice?.longitude == 0.5471)
        // Empty lists say nothing: they must not erase what other sources gave.
        #expect(result.observation?.directors == nil && result.observation?.finances == nil)
        #expect(result.contacts.isEmpty && result.webPresence == nil)
    }

    @Test func anUnknownSirenIsNotFoundAndCostsNothing() async throws {
        server.handle { _ in .json(#"{"statusCode":404,"error":"Entreprise non trouvée"}"#, status: 404) }
        let result = try #require(try await enrich())
        #expect(!result.found && result.creditsSpent == 0 && server.requests.count == 1)
    }

    @Test func aWrongKeyIsUnauthorized() async throws {
        server.handle { _ in .json(#"{"statusCode":401,"error":"Clé API incorrecte"}"#, status: 401) }
        await #expect(throws: HTTPError.unauthorized(provider: "pappers", status: 401)) { try await enrich() }
        // The credit counter was asked too, and refused the key as well.
        #expect(server.requests.map(\.path) == ["/entreprise", "/suivi-jetons"])
    }

    @Test func a401WithAValidKeyMeansNoCreditsLeft() async throws {
        let refusal = try RegistrySourceHarness.fixture("pappers/error_credits.json")
        let counter = try RegistrySourceHarness.fixture("pappers/suivi_jetons.json")
        server.handle { request in
            request.path == "/suivi-jetons" ? .json(counter) : .json(refusal, status: 401)
        }
        let error = await #expect(throws: EnrichmentError.self) { try await enrich() }
        #expect(error == .outOfCredits(.pappers, detail: "HTTP 401 with a valid key, 0 credits left"))
        #expect(server.requests.last?.header("api-key") == "k")
    }

    @Test func a402IsOutOfCredits() async throws {
        server.handle { _ in .json(#"{"statusCode":402,"error":"Payment Required"}"#, status: 402) }
        await #expect(throws: EnrichmentError.outOfCredits(.pappers, detail: "HTTP 402")) { try await enrich() }
        #expect(server.requests.count == 1)
    }

    @Test func waitsOutA429ThenMaps() async throws {
        let body = try RegistrySourceHarness.fixture("pappers/entreprise_841253677.json")
        let counter = RequestCounter()
        server.handle { _ in counter.next() == 1 ? .status(429, headers: ["Retry-After": "0"]) : .json(body) }
        let result = try #require(try await enrich())
        #expect(result.found && result.observation?.name == "BOULANGERIE MARTIN ET FILS")
        #expect(server.requests.count == 2)
    }

    @Test(arguments: [
        FakeResponse.bytes(
            Data("<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>".utf8),
            headers: ["Content-Type": "text/html"]),
        FakeResponse.json(#"{"siren":"841253677","nom_entreprise":"BOULANGERIE MAR"#),
    ])
    func anAnswerThatIsNotJSONIsMalformed(_ answer: FakeResponse) async throws {
        server.handle { _ in answer }
        let error = await #expect(throws: HTTPError.self) { try await enrich() }
        guard case .malformed(let provider, _, _)? = error else {
            Issue.record("expected malformed, got \(String(describing: error))")
            return
        }
        #expect(provider == "pappers")
    }
}
