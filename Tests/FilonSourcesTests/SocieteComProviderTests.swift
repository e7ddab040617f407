import FilonCore
import Foundation
import Logging
import TestSupport
import Testing

@testable import FilonSources

/// Société.com: legal information then accounts, two requests and two credits a company.
@Suite struct SocieteComProviderTests {
    let server: FakeHTTPServer
    let provider = SocieteComProvider()
    static let siren = 812_775_302

    init() throws { server = try FakeHTTPServer() }

    func call() -> ProviderCall {
        TestPass.call(
            ProviderID.societeCom.rawValue, baseURL: server.baseURL, key: "k", settings: ProviderSettings(),
            stop: StopSignal())
    }

    /// Answers `/entreprise/<siren>/<part>` from the fixture `<part>_<siren>…json`.
    func serve(infos: String, bilans: String? = nil) throws {
        let infosBody = try RegistrySourceHarness.fixture("societe_com/" + infos)
        let bilansBody = try bilans.map { try RegistrySourceHarness.fixture("societe_com/" + $0) }
        server.handle { request in
            if request.path.hasSuffix("/infoslegales") { return .json(infosBody) }
            if request.path.hasSuffix("/bilans"), let bilansBody { return .json(bilansBody) }
            return .noRoute
        }
    }

    func enrich(_ siren: Int = siren) async throws -> EnrichmentResult? {
        try await provider.enrich([CompanyProfile(siren: siren)], call())[siren]
    }

    @Test func mapsLegalInformationAndAccounts() async throws {
        try serve(infos: "infoslegales_812775302.json", bilans: "bilans_812775302.json")
        let result = try #require(try await enrich())

        #expect(
            server.requests.map(\.path) == [
                "/entreprise/812775302/infoslegales", "/entreprise/812775302/bilans",
            ])
        #expect(server.requests.allSatisfy { $0.header("X-Authorization") == "socapi k" })
        #expect(result.found && result.creditsSpent == 2 && provider.maxCredits(ProviderSettings()) == 2)

        let observation = try #require(result.observation)
        #expect(observation.name == "MENUISERIE LEBRUN" && observation.nafCode == "43.32A")
        #expect(observation.legalForm == "Société à responsabilité limitée (sans autre indication)")
        #expect(observation.creationDate == "2015-07-02" && observation.closure == nil)
        #expect(observation.headOffice?.line == "27 RUE DES ARTISANS, 44300 NANTES")
        // Amounts written with spaces; the consolidated 2023 accounts listed second are ignored;
        // 2022 has only its closing date; 2021 has no figures.
        #expect(
            observation.finances == [
                FinanceYear(year: 2022, revenue: 1_198_000, netIncome: 48_700),
                FinanceYear(year: 2023, revenue: 1_350_920, netIncome: -12_480),
                FinanceYear(year: 2024, revenue: 1_482_300, netIncome: 64_210),
            ])
        #expect(result.signals == [EnrichmentResult.Signal(kind: "employees", detail: "10 à 19 salariés")])
    }

    @Test func readsTheOlderWrapperAndAStruckOffCompany() async throws {
        let infos = try RegistrySourceHarness.fixture("societe_com/infoslegales_852199637_radiee.json")
        server.handle { request in
            request.path.hasSuffix("/infoslegales")
                ? .json(infos) : .json(#"{"error":{"codemsg":"AUCUN_BILAN"}}"#, status: 404)
        }
        let result = try #require(try await enrich(852_199_637))
        let observation = try #require(result.observation)
        #expect(observation.name == "TRAITEUR DES DUCS" && observation.creationDate == "2019-05-20")
        #expect(observation.closure == CompanyObservation.Closure(date: "2026-01-15"))
        // No accounts published: only the first request was answered.
        #expect(observation.finances == nil && result.creditsSpent == 1)
    }

    @Test func anUnknownSirenIsNotFoundWithoutAskingForAccounts() async throws {
        let unknown = try RegistrySourceHarness.fixture("societe_com/error_unknown.json")
        server.handle { _ in .json(unknown) }
        let result = try #require(try await enrich())
        #expect(!result.found && result.creditsSpent == 0 && server.requests.count == 1)

        server.handle { _ in .json(unknown, status: 404) }
        #expect(try await enrich()?.found == false)
    }

    @Test func aRefusedKeyIsUnauthorized() async throws {
        server.handle { _ in .json(#"{"error":{"codemsg":"TOKEN_INVALIDE"}}"#, status: 401) }
        await #expect(throws: HTTPError.unauthorized(provider: "societe_com", status: 401)) { try await enrich() }
    }

    @Test func noCreditsLeftIsOutOfCredits() async throws {
        let credits = try RegistrySourceHarness.fixture("societe_com/error_credits.json")
        server.handle { _ in .json(credits, status: 402) }
        await #expect(throws: EnrichmentError.outOfCredits(.societeCom, detail: "HTTP 402")) { try await enrich() }
        // The same refusal inside a 200.
        server.handle { _ in .json(credits) }
        await #expect(throws: EnrichmentError.outOfCredits(.societeCom, detail: "CREDIT_EPUISE")) {
            try await enrich()
        }
    }

    @Test func waitsOutA429ThenMaps() async throws {
        let infos = try RegistrySourceHarness.fixture("societe_com/infoslegales_812775302.json")
        let bilans = try RegistrySourceHarness.fixture("societe_com/bilans_812775302.json")
        let counter = RequestCounter()
        server.handle { request in
            if counter.next() == 2 { return .status(429, headers: ["Retry-After": "0"]) }
            return .json(request.path.hasSuffix("/bilans") ? bilans : infos)
        }
        let result = try #require(try await enrich())
        #expect(result.observation?.finances?.count == 3 && result.creditsSpent == 2)
        #expect(server.requests.count == 3)
    }

    @Test(arguments: [
        FakeResponse.bytes(
            Data("<html><head><title>Maintenance</title></head><body>Site en maintenance</body></html>".utf8),
            headers: ["Content-Type": "text/html; charset=utf-8"]),
        FakeResponse.json(#"{"data":{"siren":"812775302","denoinsee":"MENUI"#),
    ])
    func anAnswerThatIsNotJSONIsMalformed(_ answer: FakeResponse) async throws {
        server.handle { _ in answer }
        let error = await #expect(throws: HTTPError.self) { try await enrich() }
        guard case .malformed(let provider, _, _)? = error else {
            Issue.record("expected malformed, got \(String(describing: error))")
            return
        }
        #expect(provider == "societe_com")
    }
}
