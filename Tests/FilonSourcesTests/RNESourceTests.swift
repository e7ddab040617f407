import FilonCore
import Foundation
import GRDB
import TestSupport
import Testing

@testable import FilonSources

/// The INPI's login and diff as the fake serves them: three pages chained by their
/// `pagination-search-after` header, a token that the test can make expire.
private final class FakeINPI: @unchecked Sendable {
    static let login = "prospection@example.fr:Vercors-2026"
    /// The token in `rne/login.json`, replaced by a numbered one so that tests can tell them apart.
    static let recordedToken = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJmaWxvbi10ZXN0IiwiZXhwIjoxNzk1NzMwMDAwfQ.c2lnbmF0dXJl"
    private let lock = NSLock()
    private var tokens = 0
    private var expired: Set<String> = []
    private var pages: [String: (body: String, next: String?)]
    private var pagesPerToken: Int?
    private var servedWithToken = 0

    init(pages: [String: (body: String, next: String?)]) {
        self.pages = pages
    }

    var logins: Int { lock.withLock { tokens } }

    /// Set: each token expires once this many diff pages have been served with it.
    var expireAfterPages: Int? {
        get { lock.withLock { pagesPerToken } }
        set { lock.withLock { pagesPerToken = newValue } }
    }

    func respond(_ request: FakeRequest) -> FakeResponse {
        switch request.path {
        case "/api/sso/login":
            let body = (try? JSONSerialization.jsonObject(with: request.body)) as? [String: String]
            let parts = Self.login.split(separator: ":").map(String.init)
            guard request.method == "POST", request.header("Content-Type") == "application/json",
                body == ["username": parts[0], "password": parts[1]]
            else { return .json(#"{"code":401,"message":"Invalid credentials."}"#, status: 401) }
            let token = lock.withLock {
                tokens += 1
                servedWithToken = 0
                return "token-\(tokens)"
            }
            let answer = (try? RegistrySourceHarness.fixture("rne/login.json")) ?? ""
            return .json(answer.replacingOccurrences(of: Self.recordedToken, with: token))
        case "/api/companies/diff":
            let authorization = request.header("Authorization") ?? ""
            let allowed = lock.withLock { () -> Bool in
                guard authorization == "Bearer token-\(tokens)", !expired.contains(authorization) else { return false }
                servedWithToken += 1
                if let limit = pagesPerToken, servedWithToken > limit {
                    expired.insert(authorization)
                    return false
                }
                return true
            }
            guard allowed else { return .json(#"{"code":401,"message":"Expired JWT Token"}"#, status: 401) }
            guard let page = lock.withLock({ pages[request.query["searchAfter"] ?? ""] }) else { return .json("[]") }
            return .json(page.body, headers: page.next.map { ["pagination-search-after": $0] } ?? [:])
        default:
            return .noRoute
        }
    }
}

/// The RNE diff through a whole detection pass.
@Suite struct RNESourceTests {
    let h: RegistrySourceHarness
    private let inpi: FakeINPI

    init() throws {
        h = try RegistrySourceHarness()
        inpi = FakeINPI(pages: [
            "": (try RegistrySourceHarness.fixture("rne/diff_page1.json"), "WzE3NjQwODMzMzEwMDAsIjkzMjI0Mjg0NSJd"),
            "WzE3NjQwODMzMzEwMDAsIjkzMjI0Mjg0NSJd": (
                try RegistrySourceHarness.fixture("rne/diff_page2.json"), "WzE3NjQxNDE0ODAwMDAsIjkwMTQ4Njc4NyJd"
            ),
            "WzE3NjQxNDE0ODAwMDAsIjkwMTQ4Njc4NyJd": ("[]", nil),
        ])
        let inpi = inpi
        h.server.handle { inpi.respond($0) }
    }

    var diffRequests: [FakeRequest] { h.server.requests.filter { $0.path == "/api/companies/diff" } }

    /// Companies held before the pass: a Sirene unit with directors from recherche-entreprises,
    /// one about to be struck off, a sole trader, and a farm known only from a BODACC notice.
    func seedHeldCompanies() throws {
        try h.seedCompany("932242845", "ATELIER BOIS DU VERCORS", postalCode: "38250", city: "VILLARD-DE-LANS")
        try h.execute(
            """
            INSERT INTO person (siren, kind, role, last_name, first_names, birth_year, source, retrieved_at)
            VALUES (932242845, 'physical', 'Gérant', 'GIRAUD', 'Paul', 1953, 'recherche_entreprises', '2026-10-01T00:00:00Z')
            """)
        try h.seedCompany("857381586", "MENUISERIE DU LAURAGAIS")
        try h.seedCompany("810862409", nil)
        try h.execute("UPDATE company SET last_name = 'LEROY', first_name = 'MARGAUX' WHERE siren = 810862409")
        try h.seedCompany("901486787", "EARL DU PLATEAU DE VALENSOLE", fromSirene: false)
    }

    @Test func updatesHeldCompaniesFromEveryPageThenFindsNothingNew() async throws {
        try seedHeldCompanies()
        let first = await h.pass([.rne], rneLogin: FakeINPI.login)
        let outcome = try #require(first.sources.first)
        #expect(outcome.source == .rne && outcome.status == .ok && outcome.message == nil)
        // The bakery in Dijon is not held: the diff covers all of France, it is left out.
        #expect(outcome.counts.new == 0 && outcome.counts.changed == 4 && outcome.counts.filtered == 1)
        var run = try h.lastRun(.rne)
        #expect(run.requests == 4 && run.watermarkBefore == nil && run.watermarkAfter == h.today)
        #expect(try h.state(.rne) == SourceState(watermark: h.today))
        #expect(inpi.logins == 1)
        let yesterday = String(Timestamp.string(Date().addingTimeInterval(-86_400)).prefix(10))
        let query = try #require(diffRequests.first?.query)
        #expect(query == ["from": yesterday, "to": h.today, "pageSize": "100"])
        #expect(diffRequests.map { $0.header("Authorization") } == Array(repeating: "Bearer token-1", count: 3))
        #expect(
            diffRequests.map { $0.query["searchAfter"] } == [
                nil, "WzE3NjQwODMzMzEwMDAsIjkzMjI0Mjg0NSJd", "WzE3NjQxNDE0ODAwMDAsIjkwMTQ4Njc4NyJd",
            ])

        // The register's directors replace those of recherche-entreprises; the one who left is gone.
        let directors = try h.rows(
            """
            SELECT kind, role, last_name, first_names, birth_year, legal_siren, legal_name, source
            FROM person WHERE siren = 932242845 ORDER BY id
            """)
        #expect(directors.count == 2)
        #expect(
            directors.first?["last_name"] as String? == "GIRAUD"
                && directors.first?["first_names"] as String? == "Camille Anne")
        #expect(directors.first?["birth_year"] as Int? == 1981 && directors.first?["role"] as String? == "30")
        #expect(directors.last?["kind"] as String? == "legal" && directors.last?["legal_siren"] as Int? == 870_829_009)
        #expect(directors.allSatisfy { $0["source"] as String? == "rne" })
        #expect(try h.count("SELECT COUNT(*) FROM change_event WHERE siren = 932242845 AND kind = 'directors'") == 1)
        // Sirene's identity stays; what it had not given is filled, the NAF code written its way.
        #expect(try h.value("SELECT naf_code FROM company WHERE siren = 932242845", String.self) == "16.23Z")
        #expect(try h.value("SELECT legal_form FROM company WHERE siren = 932242845", String.self) == "5499")
        #expect(try h.value("SELECT city FROM company WHERE siren = 932242845", String.self) == "VILLARD-DE-LANS")

        #expect(
            try h.value("SELECT state || ' ' || state_since FROM company WHERE siren = 857381586", String.self)
                == "C 2026-11-18")
        #expect(try h.count("SELECT COUNT(*) FROM change_event WHERE kind = 'closure'") == 1)
        // The sole trader objected to commercial use: no name is taken from the register.
        #expect(try h.value("SELECT denomination FROM company WHERE siren = 810862409", String.self) == nil)
        #expect(try h.value("SELECT naf_code FROM company WHERE siren = 810862409", String.self) == "74.10Z")
        // A company not from Sirene gets its address and directors from the register.
        #expect(
            try h.value(
                "SELECT address_complement || '|' || street_type || ' ' || street_name || '|' || postal_code || ' ' || city || '|' || city_code FROM company WHERE siren = 901486787",
                String.self) == "LIEU-DIT LES GRANDES TERRES|CHE DES LAVANDES|04210 VALENSOLE|04230")
        #expect(try h.value("SELECT country FROM company WHERE siren = 901486787", String.self) == nil)
        #expect(try h.count("SELECT COUNT(*) FROM person WHERE siren = 901486787") == 2)
        #expect(try h.count("SELECT COUNT(*) FROM company WHERE siren = 914578695") == 0)

        // The same diff again: nothing changes, nothing is recorded twice.
        let second = await h.pass([.rne], rneLogin: FakeINPI.login)
        #expect(second.sources[0].status == .ok)
        #expect(second.sources[0].counts.changed == 0 && second.sources[0].counts.unchanged == 4)
        run = try h.lastRun(.rne)
        #expect(run.watermarkBefore == h.today && run.watermarkAfter == h.today)
        #expect(diffRequests.last?.query["from"] == h.today)
        #expect(try h.count("SELECT COUNT(*) FROM change_event") == 2)
    }

