import FilonCore
import Foundation
import Logging
import TestSupport
import Testing

@testable import FilonSources

/// Dropcontact: one batch posted for several companies, polled until ready, mapped back.
@Suite struct DropcontactProviderTests {
    let server: FakeHTTPServer
    let provider = DropcontactProvider(pollInterval: 0.05, maxPolls: 5)
    static let requestPath = "/enrich/all/f4b5e2c1a9d84b7c"

    static let claire = Director(kind: .physical, role: "Gérante", lastName: "DUVAL", firstNames: "Claire, Anne")
    static let marc = Director(kind: .physical, role: "Gérant", lastName: "LEROY", firstNames: "Marc")
    static let pierre = Director(kind: .physical, role: "Président", lastName: "FONTAINE", firstNames: "Pierre")
    static let atelier = CompanyProfile(
        siren: 799_441_282, name: "ATELIER GRAPHIQUE DUVAL", directors: [claire, marc],
        websites: ["https://atelier-duval.fr"],
        linkedinURLs: [
            "https://www.linkedin.com/company/atelier-graphique-duval",
            "https://www.linkedin.com/in/claire-duval-graphiste",
        ])
    static let garage = CompanyProfile(
        siren: 883_612_046, name: "GARAGE DU PONT",
        directors: [pierre, Director(kind: .legal, role: "Associé", legalName: "FONTAINE INVEST")])
    /// Only a company as director: nobody Dropcontact could search.
    static let holding = CompanyProfile(
        siren: 804_567_121, name: "FONTAINE INVEST",
        directors: [Director(kind: .legal, role: "Président", legalSiren: 883_612_046, legalName: "GARAGE DU PONT")])

    init() throws { server = try FakeHTTPServer() }

    func call(stop: StopSignal = StopSignal()) -> ProviderCall {
        TestPass.call(
            ProviderID.dropcontact.rawValue, baseURL: server.baseURL, key: "k", settings: ProviderSettings(), stop: stop
        )
    }

    static func fixture(_ name: String) throws -> String {
        try RegistrySourceHarness.fixture("dropcontact/" + name)
    }

    /// Accepts the batch, then answers "not ready" `waits` times before `result`.
    func serve(waits: Int, result: String = "result_batch.json") throws {
        let (submit, notReady, done) = (
            try Self.fixture("submit.json"), try Self.fixture("not_ready.json"), try Self.fixture(result)
        )
        let polls = RequestCounter()
        server.handle { request in
            switch (request.method, request.path) {
            case ("POST", "/enrich/all"): return .json(submit)
            case ("GET", Self.requestPath): return .json(polls.next() <= waits ? notReady : done)
            default: return .noRoute
            }
        }
    }

    var expectedAtelier: [ContactFinding] {
        [
            ContactFinding(
                kind: .email, value: "claire.duval@atelier-duval.fr", subtype: .nominative, validation: .valid,
                person: Self.claire),
            ContactFinding(kind: .phone, value: "04 67 58 21 09", subtype: .landline),
            ContactFinding(
                kind: .linkedin, value: "https://www.linkedin.com/in/claire-duval-graphiste", subtype: .person,
                person: Self.claire),
            ContactFinding(
                kind: .linkedin, value: "https://www.linkedin.com/company/atelier-graphique-duval", subtype: .company),
            ContactFinding(kind: .website, value: "https://atelier-duval.fr"),
            ContactFinding(
                kind: .email, value: "contact@atelier-duval.fr", subtype: .generic, validation: .catchAll,
                person: Self.marc),
            ContactFinding(kind: .phone, value: "+33 6 45 87 12 03", subtype: .mobile, person: Self.marc),
        ]
    }

    var expectedGarage: [ContactFinding] {
        [
            ContactFinding(
                kind: .email, value: "p.fontaine@garagedupont.fr", subtype: .nominative, validation: .valid,
                person: Self.pierre),
            ContactFinding(
                kind: .email, value: "pierre.fontaine@wanadoo.fr", subtype: .nominative, validation: .invalid,
                person: Self.pierre, label: "personal"),
            ContactFinding(kind: .website, value: "garagedupont.fr"),
        ]
    }

