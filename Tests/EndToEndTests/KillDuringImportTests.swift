import FilonCore
import Foundation
import GRDB
import TestSupport
import Testing

/// `filond import sirene` killed with SIGKILL at seeded-random moments (early, in a batch, at the
/// end of a file while it rebuilds its indexes and copies head-office addresses, near the end),
/// sometimes killed again while it reruns, then run to completion: the file is consistent and
/// knows exactly what one uninterrupted import knows.
@Suite(.serialized) struct KillDuringImportTests {
    static let units = 25_000

    @Test func anImportKilledAtRandomThenRunAgainEndsAsAnUninterruptedOne() throws {
        let started = Date()
        let plan = FaultPlan(suite: "import", ciRuns: 10)
        let folder = try Binaries.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let stock = try GeneratedStock(units: Self.units, seed: 20_261_126).write(in: folder)

        // The reference: one import in one go, timed by file so that kills can aim at each step.
        let reference = folder + "/reference.sqlite"
        let clock = Date()
        let whole = try Binaries.run("filond", ["import", "sirene", "--json", "--db", reference] + files(stock))
        let total = Date().timeIntervalSince(clock)
        #expect(whole.status == 0, "\(whole.stderr)")
        let summaries = try JSONSerialization.jsonObject(with: Data(whole.stdout.utf8)) as? [[String: Any]] ?? []
        let seconds = summaries.map { $0["seconds"] as? Double ?? 0 }
        try #require(seconds.count == 2, "\(whole.stdout)")
        // Before the first file: starting the process, opening and migrating the database.
        let startup = max(0, total - seconds[0] - seconds[1])
        let expected = try Snapshot(path: reference)
        let sizes = try KillRunner.inspect(reference) { db in
            (
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM company")!,
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM establishment")!
            )
        }
        #expect(sizes.0 == Self.units && sizes.1 > Self.units)
        // Rows read per file, rejected lines included: what the journal shows once a file is in.
        let lines = (
            summaries[0]["counts"].flatMap { ($0 as? [String: Any])?["read"] as? Int } ?? 0,
            summaries[1]["counts"].flatMap { ($0 as? [String: Any])?["read"] as? Int } ?? 0
        )

        var random = SplitMix64(seed: plan.seed)
        var aimed = KillTally()
        var landed = KillTally()
        var killed = 0
        var secondKills = 0
        var failures = 0
        for index in 0..<plan.runs {
            // Batches of a few hundred rows commit often; 50,000 (the default) is one transaction a file.
            let batch = [499, 2_000, 50_000][random.int(in: 0...2)]
            let (aim, moment) = killMoment(
                index, &random, startup: startup, units: seconds[0], establishments: seconds[1])
            aimed.add(aim)
            let db = folder + "/killed.sqlite"
            KillRunner.removeDatabase(db)
            let command = ["import", "sirene", "--batch-size", String(batch), "--db", db] + files(stock)
            let label =
                "run \(index) (batch \(batch), \(aim)\(moment > 0 ? " at \(String(format: "%.3f", moment)) s" : ""))"

            let watch = JournalWatch(path: db)
            let first: KillRunner.Ending
            switch aim {
            case "units: rows in":
                first = try KillRunner.run(
                    "filond", command, killWhen: { watch.rowsIn(kind: "import StockUniteLegale", rows: lines.0) })
            case "establishments: rows in":
                first = try KillRunner.run(
                    "filond", command, killWhen: { watch.rowsIn(kind: "import StockEtablissement", rows: lines.1) })
            default:
                // A process faster than the reference may finish first: start again from nothing
                // and kill earlier, so that every run is a kill.
                var ending = try KillRunner.run("filond", command, killAfter: moment)
                for retry in 1...3 where ending != .killed {
                    KillRunner.removeDatabase(db)
                    ending = try KillRunner.run("filond", command, killAfter: moment / Double(1 << retry))
                }
                first = ending
            }
            watch.close()
            landed.add(first == .killed ? try whereItStopped(db, sizes: sizes) : "not killed: finished first")
            if first == .killed { killed += 1 }
            var problems = try KillRunner.consistency(of: db)
            #expect(problems.isEmpty, "\(label), right after the kill: \(problems)")
            if random.chance(1.0 / 3) {
                // Killed again while it completes the interrupted import.
                let again = try KillRunner.run("filond", command, killAfter: random.double(in: 0.05...total))
                if again == .killed { secondKills += 1 }
                problems = try KillRunner.consistency(of: db)
                #expect(problems.isEmpty, "\(label), after the second kill: \(problems)")
            }
            let equal = try KillRunner.rerunAndCompare(label, db: db, expected: expected) {
                try Binaries.run("filond", command)
            }
            if !equal { failures += 1 }
        }
        print(
            "fault suite import: \(plan.runs) runs, seed \(plan.seed), \(Self.units) units + \(sizes.1) establishments, "
                + "reference import \(String(format: "%.2f", total)) s; killed: \(killed) of \(plan.runs); aimed at: \(aimed.line); "
                + "landed: \(landed.line); killed again while rerunning: \(secondKills); "
                + "\(failures == 0 ? "all equal to the uninterrupted import" : "\(failures) differ"); "
                + "\(String(format: "%.1f", Date().timeIntervalSince(started))) s")
    }

    private func files(_ stock: GeneratedStock.Files) -> [String] { [stock.units, stock.establishments] }

    /// Where to kill run `index`: the kinds of moments take turns, each with a seeded jitter.
    private func killMoment(
        _ index: Int, _ random: inout SplitMix64, startup: Double, units: Double, establishments: Double
    ) -> (String, Double) {
        switch index % 6 {
        case 0: return ("early", random.double(in: 0.01...(startup + 0.1 * units)))
        case 1: return ("units mid-file", startup + random.double(in: 0.1...0.9) * units)
        // Not a moment: killed as soon as the journal shows every row of the file committed.
        case 2: return ("units: rows in", 0)
        case 3: return ("establishments mid-file", startup + units + random.double(in: 0.1...0.8) * establishments)
        case 4: return ("establishments: rows in", 0)
        default: return ("near the end", startup + units + random.double(in: 0.8...0.95) * establishments)
        }
    }

    /// What the killed import had committed, from the journal and the tables.
    private func whereItStopped(_ db: String, sizes: (Int, Int)) throws -> String {
        guard FileManager.default.fileExists(atPath: db) else { return "before the database existed" }
        return try KillRunner.inspect(db) { db in
            guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'run')")! else {
                return "while creating the schema"
            }
            let runs = try Row.fetchAll(db, sql: "SELECT kind, status FROM run ORDER BY id").map {
                ($0["kind"] as String, $0["status"] as String)
            }
            let companies = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM company")!
            let establishments = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM establishment")!
            guard let last = runs.last else { return "before the first run started" }
            let units = last.0.hasSuffix("StockUniteLegale")
            if last.1 == "ok" { return units ? "between the two files" : "after both files, before exit" }
            if units {
                if companies == 0 { return "units: first batch not committed yet" }
                return companies < sizes.0 ? "units: mid-file" : "units: rows in, indexes/addresses/journal"
            }
            if establishments == 0 { return "establishments: first batch not committed yet" }
            return establishments < sizes.1 ? "establishments: mid-file" : "establishments: rows in, derived steps"
        }
    }
}