    @Test func logsInAgainWhenTheTokenExpiresWhilePaging() async throws {
        try seedHeldCompanies()
        inpi.expireAfterPages = 1
        let report = await h.pass([.rne], rneLogin: FakeINPI.login)
        #expect(report.sources[0].status == .ok && report.sources[0].counts.changed == 4)
        #expect(inpi.logins == 3)
        // Page 1 with the first token, page 2 refused then served with the second, page 3 the same
        // with the third: one new login per expiry.
        #expect(
            diffRequests.map { $0.header("Authorization") ?? "" } == [
                "Bearer token-1", "Bearer token-1", "Bearer token-2", "Bearer token-2", "Bearer token-3",
            ])
        #expect(try h.lastRun(.rne).requests == 8)
        #expect(try h.state(.rne) == SourceState(watermark: h.today))
    }

    @Test func aRefusedLoginDisablesTheSourceAndTheNextOneRuns() async throws {
        let report = await h.pass([.rne, .rechercheEntreprises], rneLogin: "prospection@example.fr:wrong")
        #expect(report.sources.map(\.source) == [.rne, .rechercheEntreprises])
        #expect(report.sources[0].status == .failed)
        let message = try #require(report.sources[0].message)
        #expect(message.hasPrefix("disabled for this pass: rne: the API key was refused (HTTP 401)"))
        #expect(!message.contains("wrong"))
        #expect(report.sources[1].status == .ok)
        #expect(diffRequests.isEmpty && inpi.logins == 0)
        #expect(try h.lastRun(.rne).requests == 1)
    }

    @Test func aKeyThatIsNotALoginSaysWhatToSet() async throws {
        let report = await h.pass([.rne], rneLogin: "a1b2c3d4e5")
        #expect(report.sources[0].status == .failed)
        #expect(report.sources[0].message?.contains("FILON_RNE_API_KEY") == true)
        #expect(report.sources[0].message?.contains("username:password") == true)
        #expect(h.server.requests.isEmpty)
    }

    @Test func aStoppedDiffResumesWithTheSameWindowFromItsCursor() async throws {
        try seedHeldCompanies()
        let stop = StopSignal()
        let inpi = inpi
        h.server.handle { request in
            if request.path == "/api/companies/diff" { stop.request() }
            return inpi.respond(request)
        }
        let stopped = await h.pass([.rne], rneLogin: FakeINPI.login, stop: stop)
        #expect(stopped.sources[0].status == .interrupted && stopped.sources[0].counts.changed == 2)
        #expect(try h.state(.rne) == SourceState(cursor: "\(h.today)|WzE3NjQwODMzMzEwMDAsIjkzMjI0Mjg0NSJd"))
        #expect(try h.lastRun(.rne).watermarkAfter == nil)

        h.server.handle { inpi.respond($0) }
        let resumed = await h.pass([.rne], rneLogin: FakeINPI.login)
        #expect(resumed.sources[0].status == .ok && resumed.sources[0].counts.changed == 2)
        #expect(diffRequests.count == 3)
        #expect(diffRequests[1].query["searchAfter"] == "WzE3NjQwODMzMzEwMDAsIjkzMjI0Mjg0NSJd")
        #expect(diffRequests[1].query["to"] == h.today)
        #expect(try h.state(.rne) == SourceState(watermark: h.today))
    }

    @Test func badItemsAreRejectedAndTheOthersStored() async throws {
        try h.seedCompany("895420875", "STUDIO GRAPHIQUE ARMOR")
        let page = try RegistrySourceHarness.fixture("rne/diff_with_bad_items.json")
        let inpi = inpi
        h.server.handle { request in
            request.path == "/api/companies/diff" && request.header("Authorization") == "Bearer token-1"
                ? .json(page) : inpi.respond(request)
        }
        let report = await h.pass([.rne], rneLogin: FakeINPI.login)
        #expect(report.sources[0].status == .ok)
        #expect(report.sources[0].counts.changed == 1 && report.sources[0].counts.rejected == 2)
        let issues = try h.issues(try h.lastRun(.rne))
        #expect(issues.count == 2)
        #expect(
            issues.contains {
                $0.contains("item 2 of its page: [1].formality.content.personneMorale.composition.pouvoirs")
            })
        #expect(issues.contains("rne company 123456789: not a valid SIREN"))
        #expect(try h.value("SELECT last_name FROM person WHERE siren = 895420875", String.self) == "KERBRAT")
        #expect(try h.state(.rne) == SourceState(watermark: h.today))
    }

    @Test func aPageThatIsNotJSONFailsTheRunNamingTheProvider() async throws {
        let inpi = inpi
        h.server.handle { request in
            request.path == "/api/companies/diff"
                ? .bytes(Data("<html>502 Bad Gateway</html>".utf8)) : inpi.respond(request)
        }
        let report = await h.pass([.rne], rneLogin: FakeINPI.login)
        #expect(report.sources[0].status == .failed)
        #expect(report.sources[0].message?.hasPrefix("rne: unexpected answer from /api/companies/diff") == true)
        #expect(try h.state(.rne) == SourceState())
    }
}