    @Test func postsOneBatchPollsUntilReadyAndMapsEachCompanyBack() async throws {
        try serve(waits: 2)
        let results = try await provider.enrich([Self.atelier, Self.garage, Self.holding], call())

        #expect(server.requests.map(\.method) == ["POST", "GET", "GET", "GET"])
        #expect(server.requests.allSatisfy { $0.header("X-Access-Token") == "k" })
        let post = try #require(server.requests.first)
        #expect(post.header("Content-Type") == "application/json")
        let body = try JSONDecoder().decode([String: JSONValue].self, from: post.body)
        #expect(body["siren"] == .bool(true) && body["language"] == .string("fr"))
        let records = body["data"]?.elements ?? []
        #expect(records.count == 3)
        #expect(
            records.first
                == .object([
                    "first_name": .string("Claire"), "last_name": .string("DUVAL"),
                    "full_name": .string("Claire DUVAL"),
                    "company": .string("ATELIER GRAPHIQUE DUVAL"), "website": .string("https://atelier-duval.fr"),
                    "num_siren": .string("799441282"),
                    "linkedin": .string("https://www.linkedin.com/in/claire-duval-graphiste"),
                ]))
        // The profile names Claire, not Marc; the garage has no website.
        #expect(records[1]["linkedin"] == nil && records[2]["website"] == nil)
        #expect(records[2]["num_siren"] == .string("883612046"))

