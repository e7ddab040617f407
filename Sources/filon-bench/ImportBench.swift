import ArgumentParser
import FilonCore
import Foundation

/// `filon-bench import`: measures the Sirene stock import against the `sqlite3` shell's
/// `.import` on the same generated file, in the same run.
struct ImportBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Benchmark the Sirene stock import against sqlite3 .import.")

    @Option(help: "Rows of StockUniteLegale to generate.")
    var rows = 2_000_000

    @Option(help: "Random seed of the generator.")
    var seed: UInt64 = 20_261_126

    @Option(help: "Working folder (default: a new temporary folder, removed at the end).")
    var dir: String?

    @Option(help: "The filond binary (default: the one next to this program).")
    var filond: String?

    @Option(help: "The sqlite3 shell.")
    var sqlite3 = "sqlite3"

    func run() throws {
        let folder = dir ?? (NSTemporaryDirectory() + "filon-bench-\(getpid())")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { if dir == nil { try? FileManager.default.removeItem(atPath: folder) } }
        let filond =
            self.filond ?? Bundle.main.executableURL!.deletingLastPathComponent().appendingPathComponent("filond").path
        guard FileManager.default.isExecutableFile(atPath: filond) else {
            throw ValidationError("no filond at \(filond): build it first (swift build -c release)")
        }

        let generator = StockGenerator(rows: rows, seed: seed, changeEvery: 200)
        let original = folder + "/StockUniteLegale_bench.csv"
        let changedFile = folder + "/StockUniteLegale_bench_changed.csv"
        try generator.write(to: original, changed: false)
        let expectedChanges = try generator.write(to: changedFile, changed: true)
        let size = (try FileManager.default.attributesOfItem(atPath: original)[.size] as? Int) ?? 0
        print(
            "filon-bench: \(rows) rows of StockUniteLegale (\(size / 1_048_576) MiB), seed \(seed), \(ProcessInfo.processInfo.activeProcessorCount) cores"
        )

        let db = folder + "/filon.sqlite"
        let first = try importRun(filond, original, db)
        let second = try importRun(filond, changedFile, db)
        let reference = try sqliteImport(original, folder + "/sqlite3.sqlite")

        let summary = try JSONSerialization.jsonObject(with: Data(second.output.utf8)) as? [[String: Any]]
        let counts = summary?.first?["counts"] as? [String: Any]
        let changed = counts?["changed"] as? Int ?? -1

        func rate(_ seconds: Double) -> Double { Double(rows) / seconds }
        let table: [(String, Double, Int)] = [
            ("sqlite3 .import (reference)", reference.seconds, reference.peakRSSBytes),
            ("filond import (fresh database)", first.seconds, first.peakRSSBytes),
            ("filond re-import (0.5 % changed)", second.seconds, second.peakRSSBytes),
        ]
        for (label, seconds, rss) in table {
            print(
                label.padding(toLength: 34, withPad: " ", startingAt: 0)
                    + String(
                        format: "%8.2f s %10.0f rows/s   peak RSS %6.1f MiB", seconds, rate(seconds),
                        Double(rss) / 1_048_576))
        }
        let importRatio = reference.seconds / first.seconds
        let reimportRatio = reference.seconds / second.seconds
        let peak = max(first.peakRSSBytes, second.peakRSSBytes)
        print(
            String(
                format: "import / sqlite3:    %.2f×  (target ≥ 2×)  %@", importRatio, importRatio >= 2 ? "ok" : "MISSED"
            ))
        print(
            String(
                format: "re-import / sqlite3: %.2f×  (target ≥ 3×)  %@", reimportRatio,
                reimportRatio >= 3 ? "ok" : "MISSED"))
        print(
            "changed rows: \(changed) reported, \(expectedChanges) expected  \(changed == expectedChanges ? "ok" : "MISSED")"
        )
        print(
            String(
                format: "peak RSS: %.1f MiB (target ≤ 100 MiB)  %@", Double(peak) / 1_048_576,
                peak <= 100 << 20 ? "ok" : "MISSED"))
    }

    private func importRun(_ filond: String, _ file: String, _ db: String) throws -> ChildProcess.Result {
        sync()  // each run starts with no write-back of earlier runs still going on
        let result = try ChildProcess.run(filond, ["import", "sirene", "--json", "--db", db, file])
        guard result.status == 0 else { throw BenchError("filond import failed (\(result.status)): \(result.output)") }
        return result
    }

    /// The yardstick: the sqlite3 shell importing the same CSV into a table keyed by siren,
    /// with the same journal settings as Filon (WAL, synchronous NORMAL).
    private func sqliteImport(_ file: String, _ db: String) throws -> ChildProcess.Result {
        sync()
        let columns = StockGenerator.header.split(separator: ",").map { "\($0) TEXT" }
        var columnSQL = columns
        columnSQL[0] = "siren TEXT PRIMARY KEY"
        let script = """
            PRAGMA journal_mode=WAL;
            PRAGMA synchronous=NORMAL;
            CREATE TABLE unite_legale (\(columnSQL.joined(separator: ", ")));
            .mode csv
            .import --skip 1 \(file) unite_legale
            SELECT count(*) FROM unite_legale;
            """
        let result = try ChildProcess.run(sqlite3, [db], stdin: script)
        guard result.status == 0, result.output.contains("\(rows)") else {
            throw BenchError("sqlite3 .import failed (\(result.status)): \(result.output)")
        }
        return result
    }
}
