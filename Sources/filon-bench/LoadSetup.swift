import FilonCore
import Foundation
import GRDB

/// The database of `filon-bench load`: generated companies and prospects (the `tui` benchmark's
/// generators), the operators as CRM users, telemarketers and a few sales reps, and one prospect
/// in a hundred with a shared callback already due, which every operator's queue serves: the
/// prospects the operators race for.
struct LoadSetup {
    /// An operator as the CRM knows them.
    struct Operator {
        var id: Int
        var login: String
        var role: String
    }

    var companies: Int
    var operators: Int
    var salesReps: Int
    var percent: Int
    var seed: UInt64

    /// Generates what the database lacks and returns the operators, in id order.
    func prepare(_ database: AppDatabase, say: (String) -> Void) throws -> [Operator] {
        var started = ContinuousClock.now
        let (existing, users) = try CompanyGenerator(companies: companies, samples: 0, seed: seed).fill(database)
        if existing == 0 {
            say(String(format: "companies: %d generated in %.1f s", companies, seconds(since: started)))
        } else {
            say("companies: reusing the \(existing) of the database")
        }
        if users == 0 {
            started = ContinuousClock.now
            let made = try ProspectGenerator(users: operators, percent: percent, seed: seed, now: TUIBench.now)
                .generate(into: database)
            let shared = try database.writer.write { db in
                // The last operators sell rather than phone: same queue, another role.
                for index in max(0, operators - salesReps)..<operators {
                    try db.execute(
                        sql: "UPDATE user SET role = 'commercial', login = ?, name = ? WHERE id = ?",
                        arguments: [
                            "sales\(index + 1)", "Commercial \(index + 1)", ProspectGenerator.telepro(index),
                        ])
                }
                try db.execute(
                    sql: """
                        INSERT INTO follow_up (siren, owner_id, due_at, shared, note, created_by, created_at)
                        SELECT siren, owner_id, ?, 1, 'rappel partagé', owner_id, ? FROM prospect
                        WHERE owner_id IS NOT NULL AND do_not_contact = 0 AND rowid % 100 = 7
                        """,
                    arguments: [
                        Timestamp.string(TUIBench.now.addingTimeInterval(-2 * 86_400)),
                        Timestamp.string(TUIBench.now.addingTimeInterval(-3 * 86_400)),
                    ])
                return db.changesCount
            }
            say(
                String(
                    format: """
                        prospects: %d (%d %% of the companies) over %d operators (%d telepro, %d commercial): \
                        %d fresh, %d recycled, %d stopped; %d follow-ups + %d shared callbacks due; in %.1f s
                        """, made.prospects, percent, operators, operators - min(salesReps, operators),
                    min(salesReps, operators), made.fresh, made.recycled, made.stopped, made.followUps, shared,
                    seconds(since: started)))
        } else {
            say("users and prospects: reusing the \(users) users of the database")
        }
        let found = try database.writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT id, login, role FROM user WHERE role != 'admin' AND active ORDER BY id LIMIT ?",
                arguments: [operators]
            ).map { Operator(id: $0["id"], login: $0["login"], role: $0["role"]) }
        }
        guard found.count == operators else {
            throw BenchError("the database has \(found.count) active operators, \(operators) asked: use a new --db")
        }
        return found
    }

    private func seconds(since start: ContinuousClock.Instant) -> Double {
        Latencies.milliseconds(since: start) / 1000
    }
}