        // The holding has nobody to search: not sent, not found.
        #expect(Set(results.keys) == [Self.atelier.siren, Self.garage.siren])
        let atelier = try #require(results[Self.atelier.siren])
        #expect(atelier.contacts == expectedAtelier)
        #expect(atelier.webPresence == WebPresenceFinding(website: "https://atelier-duval.fr"))
        // Charged per nominative email found: the catch-all and the invalid ones are free.
        #expect(atelier.found && atelier.creditsSpent == 1)
        let garage = try #require(results[Self.garage.siren])
        #expect(garage.contacts == expectedGarage && garage.creditsSpent == 1)
        #expect(provider.maxCredits(ProviderSettings()) == DropcontactProvider.maxPeoplePerCompany)
    }

    @Test func mapsRecordsBySirenAndNameWhateverTheirOrder() async throws {
        try serve(waits: 0, result: "result_reordered.json")
        let results = try await provider.enrich([Self.atelier, Self.garage], call())
        #expect(results[Self.atelier.siren]?.contacts == expectedAtelier)
        #expect(results[Self.garage.siren]?.contacts == expectedGarage)
    }

    @Test func aJobNeverReadyIsAskedAgainNextPass() async throws {
        try serve(waits: 1_000)
        let error = await #expect(throws: EnrichmentError.self) {
            try await provider.enrich([Self.atelier], call())
        }
        #expect(error == .notReady(.dropcontact, detail: "request f4b5e2c1a9d84b7c not ready after 5 polls"))
        #expect(server.requests.count == 1 + 5)
    }

    @Test func aStopRequestEndsTheWaitAtOnce() async throws {
        let submit = try Self.fixture("submit.json")
        let notReady = try Self.fixture("not_ready.json")
        let stop = StopSignal()
        server.handle { request in
            if request.method == "GET" { stop.request() }
            return .json(request.method == "POST" ? submit : notReady)
        }
        let slow = DropcontactProvider(pollInterval: 0.05, maxPolls: 1_000)
        let error = await #expect(throws: EnrichmentError.self) {
            try await slow.enrich([Self.garage], call(stop: stop))
        }
        #expect(error == .notReady(.dropcontact, detail: "request f4b5e2c1a9d84b7c stopped while waiting"))
        #expect(server.requests.count == 2)
    }

    @Test func moreThan250PeopleGoInSeveralRequests() async throws {
        let posts = RequestCounter()
        server.handle { request in
            if request.method == "POST" { return .json(#"{"request_id":"job\#(posts.next())","success":true}"#) }
            return .json(#"{"success":true,"data":[]}"#)
        }
        let companies = (0..<100).map { seed in
            CompanyProfile(
                siren: Int(Luhn.siren(70_000_000 + seed))!, name: "SOCIETE \(seed)",
                directors: [Self.claire, Self.marc, Self.pierre, Director(kind: .physical, lastName: "QUATRIEME")])
        }
        let results = try await provider.enrich(companies, call())
        // Three people a company at most: 300 records, in requests of 250 and 50.
        let posted = try server.requests.filter { $0.method == "POST" }.map {
            try JSONDecoder().decode([String: JSONValue].self, from: $0.body)["data"]?.elements.count
        }
        #expect(posted == [250, 50])
        #expect(
            Set(server.requests.filter { $0.method == "GET" }.map(\.path)) == ["/enrich/all/job1", "/enrich/all/job2"])
        #expect(results.count == 100 && results.values.allSatisfy { !$0.found })
    }

    @Test func nothingIsPostedOnceAStopIsRequested() async throws {
        let stop = StopSignal()
        stop.request()
        await #expect(throws: EnrichmentError.notReady(.dropcontact, detail: "stopping before posting")) {
            try await provider.enrich([Self.atelier], call(stop: stop))
        }
        #expect(server.requests.isEmpty)
    }

    @Test func companiesWithoutANamedPersonAreNotSent() async throws {
        let results = try await provider.enrich([Self.holding], call())
        #expect(results.isEmpty && server.requests.isEmpty)
    }

    @Test func aRefusedBatchIsOutOfCredits() async throws {
        server.handle { _ in .json(#"{"error":true,"reason":"Not enough credits","success":false}"#, status: 403) }
        await #expect(throws: EnrichmentError.outOfCredits(.dropcontact, detail: "HTTP 403")) {
            try await provider.enrich([Self.atelier], call())
        }
        let refused = try Self.fixture("refused_credits.json")
        server.handle { _ in .json(refused) }
        await #expect(
            throws: EnrichmentError.outOfCredits(
                .dropcontact, detail: "You don't have enough credits to process this request")
        ) {
            try await provider.enrich([Self.atelier], call())
        }
        server.handle { _ in .json(#"{"error":true,"payment":"Payment required"}"#, status: 402) }
        await #expect(throws: EnrichmentError.outOfCredits(.dropcontact, detail: "HTTP 402")) {
            try await provider.enrich([Self.atelier], call())
        }
    }

    @Test func aWrongKeyIsUnauthorized() async throws {
        server.handle { _ in .json(#"{"error":true,"reason":"Invalid token"}"#, status: 401) }
        await #expect(throws: HTTPError.unauthorized(provider: "dropcontact", status: 401)) {
            try await provider.enrich([Self.atelier], call())
        }
    }

    @Test func waitsOutA429ThenPolls() async throws {
        let submit = try Self.fixture("submit.json")
        let done = try Self.fixture("result_batch.json")
        let counter = RequestCounter()
        server.handle { request in
            if counter.next() == 1 { return .status(429, headers: ["Retry-After": "0"]) }
            return .json(request.method == "POST" ? submit : done)
        }
        let results = try await provider.enrich([Self.atelier, Self.garage], call())
        #expect(results[Self.atelier.siren]?.creditsSpent == 1)
        #expect(server.requests.map(\.method) == ["POST", "POST", "GET"])
    }

    @Test(arguments: [
        FakeResponse.bytes(
            Data("<!doctype html><html><body>Bad gateway</body></html>".utf8), headers: ["Content-Type": "text/html"]),
        FakeResponse.json(#"{"credits_left": 1984, "error": false, "request_id": "f4b5"#),
    ])
    func anAnswerThatIsNotJSONIsMalformed(_ answer: FakeResponse) async throws {
        server.handle { _ in answer }
        let error = await #expect(throws: HTTPError.self) { try await provider.enrich([Self.atelier], call()) }
        guard case .malformed(let provider, _, _)? = error else {
            Issue.record("expected malformed, got \(String(describing: error))")
            return
        }
        #expect(provider == "dropcontact")
    }

    @Test func qualificationsInBothLanguages() {
        #expect(DropcontactProvider.qualify("nominatif@pro") == (.valid, .nominative, nil))
        #expect(DropcontactProvider.qualify("nominative@pro") == (.valid, .nominative, nil))
        #expect(DropcontactProvider.qualify("catch_all@pro") == (.catchAll, nil, nil))
        #expect(DropcontactProvider.qualify("catch_all") == (.catchAll, nil, nil))
        #expect(DropcontactProvider.qualify("invalid") == (.invalid, nil, nil))
        #expect(DropcontactProvider.qualify("nominative@perso") == (.valid, .nominative, "personal"))
        #expect(DropcontactProvider.qualify(nil) == (.unknown, nil, nil))
    }
}
