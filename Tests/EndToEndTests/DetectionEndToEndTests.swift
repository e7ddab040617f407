import FilonCore
import Foundation
import GRDB
import TestSupport
import Testing

/// `filond run --once` against fake registries on 127.0.0.1: a second pass does no work, a third
/// picks up exactly what France published in between, and a pass killed at any point then run
/// again leaves the same database as one that was never interrupted.
@Suite(.serialized) struct DetectionEndToEndTests {
    let france = FakeFrance()
    let server: FakeHTTPServer
    let folder: String
    let config: String
    let today = String(Timestamp.string(Date()).prefix(10))

    let alpha = Luhn.siren(55_210_055)
    let beta = Luhn.siren(73_282_932)
    let gamma = Luhn.siren(41_235_678)
    let delta = Luhn.siren(90_001_234)

    init() throws {
        server = try FakeHTTPServer()
        folder = try Binaries.temporaryFolder()
        config = folder + "/filon.toml"
        // The stock is tested on its own; here the incremental sources do the work.
        // The fakes need no throttling: the documented rates would only make the test slow.
        var text = "[providers.sirene_stock]\nenabled = false\n"
        // Enrichment has its own end-to-end test.
        for id in ["nominatim", "overpass", "website_audit"] { text += "[providers.\(id)]\nenabled = false\n" }
        for id in ["sirene_api", "bodacc", "rne", "recherche_entreprises"] {
            text += "[providers.\(id)]\nrate_per_minute = 60000\n"
        }
        try text.write(toFile: config, atomically: true, encoding: .utf8)
        let france = france
        server.handle { france.respond($0) }
        let paris = FakeFrance.Address("12", "RUE", "DE LA PAIX", "75002", "PARIS", "75102")
        let lyon = FakeFrance.Address("3", "QUAI", "SAINT-VINCENT", "69001", "LYON", "69381")
        france.register(
            .init(
                siren: alpha, name: "ALPHA CONSEIL", created: "2019-04-02", address: paris,
                directors: [.init("DUPONT", "Jean Marie")]), on: today)
        france.register(
            .init(
                siren: beta, name: "BETA WEB", created: "2021-09-14", naf: "73.11Z", address: lyon,
                directors: [.init("MARTIN", "Claire", role: "Gérant")]), on: today)
        france.register(
            .init(
                siren: gamma, name: "GAMMA BOULANGERIE", created: "2016-01-20", naf: "10.71C", legalForm: "5499",
                address: lyon, directors: [.init("LEROY", "Paul", role: "Gérant")]), on: today)
    }

    /// What France publishes between the second and the third pass.
    func publishTheDaysNews() {
        france.register(
            .init(
                siren: delta, name: "DELTA STUDIO", created: today,
                address: .init("8", "BD", "VOLTAIRE", "75011", "PARIS", "75111"), directors: [.init("NGUYEN", "Linh")]),
            on: today)
        france.changeDirectors(alpha, to: [.init("DURAND", "Sophie")], on: today)
        france.moveHeadOffice(beta, to: .init("40", "RUE", "DE LA REPUBLIQUE", "69002", "LYON", "69382"), on: today)
        france.close(gamma, on: today)
    }

    func pass(_ db: String) throws -> Binaries.Result {
        try Binaries.run(
            "filond", ["run", "--once", "--db", db, "--config", config], environment: france.environment(server: server)
        )
    }

    /// The pass runs of the latest pass, by source.
    func lastPass(_ db: String) throws -> [String: RunRecord] {
        let database = try AppDatabase.open(path: db)
        let runs = try database.writer.read { try RunJournal().recent($0, limit: 20) }.filter { $0.kind == "pass" }
        return Dictionary(runs.map { ($0.source, $0) }, uniquingKeysWith: { first, _ in first })
    }

    @Test func secondPassDoesNothingAndThirdPicksUpExactlyTheNews() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let db = folder + "/filon.sqlite"
        let first = try pass(db)
        #expect(first.status == 0, "\(first.stdout)\n\(first.stderr)")
        let one = try lastPass(db)
        #expect(Set(one.keys) == ["sirene_api", "bodacc", "rne", "recherche_entreprises"])
        #expect(one["sirene_api"]?.counts.new == 6)  // three units, three head offices
        #expect(one.values.allSatisfy { $0.status == .ok && $0.watermarkAfter != nil })

        let second = try pass(db)
        #expect(second.status == 0, "\(second.stderr)")
        for (source, run) in try lastPass(db) {
            #expect(run.status == .ok, "\(source)")
            #expect(run.counts.new == 0 && run.counts.changed == 0, "\(source): \(run.counts)")
        }

