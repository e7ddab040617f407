import ArgumentParser
import FilonCore
import Foundation
import GRDB
import TestSupport

/// `filon-bench load`: operators in processes of their own (`load-operator`) working their queues
/// through the operator screen's store at full speed, while the real `filond` imports a stock file
/// and enriches against fake providers on 127.0.0.1, all on one database. Prints the actions per
/// second and each action's latency, then checks from the workers' logs and the database that no
/// update was lost, no prospect was reserved twice and no "database is locked" reached an
/// operator; exits 1 when one fails.
struct LoadBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load",
        abstract: "Operators in parallel processes with a daemon pass: actions/s, latencies, invariants.")

    @Option(help: "Companies to generate (when the database has none).")
    var companies = 1_000_000

    @Option(help: "Operator processes (each a CRM user of their own).")
    var operators = 20

    @Option(help: "Of the operators, sales reps (the others are telemarketers).")
    var salesReps = 3

    @Option(help: "Share of the companies that are assigned prospects, in percent.")
    var prospects = 20

    @Option(help: "Seconds the operators work.")
    var seconds = 60

    @Option(help: "Writes after which each operator stops (0: none, --seconds only).")
    var actionsPerOperator = 0

    @Option(help: "Milliseconds an operator waits before each write.")
    var thinkMs = 0

    @Option(help: "Rows of the generated stock file the daemon imports (default: a tenth of --companies).")
    var stockRows: Int?

    @Option(help: "Companies the daemon enriches per `filond enrich`.")
    var enrichBatch = 50

    @Option(help: "The database (kept; reused as it is when it exists). Default: a temporary one, removed.")
    var db: String?

    @Flag(help: "Only generate the database (with --db), for later runs to copy or reuse.")
    var prepareOnly = false

    @Option(help: "Random seed of the generators.")
    var seed: UInt64 = 6

    func validate() throws {
        guard companies >= 100, operators >= 1, seconds >= 1, (0...100).contains(prospects), salesReps >= 0,
            enrichBatch >= 1
        else {
            throw ValidationError("--companies 100+, --operators 1+, --seconds 1+, --prospects 0 to 100")
        }
    }

    func run() throws {
        let folder = NSTemporaryDirectory() + "filon-bench-load-\(getpid())"
        try FileManager.default.createDirectory(atPath: folder + "/logs", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = db ?? folder + "/filon.sqlite"
        // The operators are this very program, and `filond` is built next to it.
        let executable = Bundle.main.executableURL?.resolvingSymlinksInPath().path ?? CommandLine.arguments[0]
        let filond = (executable as NSString).deletingLastPathComponent + "/filond"
        guard FileManager.default.isExecutableFile(atPath: filond) else {
            throw BenchError("\(filond) is missing: build it (swift build --product filond, same configuration)")
        }
        say(
            "filon-bench load, \(Timestamp.string(Date())): " + CommandLine.arguments.dropFirst().joined(separator: " ")
        )

        let database = try AppDatabase.open(path: path)
        let team = try LoadSetup(
            companies: companies, operators: operators, salesReps: salesReps, percent: prospects, seed: seed
        ).prepare(database, say: say)
        if prepareOnly { return }
        let (batches, web) = try enrichment(database)
        let clockBase = try self.clockBase(database)
        // A seed of its own per run: on a reused database the stock still brings new companies.
        let stocks = try self.stocks(folder, seed: seed &+ UInt64(clockBase.timeIntervalSince1970))
        let config = folder + "/filon.toml"
        try Self.toml.write(toFile: config, atomically: true, encoding: .utf8)
        let server = try FakeHTTPServer()
        server.handle { web.respond($0) }
        // Set before any thread or child starts: every `filond` inherits the fake providers.
        for (key, value) in web.environment(server: server) { setenv(key, value, 1) }

        let before = try LoadCheck.Before.read(database)
        let startAt = LoadRecord.now() + UInt64(max(2.0, 0.15 * Double(operators)) * 1e9)
        let stopAt = startAt + UInt64(seconds) * 1_000_000_000
        var workers: [Process] = []
        for (index, user) in team.enumerated() {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = [
                "load-operator", "--db", path, "--user", String(user.id), "--login", user.login, "--role", user.role,
                "--worker", String(index), "--start-at", String(startAt), "--stop-at", String(stopAt),
                "--clock-base", String(clockBase.timeIntervalSince1970), "--actions", String(actionsPerOperator),
                "--think-ms", String(thinkMs), "--log",
                folder + "/logs/\(index).log",
            ]
            let errors = folder + "/logs/\(index).err"
            _ = FileManager.default.createFile(atPath: errors, contents: nil)
            process.standardOutput = FileHandle(forWritingAtPath: errors)
            process.standardError = FileHandle(forWritingAtPath: errors)
            process.standardInput = FileHandle.nullDevice
            try process.run()
            workers.append(process)
        }
        let daemon = LoadDaemon(filond: filond, db: path, config: config, stocks: stocks, batches: batches)
        while LoadRecord.now() < startAt { usleep(1000) }
        daemon.start()
        say(
            "\(operators) operators working for \(seconds) s"
                + (actionsPerOperator > 0 ? " or \(actionsPerOperator) writes each" : "")
                + ", think time \(thinkMs) ms, CRM clock from \(Timestamp.string(clockBase)); the daemon runs alongside"
        )
        for process in workers { process.waitUntilExit() }
        let workersDone = LoadRecord.now()
        let steps = daemon.finish()
        server.stop()

        var records: [LoadRecord] = []
        var failures: [String] = []
        for (index, process) in workers.enumerated() {
            let text = (try? String(contentsOfFile: folder + "/logs/\(index).log", encoding: .utf8)) ?? ""
            records += text.split(separator: "\n").compactMap(LoadRecord.init(line:))
            if process.terminationStatus != 0 {
                let errors = (try? String(contentsOfFile: folder + "/logs/\(index).err", encoding: .utf8)) ?? ""
                failures.append("worker \(index) exited \(process.terminationStatus): \(errors.prefix(300))")
            }
        }
        LoadReport(records: records, startAt: startAt, say: say).print()
        report(steps, startAt: startAt, workersDone: workersDone)

        let check = LoadCheck(records: records, operators: team.map(\.id))
        var verdicts = [
            try check.noLostUpdate(database, before: before), check.noDoubleReservation(), check.noBusy(),
        ]
        verdicts.append(
            LoadCheck.Verdict(
                name: "every operator process ran to its end", passed: failures.isEmpty,
                detail: failures.isEmpty ? "\(operators) exited 0" : failures.joined(separator: "; ")))
        for verdict in verdicts {
            say("\(verdict.passed ? "PASS" : "FAIL")  \(verdict.name): \(verdict.detail)")
        }
        if verdicts.contains(where: { !$0.passed }) { throw ExitCode(1) }
    }

    // MARK: - The daemon's work

    /// Enrichment config: the keyless fake providers fast, the paid ones without a fake off.
    static let toml: String = {
        var toml = ""
        for id in ["societe_com", "dropcontact", "kaspr", "clearbit"] { toml += "[providers.\(id)]\nenabled = false\n" }
        for id in ["nominatim", "overpass", "google_places", "pappers", "website_audit"] {
            toml += "[providers.\(id)]\nrate_per_minute = 60000\n"
        }
        return toml
    }()

    /// Batches of the operators' prospects for `filond enrich` (valid SIRENs only: it checks),
    /// and the fake web that knows them.
    private func enrichment(_ database: AppDatabase) throws -> ([[Int]], FakeWeb) {
        let rows = try database.writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT c.siren, c.name, c.city FROM prospect p JOIN company c ON c.siren = p.siren
                    WHERE p.owner_id IS NOT NULL AND c.name IS NOT NULL ORDER BY p.siren LIMIT 20000
                    """)
        }
        let valid = rows.filter { Siren.isValid(Siren.pad($0["siren"], 9)) }.prefix(enrichBatch * 8)
        let sirens = valid.map { $0["siren"] as Int }
        let web = FakeWeb(
            companies: valid.map {
                FakeWeb.Company(
                    siren: Siren.pad($0["siren"], 9), name: $0["name"], postalCode: "75011", city: $0["city"] ?? "")
            })
        let batches = stride(from: 0, to: sirens.count, by: enrichBatch).map {
            Array(sirens[$0..<min(sirens.count, $0 + enrichBatch)])
        }
        return (batches, web)
    }

    /// A stock file of new companies and the same rows with changes: imported in turn.
    private func stocks(_ folder: String, seed: UInt64) throws -> [String] {
        let rows = stockRows ?? max(1000, companies / 10)
        let generator = StockGenerator(rows: rows, seed: seed, changeEvery: 200)
        let paths = [folder + "/StockUniteLegale.csv", folder + "/StockUniteLegale-changed.csv"]
        let started = ContinuousClock.now
        try generator.write(to: paths[0], changed: false)
        try generator.write(to: paths[1], changed: true)
        say(
            String(
                format: "daemon: stock file of %d rows (and its copy with one row in 200 changed) in %.1f s", rows,
                Latencies.milliseconds(since: started) / 1000))
        return paths
    }

    /// The CRM clock of the run: a Tuesday morning inside the calling windows, after every action
    /// a reused database already holds.
    private func clockBase(_ database: AppDatabase) throws -> Date {
        let latest = try database.writer.read { db in
            try String.fetchOne(db, sql: "SELECT MAX(created_at) FROM activity WHERE user_id IS NOT NULL")
        }
        let after = latest.flatMap(Timestamp.date(_:)) ?? TUIBench.now
        return max(TUIBench.now, after).addingTimeInterval(60)
    }

    /// "google_places 10/50, pappers 20/50": each provider's finds over its requests, from the
    /// lines `filond enrich` prints ("pappers: ok, 20 found, 30 not found, …, 50 requests (run 9)").
    static func providerCounts(_ output: String) -> String {
        func number(before word: String, in line: Substring) -> String? {
            guard let range = line.range(of: " " + word) else { return nil }
            return line[..<range.lowerBound].split(separator: " ").last.map(String.init)
        }
        return output.split(separator: "\n").compactMap { line -> String? in
            guard let status = line.range(of: ": ok, ") ?? line.range(of: ": failed, "),
                let requests = number(before: "requests", in: line), let found = number(before: "found,", in: line)
            else { return nil }
            return "\(line[..<status.lowerBound].trimmingCharacters(in: .whitespaces)) \(found)/\(requests)"
        }.joined(separator: ", ")
    }

    private func report(_ steps: [LoadDaemon.Step], startAt: UInt64, workersDone: UInt64) {
        var busy = 0.0
        for step in steps {
            let overlap = Double(min(step.end, workersDone) &- min(max(step.start, startAt), workersDone)) / 1e9
            busy += max(0, overlap)
            let summary =
                step.name.hasPrefix("enrich")
                ? Self.providerCounts(step.output)
                : step.output.split(separator: "\n").first { $0.contains("rows read") }.map(String.init)
                    ?? step.output.split(separator: "\n").last.map(String.init) ?? ""
            say(
                String(
                    format: "  daemon %-44@ +%5.1f–%5.1f s  exit %d  ", step.name as NSString,
                    (Double(step.start) - Double(startAt)) / 1e9, (Double(step.end) - Double(startAt)) / 1e9,
                    step.status)
                    + String(summary.prefix(110)))
            if step.status != 0 {
                let why = step.output.split(separator: "\n").filter {
                    $0.contains("fail") || $0.contains("locked") || $0.contains("rror")
                }
                for line in why.prefix(5) { say("    " + line.prefix(200)) }
            }
        }
        let locked = steps.map { $0.output.components(separatedBy: "database is locked").count - 1 }.reduce(0, +)
        let window = Double(workersDone &- startAt) / 1e9
        say(
            String(
                format:
                    "daemon: %d commands, busy %.1f s of the operators' %.1f s, %d failed, %d \"database is locked\"",
                steps.count, busy, window, steps.filter { $0.status != 0 }.count, locked))
    }

    private func say(_ line: String) {
        print(line)
        fflush(nil)
    }
}
