import ArgumentParser
import FilonCore
import Foundation
import GRDB
import TestSupport

/// `filon-bench search`: the `/` search on a generated database: the index's build time and size,
/// then the time of each keystroke (1 to 4 letters of a name, a name then a city, phone and SIREN
/// digits), through a reader connection as the TUI would. Target: p95 under 50 ms. Printed, never
/// asserted.
struct SearchBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search", abstract: "Benchmark the search index: build, size, keystrokes.")

    @Option(help: "Companies to generate.")
    var companies = 1_000_000

    @Option(help: "Companies whose name, city, phone and SIREN are typed.")
    var samples = 500

    @Option(help: "Hits asked for by each keystroke (a screen of results).")
    var limit = 20

    @Option(help: "ProspectSearch.rankingLimit: broader queries are not ranked (default: the library's).")
    var rankingLimit: Int?

    @Option(help: "ProspectSearch.rankedWordLimit: commoner words do not rank (default: the library's).")
    var rankedWordLimit: Int?

    @Option(help: "Random seed of the generator.")
    var seed: UInt64 = 6

    @Option(help: "Working folder (default: a new temporary folder, removed at the end).")
    var dir: String?

    func run() throws {
        let folder = dir ?? (NSTemporaryDirectory() + "filon-bench-search-\(getpid())")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { if dir == nil { try? FileManager.default.removeItem(atPath: folder) } }
        let database = try AppDatabase.open(path: folder + "/filon.sqlite")

        var started = ContinuousClock.now
        let typed = try CompanyGenerator(companies: companies, samples: samples, seed: seed).generate(into: database)
        print(
            String(
                format:
                    "filon-bench search: %d companies generated in %.1f s (half with directors, a third with a phone)",
                companies, seconds(since: started)))

        started = ContinuousClock.now
        let indexed = try SearchIndex().refresh(database.writer)
        let build = seconds(since: started)
        let sizes = try database.writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT name, SUM(pgsize) AS bytes FROM dbstat
                    WHERE name LIKE 'prospect_search%' GROUP BY name ORDER BY bytes DESC
                    """)
        }
        let total = sizes.reduce(0) { $0 + ($1["bytes"] as Int) }
        print(
            String(
                format: "index build: %d companies in %.1f s (%.0f companies/s), %.1f MiB (%.0f bytes a company: %@)",
                indexed, build, Double(indexed) / build, Double(total) / 1_048_576, Double(total) / Double(indexed),
                sizes.map { "\($0["name"] as String) \(($0["bytes"] as Int) / 1_048_576) MiB" }.joined(separator: ", "))
        )

        try measureKeystrokes(typed, database)

        // A day of registry changes: a percent of the companies renamed by a new run.
        try database.writer.write { db in
            try db.execute(
                sql: "INSERT INTO run (id, source, kind, started_at, status) VALUES (2, 'bench', 'pass', 'x', 'ok')")
            try db.execute(
                sql: "UPDATE company SET denomination = 'RENOMMEE ' || siren, last_run_id = 2 WHERE siren % 100 = 7")
        }
        started = ContinuousClock.now
        let refreshed = try SearchIndex().refresh(database.writer)
        let refresh = seconds(since: started)
        print(
            String(
                format: "refresh after a run renamed %d companies: %.2f s (%.0f companies/s)", refreshed, refresh,
                Double(refreshed) / refresh))
    }

    // MARK: - Keystrokes

    private func measureKeystrokes(_ typed: [CompanyGenerator.Sample], _ database: AppDatabase) throws {
        var random = SplitMix64(seed: seed &+ 1)
        var kinds: [(label: String, queries: [String])] = (1...4).map { ("name, \($0) letter\($0 > 1 ? "s" : "")", []) }
        kinds += [("name + city, 1-3 letters", []), ("phone digits, 2-8", []), ("SIREN digits, 1-6", [])]
        // The worst case: the commonest words, 4 letters and more, in no prefix index.
        kinds.append(("common word, 4+ letters", []))
        for word in ["PARIS", "MARSEILLE", "BOULANGERIE", "SOCIÉTÉ", "SERVICES", "JEAN", "MARIE"] {
            for length in 4...word.count { kinds[7].queries.append(Self.typed(word, length)) }
        }
        for sample in typed {
            let word = sample.nameWords[Int(random.next() % UInt64(sample.nameWords.count))]
            for length in 1...4 { kinds[length - 1].queries.append(Self.typed(word, length)) }
            for length in 1...3 { kinds[4].queries.append(sample.nameWords[0] + " " + Self.typed(sample.city, length)) }
            if let phone = sample.phone {
                // Typed the French way, in pairs: "04", "04 7", "04 72"…
                for length in [2, 3, 4, 6, 8] {
                    let digits = Array(phone.prefix(length))
                    kinds[5].queries.append(
                        stride(from: 0, to: digits.count, by: 2).map { String(digits[$0..<min($0 + 2, digits.count)]) }
                            .joined(separator: " "))
                }
            }
            for length in [1, 3, 6] { kinds[6].queries.append(String(Siren.pad(sample.siren, 9).prefix(length))) }
        }

        var search = ProspectSearch()
        if let rankingLimit { search.rankingLimit = rankingLimit }
        if let rankedWordLimit { search.rankedWordLimit = rankedWordLimit }
        // Warm-up: the first reads bring the index's top pages into the cache.
        for query in kinds[0].queries.prefix(50) {
            _ = try database.writer.read { try search.search(query, limit: limit, $0) }
        }

        var all: [Double] = []
        var found = 0
        print("keystroke                    searches    p50 ms    p95 ms    max ms   (hits asked: \(limit))")
        for kind in kinds {
            var times: [Double] = []
            var slowest = (query: "", ms: 0.0)
            for query in kind.queries {
                let started = ContinuousClock.now
                let hits = try database.writer.read { try search.search(query, limit: limit, $0) }
                let ms = seconds(since: started) * 1000
                times.append(ms)
                if ms > slowest.ms { slowest = (query, ms) }
                found += hits.isEmpty ? 0 : 1
            }
            all += times
            print(
                String(
                    format: "%@ %8d  %8.2f  %8.2f  %8.2f   slowest: \"%@\"",
                    kind.label.padding(toLength: 28, withPad: " ", startingAt: 0), times.count,
                    Self.percentile(times, 0.5), Self.percentile(times, 0.95), slowest.ms, slowest.query))
        }
        let p95 = Self.percentile(all, 0.95)
        print(
            String(
                format: "all keystrokes: %d searches (%d with hits), p50 %.2f ms, p95 %.2f ms  target p95 < 50 ms: %@",
                all.count, found, Self.percentile(all, 0.5), p95, p95 < 50 ? "ok" : "MISSED"))
    }

    /// The first letters of a word as someone types them: lower case, accents as they come.
    private static func typed(_ word: String, _ length: Int) -> String { String(word.lowercased().prefix(length)) }

    private static func percentile(_ values: [Double], _ p: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        return sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
    }

    private func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}
