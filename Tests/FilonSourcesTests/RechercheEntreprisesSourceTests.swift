import FilonCore
import Foundation
import GRDB
import TestSupport
import Testing

@testable import FilonSources

/// The per-company refresh from recherche-entreprises through a whole detection pass.
@Suite struct RechercheEntreprisesSourceTests {
    let h: RegistrySourceHarness

    init() throws { h = try RegistrySourceHarness() }

    /// Answers `/search?q=<siren>` from the fixture named for that SIREN; 404 for `missing`.
    func serve(_ answers: [String: String], missing: Set<String> = []) throws {
        var bodies: [String: String] = [:]
        for (siren, name) in answers {
            bodies[siren] = try RegistrySourceHarness.fixture("recherche_entreprises/" + name)
        }
        let empty = try RegistrySourceHarness.fixture("recherche_entreprises/search_empty.json")
        h.server.handle { [bodies] request in
            guard request.path == "/search", let q = request.query["q"] else { return .noRoute }
            if missing.contains(q) { return .json(#"{"erreur":"Aucun résultat"}"#, status: 404) }
            return .json(bodies[q] ?? empty)
        }
    }

    var askedSirens: [String] { h.server.requests.compactMap { $0.query["q"] } }

    @Test func aStockImportMakesNoCandidates() async throws {
        let stock = try h.seedRun(source: "sirene_stock", kind: "import legal_units")
        try h.seedCompany("932242845", "ATELIER BOIS DU VERCORS", created: "2021-03-01", run: stock)
        try serve(["932242845": "search_932242845.json"])
        let report = await h.pass([.rechercheEntreprises])
        #expect(report.sources.first?.status == .ok && askedSirens.isEmpty)
    }

    @Test func refreshesWhatChangedOnceThenAgainAfterANewChange() async throws {
        let stock = try h.seedRun()
        try h.seedCompany("932242845", "ATELIER BOIS DU VERCORS", created: "2021-03-01", run: stock)
        try h.seedCompany("923456784", "LOGICIELS DU LEVANT", created: "2023-01-09", run: stock)
        try h.seedCompany("916541881", "CALANQUES IMMOBILIER", created: "2022-06-01", run: stock)
        try h.seedCompany("870829009", "FIDUCIAIRE DES ALPES", created: "1998-04-01", run: stock)
        try h.seedCompany("857381586", "MENUISERIE DU LAURAGAIS", state: "C", created: "2024-09-15", run: stock)
        // Untouched since before any watermark: not asked.
        try h.seedCompany("810862409", nil, created: "2015-04-20")
        try serve(
            [
                "932242845": "search_932242845.json", "923456784": "search_923456784.json",
                "916541881": "search_916541881_bad_item.json", "870829009": "search_other_company.json",
            ], missing: ["857381586"])

        let first = await h.pass([.rechercheEntreprises])
        let outcome = try #require(first.sources.first)
        #expect(outcome.status == .ok && outcome.message == "1 item(s) could not be used: see filond status")
        #expect(outcome.counts.changed == 2 && outcome.counts.unchanged == 2 && outcome.counts.rejected == 1)
        // Active companies first, newest first; the ceased one last.
        #expect(askedSirens == ["923456784", "916541881", "932242845", "870829009", "857381586"])
        #expect(h.server.requests.first?.query == ["q": "923456784", "page": "1", "per_page": "1"])
        var run = try h.lastRun(.rechercheEntreprises)
        #expect(run.status == .ok && run.requests == 5 && run.counts.new == 0)
        #expect(run.watermarkBefore == nil && run.watermarkAfter == String(run.id))
        #expect(try h.state(.rechercheEntreprises) == SourceState(watermark: String(run.id)))

        // Coordinates given as strings, directors of both kinds, two years of accounts.
        let vercors = try #require(
            try h.row("SELECT latitude, longitude, city, naf_code FROM company WHERE siren = 932242845"))
        #expect(vercors["latitude"] as Double? == 45.071204 && vercors["longitude"] as Double? == 5.553187)
        // Sirene had given no address and no NAF code: they are filled.
        #expect(vercors["city"] as String? == "VILLARD-DE-LANS" && vercors["naf_code"] as String? == "16.23Z")
        #expect(
            try h.strings(
                "SELECT kind || ' ' || COALESCE(last_name, legal_name) || ' ' || role FROM person WHERE siren = 932242845 ORDER BY id"
            ) == ["physical GIRAUD Gérant", "legal FIDUCIAIRE DES ALPES Commissaire aux comptes titulaire"])
        #expect(
            try h.value("SELECT birth_year FROM person WHERE siren = 932242845 AND kind = 'physical'", Int.self) == 1981
        )
        #expect(
            try h.strings(
                "SELECT year || ':' || revenue || ':' || net_income FROM finance WHERE siren = 932242845 ORDER BY year")
                == ["2023:1102300:51876", "2024:1284500:74210"])

        // A ceased company: closed, with the day it ceased; numbers as numbers; a null year skipped.
        #expect(
            try h.value("SELECT state || ' ' || state_since FROM company WHERE siren = 923456784", String.self)
                == "C 2026-10-31")
        #expect(try h.value("SELECT latitude FROM company WHERE siren = 923456784", Double.self) == 48.864716)
        #expect(try h.count("SELECT COUNT(*) FROM change_event WHERE siren = 923456784 AND kind = 'closure'") == 1)
        #expect(
            try h.value(
                "SELECT COALESCE(revenue, 'null') || ':' || net_income FROM finance WHERE siren = 923456784",
                String.self)
                == "null:-18250")
        #expect(try h.count("SELECT COUNT(*) FROM finance WHERE siren = 923456784") == 1)

        let outcomes = try h.strings("SELECT siren || ' ' || outcome FROM provider_fetch ORDER BY siren")
        #expect(
            outcomes == [
                "857381586 not_found", "870829009 not_found", "916541881 rejected", "923456784 found",
                "932242845 found",
            ])
        let issues = try h.issues(run)
        #expect(
            issues.count == 1 && issues[0].hasPrefix("recherche_entreprises 916541881: results[0].dirigeants: expected")
        )

        // Nothing changed since: no request at all, and the companies this source changed itself
        // are not candidates.
        let second = await h.pass([.rechercheEntreprises])
        #expect(second.sources[0].status == .ok && second.sources[0].counts.read == 0)
        run = try h.lastRun(.rechercheEntreprises)
        #expect(run.requests == 0 && run.watermarkAfter == String(run.id))
        #expect(askedSirens.count == 5)

        // Another source changes a company: it is asked again, a new director is a change event.
        let later = try h.seedRun(source: "bodacc", startedAt: Timestamp.string(Date().addingTimeInterval(2)))
        try h.execute("UPDATE company SET last_run_id = ? WHERE siren = 932242845", [later])
        try serve(["932242845": "search_932242845_v2.json"])
        let third = await h.pass([.rechercheEntreprises])
        #expect(third.sources[0].status == .ok && third.sources[0].counts.changed == 1)
        #expect(askedSirens.suffix(1) == ["932242845"])
        let event = try h.value(
            "SELECT old_value || ' → ' || new_value FROM change_event WHERE siren = 932242845 AND kind = 'directors'",
            String.self)
        #expect(
            event
                == "Camille Anne GIRAUD (Gérant); FIDUCIAIRE DES ALPES (Commissaire aux comptes titulaire) → Camille Anne GIRAUD (Gérant); FIDUCIAIRE DES ALPES (Commissaire aux comptes titulaire); Mathieu ROUSSET (Co-gérant)"
        )
        #expect(try h.count("SELECT COUNT(*) FROM finance WHERE siren = 932242845") == 3)
        #expect(try h.lastRun(.rechercheEntreprises).watermarkAfter == String(try h.lastRun(.rechercheEntreprises).id))
    }

    @Test func aFullBatchKeepsTheWatermarkUntilEveryCompanyIsAsked() async throws {
        let stock = try h.seedRun()
        try h.write { db in
            for n in 0...RechercheEntreprisesSource.maxPerPass {
                try db.execute(
                    sql:
                        "INSERT INTO company (siren, denomination, state, last_run_id, row_hash) VALUES (?, ?, 'A', ?, 1)",
                    arguments: [Int(Luhn.siren(30_000_000 + n * 7)), "SOCIETE \(n)", stock])
            }
        }
        try serve([:])
        let first = await h.pass([.rechercheEntreprises])
        #expect(first.sources[0].status == .ok && first.sources[0].counts.unchanged == 500)
        #expect(try h.lastRun(.rechercheEntreprises).watermarkAfter == nil)
        #expect(try h.state(.rechercheEntreprises).watermark == nil)

        let second = await h.pass([.rechercheEntreprises])
        #expect(second.sources[0].counts.unchanged == 1)
        let run = try h.lastRun(.rechercheEntreprises)
        #expect(run.requests == 1 && run.watermarkAfter == String(run.id))
        #expect(Set(askedSirens).count == 501)

        let third = await h.pass([.rechercheEntreprises])
        #expect(third.sources[0].counts.read == 0)
        #expect(try h.lastRun(.rechercheEntreprises).requests == 0)
    }

    @Test func waitsOutATooManyRequestsThenReads() async throws {
        let stock = try h.seedRun()
        try h.seedCompany("932242845", "ATELIER BOIS DU VERCORS", created: "2021-03-01", run: stock)
        let body = try RegistrySourceHarness.fixture("recherche_entreprises/search_932242845.json")
        let counter = RequestCounter()
        h.server.handle { _ in
            counter.next() == 1 ? .status(429, body: "Too Many Requests", headers: ["Retry-After": "1"]) : .json(body)
        }
        let report = await h.pass([.rechercheEntreprises])
        #expect(report.sources[0].status == .ok && report.sources[0].counts.changed == 1)
        #expect(try h.lastRun(.rechercheEntreprises).requests == 2)
    }

    @Test func aConnectionThatKeepsClosingFailsTheRunAndAsksAgainNextPass() async throws {
        let stock = try h.seedRun()
        try h.seedCompany("932242845", "ATELIER BOIS DU VERCORS", created: "2021-03-01", run: stock)
        h.server.handle { _ in .truncated(declaredLength: 4000, partialBody: #"{"results":[{"siren":"93224"#) }
        let report = await h.pass([.rechercheEntreprises])
        #expect(report.sources[0].status == .failed)
        let message = try #require(report.sources[0].message)
        #expect(message.hasPrefix("recherche_entreprises: the connection for /search?q=932242845"))
        let run = try h.lastRun(.rechercheEntreprises)
        #expect(run.requests == 2 && run.watermarkBefore == nil && run.watermarkAfter == nil)
        #expect(try h.count("SELECT COUNT(*) FROM provider_fetch") == 0)

        try serve(["932242845": "search_932242845.json"])
        let again = await h.pass([.rechercheEntreprises])
        #expect(again.sources[0].status == .ok && again.sources[0].counts.changed == 1)
    }

    @Test func anAnswerWithoutResultsFailsTheRunNamingTheProvider() async throws {
        let stock = try h.seedRun()
        try h.seedCompany("932242845", "ATELIER BOIS DU VERCORS", created: "2021-03-01", run: stock)
        h.server.handle { _ in .json(#"{"message":"Service en maintenance"}"#) }
        let report = await h.pass([.rechercheEntreprises])
        #expect(report.sources[0].status == .failed)
        let message = try #require(report.sources[0].message)
        #expect(message.hasPrefix("recherche_entreprises: unexpected answer") && message.contains("results: missing"))
    }
}
