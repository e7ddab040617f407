import FilonCore
import Foundation
import GRDB
import Testing

/// Two operators' processes serving themselves from the same queue at once, through
/// `filon queue --next` and `filon call`: every prospect is served to exactly one of them.
@Suite(.serialized) struct CallQueueProcessesTests {
    @Test func twoProcessesNeverGetTheSameProspect() throws {
        let folder = try Binaries.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let db = folder + "/filon.sqlite"
        let database = try AppDatabase.open(path: db)
        let sirens = (0..<30).map { 100_000_000 + $0 * 10 }.map { base in
            (0...9).map { base + $0 }.first { Siren.isValid(Siren.pad($0, 9)) }!
        }
        try database.writer.write { db in
            for (id, login, role) in [(1, "tina", "telepro"), (2, "theo", "telepro"), (3, "ada", "admin")] {
                try db.execute(
                    sql: "INSERT INTO user (id, login, name, role, created_at) VALUES (?, ?, ?, ?, 'x')",
                    arguments: [id, login, login, role])
            }
            for siren in sirens {
                try db.execute(
                    sql: "INSERT INTO company (siren, denomination, state, row_hash) VALUES (?, 'X', 'A', 1)",
                    arguments: [siren])
                try db.execute(
                    sql: """
                        INSERT INTO prospect (siren, route, tier, owner_id, created_at, updated_at)
                        VALUES (?, 'telemarketing', 'B', 1, 'x', 'x')
                        """, arguments: [siren])
                // A shared callback already due: both queues hold every prospect, at any hour.
                try db.execute(
                    sql:
                        "INSERT INTO follow_up (siren, owner_id, due_at, shared, created_at) VALUES (?, 1, '2020-01-01T00:00:00Z', 1, 'x')",
                    arguments: [siren])
            }
        }
        // Both loops work --as an operator: the test runs as the admin Ada.
        let asAdmin = ["USER": "ada"]
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            let login = ["tina", "theo"][index]
            var mine: [String] = []
            while true {
                guard
                    let next = try? Binaries.run(
                        "filon", ["queue", "--next", "--json", "--as", login, "--db", db], environment: asAdmin),
                    next.status == 0,
                    let rows = try? JSONSerialization.jsonObject(with: Data(next.stdout.utf8)) as? [[String: String]]
                else {
                    results.fail("\(login): queue failed")
                    break
                }
                guard let siren = rows.first?["siren"] else { break }
                mine.append(siren)
                let call = try? Binaries.run(
                    "filon", ["call", siren, "no_answer", "--as", login, "--db", db], environment: asAdmin)
                if call?.status != 0 {
                    results.fail("\(login): call \(siren) failed: \(call?.stderr ?? "")")
                    break
                }
            }
            results.served(login, mine)
        }
        let (byOperator, failures) = results.snapshot
        #expect(failures.isEmpty, "\(failures)")
        let all = byOperator.values.flatMap { $0 }
        #expect(all.count == sirens.count && Set(all).count == sirens.count, "\(byOperator)")
        let calls = try database.writer.read {
            try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM activity WHERE kind = 'call' AND disposition = 'no_answer'")
        }
        #expect(calls == sirens.count)
    }
}

/// What each operator's loop served, and what went wrong, from both threads.
private final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var byOperator: [String: [String]] = [:]
    private var failures: [String] = []

    func served(_ login: String, _ sirens: [String]) { lock.withLock { byOperator[login] = sirens } }
    func fail(_ message: String) { lock.withLock { failures.append(message) } }
    var snapshot: ([String: [String]], [String]) { lock.withLock { (byOperator, failures) } }
}
