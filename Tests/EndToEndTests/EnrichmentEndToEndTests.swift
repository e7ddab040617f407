import FilonCore
import Foundation
import GRDB
import TestSupport
import Testing

/// A daemon pass over three hundred demo companies against a fake web (OpenStreetMap, Google
/// Places, Pappers, the companies' own sites): every company ends with a web-presence verdict and
/// the sources that were asked, the credits spent are exact, and `filond status` shows them.
@Suite(.serialized) struct EnrichmentEndToEndTests {
    static let companies = 300

    @Test func aPassEnrichesEveryCompanyWithExactCredits() throws {
        let folder = try Binaries.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let db = try Binaries.demoDatabase(in: folder)

        // The companies the stage will take, and the web that knows them.
        let database = try AppDatabase.open(path: db)
        let next = try EnrichmentDue(database, companies: Self.companies)
        let (due, searchable, web) = (next.rows, next.searchable, next.web)
        let named = web.companies
        let server = try FakeHTTPServer()
        server.handle { web.respond($0) }

        let config = folder + "/filon.toml"
        var toml = "[daemon]\nenrich_per_pass = \(Self.companies)\n"
        for id in ["sirene_stock", "bodacc", "recherche_entreprises"] { toml += "[providers.\(id)]\nenabled = false\n" }
        for id in ["nominatim", "overpass", "google_places", "pappers", "website_audit"] {
            toml += "[providers.\(id)]\nrate_per_minute = 60000\n"
        }
        try toml.write(toFile: config, atomically: true, encoding: .utf8)
        let pass = try Binaries.run(
            "filond", ["run", "--once", "--db", db, "--config", config], environment: web.environment(server: server))
        #expect(pass.status == 0, "\(pass.stdout)\n\(pass.stderr)")
        // Paid providers without a key are skipped, and the journal says so.
        #expect(pass.stdout.contains("dropcontact: ok, 0 found"), "\(pass.stdout)")
        #expect(pass.stdout.contains("\(Self.companies) skipped: no key"), "\(pass.stdout)")

        let reasons = try database.writer.read { db in
            try Dictionary(
                uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT siren, maturity_reasons FROM web_presence").map {
                    (Siren.pad($0["siren"] as Int, 9), $0["maturity_reasons"] as String? ?? "")
                })
        }
        let verdicts = try database.writer.read { db in
            try Dictionary(
                uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT siren, website_verdict FROM web_presence").map {
                    (Siren.pad($0["siren"] as Int, 9), $0["website_verdict"] as String? ?? "")
                })
        }
        #expect(verdicts.count == due.count)
        for row in due {
            let siren = Siren.pad(row["siren"] as Int, 9)
            let verdict = verdicts[siren] ?? "none"
            switch web.situation(siren) {
            case .listedWithoutWebsite: #expect(verdict == "no website", "\(siren)")
            // Served over plain HTTP here: HTTPS is all the modern site lacks.
            case .modernSite: #expect(verdict == "weak website" && reasons[siren] == "no HTTPS", "\(siren)")
            case .oldSiteOnPappers:
                #expect(verdict == "weak website" && reasons[siren]?.contains("© 2012") == true, "\(siren)")
            case .parkedDomain: #expect(verdict == "parked domain", "\(siren): \(verdict)")
            case .unknown, nil: #expect(verdict == "no website found", "\(siren): \(verdict)")
            }
        }
        // Every company was asked by the free and the paid providers it qualifies for.
        let asked = try database.writer.read { db in
            try Dictionary(
                grouping: Row.fetchAll(db, sql: "SELECT provider, siren FROM provider_fetch"),
                by: { $0["provider"] as String }
            ).mapValues(\.count)
        }
        #expect(asked["nominatim"] == due.count && asked["google_places"] == due.count && asked["pappers"] == due.count)
        let sited = named.indices.filter { [1, 2, 3].contains($0 % FakeWeb.Situation.allCases.count) }.count
        #expect(asked["website_audit"] == sited)

        // Credits: one per Google search (companies with a name and a postcode), Pappers one plus
        // one for `sites_internet` per company it knows.
        let spend = try database.writer.read { db in
            try Dictionary(
                uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT provider, credits FROM provider_spend").map {
                    ($0["provider"] as String, $0["credits"] as Int)
                })
        }
        let known = named.indices.filter { $0 % FakeWeb.Situation.allCases.count != 4 }.count
        #expect(spend["google_places"] == searchable.count)
        #expect(spend["pappers"] == 2 * known)
        #expect(spend["nominatim"] == 0 && spend["website_audit"] == 0)

        // The card lists the sources that answered.
        if let modern = named.indices.first(where: { $0 % FakeWeb.Situation.allCases.count == 1 }) {
            let card = try database.card(siren: Int(named[modern].siren)!)
            #expect(card?.sources.contains("google_places") == true && card?.sources.contains("pappers") == true)
            #expect(card?.websiteVerdict == "weak website")
        }

        let status = try Binaries.run("filond", ["status", "--db", db, "--config", config])
        #expect(status.stdout.contains("google_places: \(searchable.count) credits"), "\(status.stdout)")
        #expect(status.stdout.contains("pappers: \(2 * known) credits"), "\(status.stdout)")
    }
}
