import ArgumentParser
import FilonCore
import FilonSources
import Foundation
import GRDB
import Logging
import TestSupport

/// `filon-bench enrich`: one enrichment stage over generated companies against fake providers on
/// 127.0.0.1 that refuse (429) any request sooner than their rate allows. It prints, per provider,
/// the requests, the refusals (the target is none) and the rate achieved against the one set,
/// then the stage's wall time and throughput.
struct EnrichBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enrich", abstract: "Benchmark the enrichment stage against rate-limited fake providers.")

    @Option(help: "Companies to enrich.")
    var companies = 300

    @Option(help: "Requests per minute set for, and enforced by, each fake provider.")
    var rate = 1200

    func run() async throws {
        let folder = NSTemporaryDirectory() + "filon-bench-enrich-\(getpid())"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let database = try AppDatabase.open(path: folder + "/filon.sqlite")
        let generated = try generate(into: database)

        let prefixes: [ProviderID: String] = [
            .nominatim: "/nominatim", .overpass: "/overpass", .googlePlaces: "/google", .pappers: "/pappers",
        ]
        let gate = RateGate(rates: Dictionary(uniqueKeysWithValues: prefixes.values.map { ($0, rate) }))
        let web = FakeWeb(companies: generated, gate: gate)
        let server = try FakeHTTPServer()
        server.handle { web.respond($0) }
        let environment = web.environment(server: server)

        var config = FilonConfig()
        config.daemon.enrichPerPass = companies
        config.applyEnvironment(environment)
        for id in Array(prefixes.keys) + [.websiteAudit] {
            var settings = config.providers[id] ?? ProviderSettings()
            settings.ratePerMinute = rate
            config.providers[id] = settings
        }
        let stage = EnrichmentStage(
            database: database, config: config,
            logger: Logger(label: "bench", factory: { _ in SwiftLogNoOpLogHandler() }))
        print("filon-bench enrich: \(companies) companies, every provider at \(rate) requests/min")
        let clock = ContinuousClock()
        let started = clock.now
        let outcomes = await stage.run(stop: StopSignal())
        let elapsed = clock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18

        for (id, prefix) in prefixes.sorted(by: { $0.value < $1.value }) {
            let requests = outcomes.filter { $0.source == id }.reduce(0) { $0 + $1.requests }
            let refused = gate.refusals[prefix] ?? 0
            let achieved = gate.achievedRate(prefix).map { String(format: "%7.0f/min", $0) } ?? "      -    "
            print(
                id.rawValue.padding(toLength: 16, withPad: " ", startingAt: 0)
                    + String(format: "%6d requests  %@ of %d  ", requests, achieved, rate)
                    + "429s: \(refused)  \(refused == 0 ? "ok" : "MISSED")")
        }
        let audits = outcomes.filter { $0.source == .websiteAudit }.reduce(0) { $0 + $1.requests }
        print("website_audit   \(String(format: "%6d", audits)) requests (the companies' own sites: no limit enforced)")
        print(
            String(
                format: "stage wall time %.1f s, %.1f companies/s", seconds, Double(companies) / max(seconds, 0.001)))
    }

    /// Companies with names and postcodes a search can find, in one transaction.
    private func generate(into database: AppDatabase) throws -> [FakeWeb.Company] {
        let cities = [("69003", "LYON"), ("75011", "PARIS"), ("33000", "BORDEAUX"), ("31000", "TOULOUSE")]
        let trades = ["BOULANGERIE", "PLOMBERIE", "GARAGE", "FLEURISTE", "CABINET", "ATELIER"]
        let generated = (0..<companies).map { n -> FakeWeb.Company in
            let (postcode, city) = cities[n % cities.count]
            return FakeWeb.Company(
                siren: Luhn.siren(40_000_000 + n), name: "\(trades[n % trades.count]) \(Self.surname(n))",
                postalCode: postcode, city: city)
        }
        try database.writer.write { db in
            try db.execute(
                sql:
                    "INSERT INTO run (id, source, kind, started_at) VALUES (1, 'bench', 'pass', '2026-01-01T00:00:00Z')"
            )
            for (n, c) in generated.enumerated() {
                try db.execute(
                    sql: """
                        INSERT INTO company (siren, denomination, state, creation_date, postal_code, city, street_number,
                          street_type, street_name, first_run_id, last_run_id, row_hash)
                        VALUES (?, ?, 'A', ?, ?, ?, '12', 'RUE', 'DE LA REPUBLIQUE', 1, 1, 1)
                        """,
                    arguments: [
                        Int(c.siren)!, c.name, String(format: "2025-%02d-01", n % 12 + 1), c.postalCode, c.city,
                    ])
            }
        }
        return generated
    }

    /// Distinct made-up surnames, so that no two companies share a name.
    static func surname(_ n: Int) -> String {
        let syllables = ["BA", "LO", "MI", "RE", "TU", "VAN", "DOR", "LEC", "SAR", "POU"]
        var name = ""
        var rest = n
        repeat {
            name += syllables[rest % syllables.count]
            rest /= syllables.count
        } while rest > 0
        return name + "X"
    }
}
