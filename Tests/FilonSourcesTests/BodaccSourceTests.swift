import FilonCore
import Foundation
import GRDB
import TestSupport
import Testing

@testable import FilonSources

/// A detection pass over some of the registry sources (BODACC, RNE, recherche-entreprises)
/// against one fake server on 127.0.0.1 and an in-memory database; the other sources are off.
struct RegistrySourceHarness {
    let server: FakeHTTPServer
    let db: AppDatabase
    let today = String(Timestamp.string(Date()).prefix(10))

    init() throws {
        server = try FakeHTTPServer()
        db = try AppDatabase.inMemory()
    }

    func pass(_ enabled: [ProviderID], rneLogin: String? = nil, stop: StopSignal = StopSignal()) async -> PassReport {
        let sources = Dictionary(
            uniqueKeysWithValues: enabled.map {
                ($0, TestPass.settings(server.baseURL, key: $0 == .rne ? rneLogin : nil))
            })
        return await TestPass.make(db, sources: sources).run(stop: stop)
    }

    /// A company as the Sirene stock would have left it (`row_hash` nonzero), changed by `run`.
    func seedCompany(
        _ siren: String, _ name: String?, state: String = "A", created: String? = nil, run: Int? = nil,
        postalCode: String? = nil, city: String? = nil, fromSirene: Bool = true
    ) throws {
        try execute(
            """
            INSERT INTO company (siren, denomination, state, creation_date, last_run_id, postal_code, city, row_hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, [Int(siren), name, state, created, run, postalCode, city, fromSirene ? 1 : 0])
    }

    /// A finished run of another source, for companies to point at: a daemon pass by default.
    func seedRun(
        source: String = "sirene_api", kind: String = "pass", startedAt: String = "2026-11-01T03:00:00Z"
    ) throws -> Int {
        try db.writer.write { db in
            try db.execute(
                sql: "INSERT INTO run (source, kind, started_at, finished_at, status) VALUES (?, ?, ?, ?, 'ok')",
                arguments: [source, kind, startedAt, startedAt])
            return Int(db.lastInsertedRowID)
        }
    }

    func execute(_ sql: String, _ arguments: StatementArguments = []) throws {
        try db.writer.write { try $0.execute(sql: sql, arguments: arguments) }
    }

    func value<T: DatabaseValueConvertible & StatementColumnConvertible & Sendable>(
        _ sql: String, _: T.Type, _ arguments: StatementArguments = []
    ) throws -> T? {
        try db.writer.read { try T.fetchOne($0, sql: sql, arguments: arguments) }
    }

    func row(_ sql: String) throws -> Row? {
        try db.writer.read { try Row.fetchOne($0, sql: sql) }
    }

    func rows(_ sql: String) throws -> [Row] {
        try db.writer.read { try Row.fetchAll($0, sql: sql) }
    }

    func strings(_ sql: String) throws -> [String] {
        try db.writer.read { try String.fetchAll($0, sql: sql) }
    }

    func write(_ updates: (Database) throws -> Void) throws {
        try db.writer.write(updates)
    }

    func count(_ sql: String, _ arguments: StatementArguments = []) throws -> Int {
        try value(sql, Int.self, arguments) ?? 0
    }

    /// The journal row of the latest run of a source.
    func lastRun(_ id: ProviderID) throws -> RunRecord {
        let runs = try db.writer.read { try RunJournal().recent($0, limit: 100) }
        guard let run = runs.first(where: { $0.source == id.rawValue }) else {
            throw HarnessError(description: "no run of \(id.rawValue)")
        }
        return run
    }

    func issues(_ run: RunRecord) throws -> [String] {
        try db.writer.read { try RunJournal().issues($0, run: run.id, limit: 100).map(\.message) }
    }

    func state(_ id: ProviderID) throws -> SourceState {
        try db.writer.read { try SourceState.load($0, source: id) }
    }

    func setState(_ id: ProviderID, _ state: SourceState) throws {
        try db.writer.write { try state.save($0, source: id, at: "2026-11-01T00:00:00Z") }
    }

    static func fixture(_ name: String) throws -> String {
        try String(contentsOfFile: TestSupport.fixture("api/" + name), encoding: .utf8)
    }

    struct HarnessError: Error, CustomStringConvertible {
        var description: String
    }
}

/// BODACC announcements through a whole detection pass.
@Suite struct BodaccSourceTests {
    let h: RegistrySourceHarness
    static let recordsPath = "/api/explore/v2.1/catalog/datasets/annonces-commerciales/records"
    static let emptyPage = #"{"total_count":0,"results":[]}"#

    init() throws { h = try RegistrySourceHarness() }

    /// The first day of an ODSQL `where` clause (`dateparution>=date'2026-11-25' AND …`).
    static func day(_ request: FakeRequest) -> String? {
        guard let clause = request.query["where"], let start = clause.range(of: "date'") else { return nil }
        return String(clause[start.upperBound...].prefix(10))
    }

    /// Serves `page` for `day` and nothing for the other days.
    func publish(_ page: String, on day: String) {
        h.server.handle { request in
            guard request.path == Self.recordsPath else { return .noRoute }
            return .json(Self.day(request) == day ? page : Self.emptyPage)
        }
    }

    /// Registrations of made-up companies, numbered by `range`, in a page announcing `total`.
    static func registrations(_ range: Range<Int>, total: Int, family: String = "creation") -> String {
        let records = range.map { n in
            let siren = Luhn.siren(20_000_000 + n * 13)
            return """
                {"id":"A2026022\(String(format: "%05d", n))","dateparution":"2026-11-25","typeavis":"annonce",
                 "familleavis":"\(family)","familleavis_lib":"Créations","commercant":"SOCIETE NOUVELLE \(n)",
                 "ville":"Lyon","cp":"69003","registre":["\(siren)"],
                 "acte":"{\\"dateImmatriculation\\": \\"2026-11-20\\"}"}
                """
        }
        return #"{"total_count":\#(total),"results":[\#(records.joined(separator: ","))]}"#
    }

    func seedHeldCompanies() throws {
        try h.seedCompany("932242845", "ATELIER BOIS DU VERCORS", postalCode: "38250", city: "VILLARD-DE-LANS")
        try h.seedCompany("857381586", "MENUISERIE DU LAURAGAIS")
        try h.seedCompany("912345675", "BOULANGERIE MARTIN")
        try h.seedCompany("916541881", "CALANQUES IMMOBILIER")
        try h.seedCompany("923456784", "LOGICIELS DU LEVANT")
        try h.seedCompany("934567892", "NORD ELEC SERVICES")
    }

    @Test func readsEveryDayOnceThenOnlyToday() async throws {
        try seedHeldCompanies()
        publish(try RegistrySourceHarness.fixture("bodacc/annonces_2026-11-25.json"), on: h.today)

        let first = await h.pass([.bodacc])
        let outcome = try #require(first.sources.first)
        #expect(outcome.source == .bodacc && outcome.status == .ok && outcome.message == nil)
        // Two registrations create companies, six notices about held companies, one cancelled
        // registration of an unknown company is left out.
        #expect(outcome.counts.new == 2 && outcome.counts.changed == 6 && outcome.counts.filtered == 1)
        var run = try h.lastRun(.bodacc)
        #expect(run.status == .ok && run.requests == 8)
        #expect(run.counts.new == 2 && run.counts.changed == 6 && run.counts.unchanged == 0)
        #expect(run.watermarkBefore == nil && run.watermarkAfter == h.today)
        #expect(try h.state(.bodacc) == SourceState(watermark: h.today))
        // Seven days back, then one request per day up to today.
        let days = h.server.requests.compactMap(Self.day)
        #expect(days.first == String(Timestamp.string(Date().addingTimeInterval(-7 * 86_400)).prefix(10)))
        #expect(days.last == h.today && Set(days).count == 8)
        let query = try #require(h.server.requests.last?.query)
        #expect(query["where"] == "dateparution>=date'\(h.today)' AND dateparution<date'\(Self.tomorrow)'")
        #expect(query["order_by"] == "dateparution,id" && query["limit"] == "100" && query["offset"] == "0")

        // A registration: name, town and registration day, marked as not from Sirene yet.
        let created = try #require(
            try h.row("SELECT name, postal_code, city, creation_date, row_hash FROM company WHERE siren = 879866093"))
        #expect(created["name"] as String? == "PROVENCE MOBILITÉ LOCATION")
        #expect(created["postal_code"] as String? == "13120" && created["city"] as String? == "Gardanne")
        #expect(created["creation_date"] as String? == "2026-11-19" && created["row_hash"] as Int == 0)
        // Without a registration day in the act, the day activity started.
        #expect(try h.value("SELECT creation_date FROM company WHERE siren = 840123459", String.self) == "2026-11-14")
        #expect(try h.count("SELECT COUNT(*) FROM company WHERE siren = 822334454") == 0)

        // The radiation closes its company; the rectified one does not.
        #expect(
            try h.value("SELECT state || ' ' || state_since FROM company WHERE siren = 857381586", String.self)
                == "C 2026-11-25")
        #expect(try h.value("SELECT state FROM company WHERE siren = 934567892", String.self) == "A")
        #expect(try h.count("SELECT COUNT(*) FROM change_event WHERE kind = 'closure'") == 1)
        #expect(try h.count("SELECT COUNT(*) FROM change_event WHERE kind = 'legal_notice'") == 8)
        let collective = try h.value(
            "SELECT new_value FROM change_event WHERE siren = 916541881 AND kind = 'legal_notice'", String.self)
        #expect(
            collective
                == "[A202602281809] 2026-11-25 — Procédures collectives — Jugement d'ouverture d'une procédure de redressement judiciaire"
        )
        let notices = try h.strings("SELECT new_value FROM change_event WHERE kind = 'legal_notice' ORDER BY siren")
        #expect(notices.contains("[B2026022895] 2026-11-25 — Radiations — Radiation de la personne morale"))
        #expect(
            notices.contains {
                $0.hasPrefix("[B202602281044] 2026-11-25 — Modifications diverses — Modification survenue")
            })
        #expect(
            notices.contains(
                "[C202602285120] 2026-11-25 — Dépôts des comptes des sociétés — Comptes annuels et rapports, clôture 2025-12-31"
            ))
        #expect(
            notices.contains { $0.hasPrefix("[B202602281102] 2026-11-25 — Rectificatif : Radiations — Rectificatif") })

        // The next pass reads today again: nothing new, nothing recorded twice.
        let second = await h.pass([.bodacc])
        #expect(second.sources[0].status == .ok)
        #expect(second.sources[0].counts.new == 0 && second.sources[0].counts.changed == 0)
        #expect(second.sources[0].counts.unchanged == 8 && second.sources[0].counts.filtered == 1)
        run = try h.lastRun(.bodacc)
        #expect(run.requests == 1 && run.watermarkBefore == h.today && run.watermarkAfter == h.today)
        #expect(try h.count("SELECT COUNT(*) FROM change_event WHERE kind = 'closure'") == 1)
        #expect(try h.count("SELECT COUNT(*) FROM change_event WHERE kind = 'legal_notice'") == 8)
    }

    static var tomorrow: String { String(Timestamp.string(Date().addingTimeInterval(86_400)).prefix(10)) }

    @Test func pagesThroughADayAndResumesFromTheCursorAfterAStop() async throws {
        try h.setState(.bodacc, SourceState(watermark: h.today))
        let stop = StopSignal()
        h.server.handle { request in
            let offset = Int(request.query["offset"] ?? "") ?? -1
            // The pass is asked to stop while it reads the first page.
            if offset == 0 { stop.request() }
            return .json(Self.registrations(offset..<min(offset + 100, 250), total: 250))
        }
        let stopped = await h.pass([.bodacc], stop: stop)
        #expect(stopped.stopped && stopped.sources[0].status == .interrupted)
        #expect(stopped.sources[0].counts.new == 100)
        #expect(try h.state(.bodacc) == SourceState(watermark: h.today, cursor: "\(h.today)|100"))
        #expect(try h.lastRun(.bodacc).watermarkAfter == h.today)

        let resumed = await h.pass([.bodacc])
        #expect(resumed.sources[0].status == .ok && resumed.sources[0].counts.new == 150)
        #expect(h.server.requests.map { $0.query["offset"] } == ["0", "100", "200"])
        #expect(h.server.requests.allSatisfy { Self.day($0) == h.today })
        #expect(try h.count("SELECT COUNT(*) FROM company") == 250)
        #expect(try h.state(.bodacc) == SourceState(watermark: h.today))
    }

    @Test func aDayBeyondTheAPIWindowIsTruncatedAndSaysSo() async throws {
        try h.setState(.bodacc, SourceState(watermark: h.today))
        // Changes to companies not held: each page costs a lookup, nothing more.
        h.server.handle { _ in .json(Self.registrations(0..<100, total: 12_000, family: "modification")) }
        let report = await h.pass([.bodacc])
        #expect(report.sources[0].status == .ok)
        #expect(report.sources[0].message == "1 item(s) could not be used: see filond status")
        let run = try h.lastRun(.bodacc)
        #expect(run.requests == 100 && run.counts.rejected == 1 && run.counts.filtered == 10_000)
        #expect(h.server.requests.last?.query["offset"] == "9900")
        let issues = try h.issues(run)
        #expect(
            issues == ["bodacc: \(h.today) was truncated: 12000 notices, the API pages through the first 10000 only"])
        #expect(try h.state(.bodacc) == SourceState(watermark: h.today))
    }

    @Test func badItemsAreRejectedAndTheOthersStored() async throws {
        try h.setState(.bodacc, SourceState(watermark: h.today))
        publish(try RegistrySourceHarness.fixture("bodacc/annonces_with_bad_items.json"), on: h.today)
        let report = await h.pass([.bodacc])
        let outcome = report.sources[0]
        #expect(outcome.status == .ok && outcome.message == "2 item(s) could not be used: see filond status")
        #expect(outcome.counts.new == 2 && outcome.counts.rejected == 2)
        let issues = try h.issues(try h.lastRun(.bodacc))
        #expect(issues.count == 2)
        #expect(issues.contains("bodacc record A20260228403: registre 123456789 is not a valid SIREN"))
        #expect(issues.contains { $0.hasPrefix("bodacc record 3 of \(h.today): results[2].commercant: expected") })
        // An act that is not JSON inside its string: the notice is kept, without its detail.
        #expect(try h.value("SELECT name FROM company WHERE siren = 799887765", String.self) == "ATLANTIQUE COUVERTURE")
        #expect(try h.value("SELECT creation_date FROM company WHERE siren = 799887765", String.self) == nil)
        #expect(
            try h.value("SELECT new_value FROM change_event WHERE siren = 799887765", String.self)
                == "[A20260228404] 2026-11-25 — Créations")
        #expect(try h.value("SELECT creation_date FROM company WHERE siren = 900112236", String.self) == "2026-11-18")
    }

    @Test func acceptsTheOlderCommaJoinedRegistre() async throws {
        try h.setState(.bodacc, SourceState(watermark: h.today))
        try h.seedCompany("857381586", "MENUISERIE DU LAURAGAIS")
        publish(try RegistrySourceHarness.fixture("bodacc/annonce_registre_string.json"), on: h.today)
        let report = await h.pass([.bodacc])
        #expect(report.sources[0].status == .ok && report.sources[0].counts.changed == 1)
        #expect(try h.value("SELECT state_since FROM company WHERE siren = 857381586", String.self) == "2026-11-24")
    }

    @Test func waitsOutATooManyRequestsThenReads() async throws {
        try h.setState(.bodacc, SourceState(watermark: h.today))
        try seedHeldCompanies()
        let page = try RegistrySourceHarness.fixture("bodacc/annonces_2026-11-25.json")
        let counter = RequestCounter()
        h.server.handle { _ in
            counter.next() == 1 ? .status(429, body: "Too Many Requests", headers: ["Retry-After": "1"]) : .json(page)
        }
        let report = await h.pass([.bodacc])
        #expect(report.sources[0].status == .ok && report.sources[0].counts.changed == 6)
        #expect(try h.lastRun(.bodacc).requests == 2)
    }

    @Test func aServerErrorFailsTheRunAndKeepsTheWatermark() async throws {
        try h.setState(.bodacc, SourceState(watermark: "2026-11-20"))
        h.server.handle { _ in .status(500, body: "Internal Server Error") }
        let report = await h.pass([.bodacc])
        #expect(report.sources[0].status == .failed)
        #expect(report.sources[0].message?.hasPrefix("bodacc: server error HTTP 500") == true)
        let run = try h.lastRun(.bodacc)
        #expect(run.status == .failed && run.requests == 2)
        #expect(run.watermarkBefore == "2026-11-20" && run.watermarkAfter == "2026-11-20")
        #expect(try h.state(.bodacc) == SourceState(watermark: "2026-11-20"))
    }

    @Test func aPageThatIsNotJSONFailsTheRunNamingTheProvider() async throws {
        try h.setState(.bodacc, SourceState(watermark: h.today))
        h.server.handle { _ in .bytes(Data("<html><body>Maintenance en cours</body></html>".utf8)) }
        let report = await h.pass([.bodacc])
        #expect(report.sources[0].status == .failed)
        let message = try #require(report.sources[0].message)
        #expect(message.hasPrefix("bodacc: unexpected answer") && message.contains("not JSON"))
        #expect(try h.lastRun(.bodacc).message == message)
    }

    @Test func aConnectionClosedMidBodyIsRetried() async throws {
        try h.setState(.bodacc, SourceState(watermark: h.today))
        try seedHeldCompanies()
        let page = try RegistrySourceHarness.fixture("bodacc/annonces_2026-11-25.json")
        let counter = RequestCounter()
        h.server.handle { _ in
            counter.next() == 1
                ? .truncated(declaredLength: page.utf8.count, partialBody: String(page.prefix(300))) : .json(page)
        }
        let report = await h.pass([.bodacc])
        #expect(report.sources[0].status == .ok && report.sources[0].counts.new == 2)
        #expect(try h.lastRun(.bodacc).requests == 2)
        #expect(try h.state(.bodacc) == SourceState(watermark: h.today))
    }

    @Test func aRefusedRequestDisablesTheSourceAndTheNextOneRuns() async throws {
        try h.setState(.bodacc, SourceState(watermark: h.today))
        let run = try h.seedRun()
        try h.seedCompany("932242845", "ATELIER BOIS DU VERCORS", created: "2021-03-01", run: run)
        let vercors = try RegistrySourceHarness.fixture("recherche_entreprises/search_932242845.json")
        h.server.handle { request in
            request.path == "/search" ? .json(vercors) : .status(401, body: #"{"error":"unauthorized"}"#)
        }
        let report = await h.pass([.bodacc, .rechercheEntreprises])
        #expect(report.sources.map(\.source) == [.bodacc, .rechercheEntreprises])
        #expect(report.sources[0].status == .failed)
        #expect(report.sources[0].message?.hasPrefix("disabled for this pass: bodacc:") == true)
        #expect(report.sources[1].status == .ok && report.sources[1].counts.changed == 1)
        #expect(try h.lastRun(.bodacc).requests == 1)
    }
}