        publishTheDaysNews()
        let third = try pass(db)
        #expect(third.status == 0, "\(third.stderr)")
        let three = try lastPass(db)
        let database = try AppDatabase.open(path: db)
        let firstRunOfThird = three.values.map(\.id).min()!
        let events = try database.writer.read {
            try Row.fetchAll(
                $0, sql: "SELECT siren, kind FROM change_event WHERE run_id >= ? ORDER BY siren, kind",
                arguments: [firstRunOfThird])
        }.map { "\(Siren.pad($0["siren"] as Int, 9)) \($0["kind"] as String)" }
        #expect(
            Set(events) == [
                "\(alpha) directors", "\(beta) address", "\(gamma) closure", "\(gamma) legal_notice",
                "\(delta) legal_notice",
            ])
        #expect(events.count == 5)
        #expect(three["sirene_api"]?.counts.new == 2)  // the new unit and its head office
        #expect(try database.writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM company") } == 4)
        #expect(try database.card(siren: Int(gamma)!)?.isActive == false)
        let card = try #require(try database.card(siren: Int(alpha)!))
        #expect(card.directors.map(\.name) == ["Sophie DURAND"])
        // The card shows what changed, newest first, with its source.
        #expect(card.changes.first?.kind == "directors" && card.changes.first?.source == "rne")
        #expect(card.latestFinance?.year == 2024)
    }

    @Test func aPassKilledAtAnyPointThenRunAgainEndsAsAnUninterruptedOne() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // The state before the day's news, then the reference: the third pass run in one go.
        let baseline = folder + "/baseline.sqlite"
        #expect(try pass(baseline).status == 0)
        #expect(try pass(baseline).status == 0)
        publishTheDaysNews()
        let reference = folder + "/reference.sqlite"
        try copyDatabase(baseline, to: reference)
        let before = server.requests.count
        let started = Date()
        #expect(try pass(reference).status == 0)
        let seconds = Date().timeIntervalSince(started)
        let requestsPerPass = server.requests.count - before
        // Every source makes requests: the kill points cover each of them.
        #expect(requestsPerPass >= 10, "\(server.requests.suffix(requestsPerPass).map { $0.path + "?" + $0.rawQuery })")
        let expected = try Snapshot(path: reference)

        // Killed just before each request of the pass in turn, and at a few moments in between.
        var kills: [(label: String, kill: KillPoint)] = (1...requestsPerPass).map { ("request \($0)", .request($0)) }
        kills += [0.3, 0.5, 0.7, 0.9].map { ("after \($0 * seconds) s", .time($0 * seconds)) }
        for (label, point) in kills {
            let db = folder + "/killed.sqlite"
            try copyDatabase(baseline, to: db)
            let killed = try runKilled(db, at: point)
            if case .request = point {
                #expect(killed == .uncaughtSignal(SIGKILL), "\(label): \(killed)")
            }
            let again = try pass(db)
            #expect(again.status == 0, "\(label): \(again.stderr)")
            let difference = try Snapshot(path: db).difference(from: expected)
            #expect(difference.isEmpty, "\(label): \(difference)")
        }
    }

    enum KillPoint {
        case request(Int)
        case time(Double)
    }

    enum Ending: Equatable {
        case exit(Int32)
        case uncaughtSignal(Int32)
    }

    /// Runs a pass and kills it with SIGKILL at `point`; returns how it ended.
    func runKilled(_ db: String, at point: KillPoint) throws -> Ending {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try Binaries.path("filond"))
        process.arguments = ["run", "--once", "--db", db, "--config", config]
        var env = ProcessInfo.processInfo.environment
        env.merge(france.environment(server: server)) { $1 }
        process.environment = env
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let served = RequestCounter()
        let pid = PIDBox()
        let france = france
        if case .request(let n) = point {
            server.handle { request in
                if served.next() == n, let target = pid.value {
                    kill(target, SIGKILL)
                    return .hangUp
                }
                return france.respond(request)
            }
        }
        defer { server.handle { france.respond($0) } }
        try process.run()
        pid.value = process.processIdentifier
        if case .time(let seconds) = point {
            Thread.sleep(forTimeInterval: seconds)
            kill(process.processIdentifier, SIGKILL)
        }
        process.waitUntilExit()
        return process.terminationReason == .uncaughtSignal
            ? .uncaughtSignal(process.terminationStatus) : .exit(process.terminationStatus)
    }

    func copyDatabase(_ source: String, to destination: String) throws {
        for suffix in ["", "-wal", "-shm"] {
            try? FileManager.default.removeItem(atPath: destination + suffix)
            if FileManager.default.fileExists(atPath: source + suffix) {
                try FileManager.default.copyItem(atPath: source + suffix, toPath: destination + suffix)
            }
        }
    }
}

/// The pid of the process a fake handler may kill, set once it is started.
final class PIDBox: @unchecked Sendable {
    private let lock = NSLock()
    private var pid: pid_t?
    var value: pid_t? {
        get { lock.withLock { pid } }
        set { lock.withLock { pid = newValue } }
    }
}
