import FilonCore
import Foundation
import GRDB
import Testing

/// The hopper's order, calling windows, outcomes and atomic reservation.
@Suite struct CallQueueTests {
    let db: AppDatabase
    let folder: String
    /// Tuesday 2026-12-01, 10:30 in Paris (09:30 UTC): inside every default window.
    let tuesday = Date(timeIntervalSince1970: 1_796_117_400)

    init() throws {
        folder = NSTemporaryDirectory() + "filon-queue-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        db = try AppDatabase.open(path: folder + "/filon.sqlite")
        try db.writer.write { db in
            for (id, login) in [(1, "tina"), (2, "theo")] {
                try db.execute(
                    sql: "INSERT INTO user (id, login, name, role, created_at) VALUES (?, ?, ?, 'telepro', 'x')",
                    arguments: [id, login, login])
            }
        }
    }

    func prospect(_ siren: Int, owner: Int, tier: String = "B", score: Int = 50, legalForm: String = "5710") throws {
        try db.writer.write { db in
            try db.execute(
                sql: "INSERT INTO company (siren, denomination, legal_form, state, row_hash) VALUES (?, ?, ?, 'A', 1)",
                arguments: [siren, "SOCIETE \(siren)", legalForm])
            try db.execute(
                sql: """
                    INSERT INTO prospect (siren, route, tier, score, owner_id, created_at, updated_at)
                    VALUES (?, 'telemarketing', ?, ?, ?, 'x', 'x')
                    """, arguments: [siren, tier, score, owner])
        }
    }

    func queue(at date: Date? = nil) -> CallQueue { CallQueue(policy: CallingPolicy(), now: date ?? tuesday) }

    func items(_ user: Int, at date: Date? = nil) throws -> [String] {
        try db.writer.read { db in
            try queue(at: date).items(for: user, limit: 20, db).map { "\($0.siren) \($0.reason.rawValue)" }
        }
    }

    @Test func callbacksThenRecycledThenFreshByTierAndScore() throws {
        try prospect(1, owner: 1, tier: "B", score: 60)
        try prospect(2, owner: 1, tier: "A", score: 40)
        try prospect(3, owner: 1, tier: "A", score: 90)
        try prospect(4, owner: 1)
        try prospect(5, owner: 2)
        try db.writer.write { db in
            // 4 was called and comes back now; 5 is Theo's but its callback is shared.
            try db.execute(
                sql:
                    "UPDATE prospect SET call_state = 'recycle', attempts = 1, next_call_at = '2026-12-01T08:00:00Z' WHERE siren = 4"
            )
            try db.execute(
                sql:
                    "INSERT INTO follow_up (siren, owner_id, due_at, shared, created_at) VALUES (1, 1, '2026-12-01T09:00:00Z', 0, 'x')"
            )
            try db.execute(
                sql:
                    "INSERT INTO follow_up (siren, owner_id, due_at, shared, created_at) VALUES (5, 2, '2026-12-01T09:10:00Z', 1, 'x')"
            )
        }
        #expect(
            try items(1) == [
                "1 personal callback", "5 shared callback", "4 recycled", "3 fresh", "2 fresh",
            ])
    }

    @Test func soleTradersOnlyInTheirHours() throws {
        try prospect(1, owner: 1, legalForm: "1000")
        try prospect(2, owner: 1)
        // 13:30 in Paris: the companies' window is open, the sole traders' lunch break is not.
        let lunch = tuesday.addingTimeInterval(3 * 3600)
        #expect(try items(1, at: lunch) == ["2 fresh"])
        #expect(try items(1) == ["1 fresh", "2 fresh"])
        // Saturday: nobody.
        #expect(try items(1, at: tuesday.addingTimeInterval(4 * 86_400)).isEmpty)
    }

    @Test("R4: a sole trader whose Sirene status turns to partial diffusion leaves the queue, though assigned")
    func aSoleTraderWhoObjectsLeavesTheQueue() throws {
        try prospect(1, owner: 1, legalForm: "1000")
        try prospect(2, owner: 1, legalForm: "1000")
        try prospect(3, owner: 1)
        try db.writer.write { db in
            try db.execute(sql: "UPDATE company SET diffusion = 'P' WHERE siren IN (2, 3)")
        }
        // The opposition is a person's: a company in partial diffusion stays, the sole trader goes.
        #expect(try items(1) == ["1 fresh", "3 fresh"])
        let next = try db.writer.write { db in try queue().reserveNext(for: 1, db) }
        #expect(next?.siren != 2)
    }

    @Test func anOutcomeMovesTheProspectAndRecordsTheCall() throws {
        try prospect(1, owner: 1)
        let decision = try db.writer.write { try queue().record(.noAnswer, siren: 1, by: 1, $0) }
        #expect(decision == .callAgain(at: tuesday.addingTimeInterval(4 * 3600)))
        #expect(try items(1).isEmpty)
        #expect(try items(1, at: tuesday.addingTimeInterval(4 * 3600)) == ["1 recycled"])
        let row = try db.writer.read {
            try Row.fetchOne($0, sql: "SELECT pipeline_status, attempts, call_state FROM prospect WHERE siren = 1")
        }
        #expect(row?["pipeline_status"] as String? == "a_contacter" && row?["attempts"] as Int? == 1)

        let callback = tuesday.addingTimeInterval(86_400)
        try db.writer.write { _ = try queue().record(.callback, siren: 1, by: 1, followUp: callback, $0) }
        #expect(try items(1, at: callback) == ["1 personal callback"])
        try db.writer.write { _ = try queue(at: callback).record(.doNotCall, siren: 1, by: 1, $0) }
        #expect(try items(1, at: callback.addingTimeInterval(86_400)).isEmpty)
        let calls = try db.writer.read {
            try String.fetchAll($0, sql: "SELECT disposition FROM activity WHERE kind = 'call' ORDER BY id")
        }
        #expect(calls == ["no_answer", "callback", "do_not_call"])
    }

    @Test func theCallsDurationIsRecordedAndShownInTheTimeline() throws {
        try prospect(1, owner: 1)
        try db.writer.write {
            _ = try queue().record(.interested, siren: 1, by: 1, note: "devis", durationSeconds: 155, $0)
        }
        try db.writer.write {
            _ = try queue(at: tuesday.addingTimeInterval(60)).record(.noAnswer, siren: 1, by: 1, $0)
        }
        let durations = try db.writer.read {
            try Int?.fetchAll($0, sql: "SELECT duration_seconds FROM activity WHERE kind = 'call' ORDER BY id")
        }
        #expect(durations == [155, nil])
        let calls = try db.timeline(siren: 1).filter { $0.kind == "call" }
        #expect(calls.map(\.durationSeconds) == [nil, 155])
        #expect(calls[1].text.hasPrefix("Intéressé — call 02:35 — devis"))
        #expect(calls[0].text.hasPrefix("Pas de réponse — call again at"))
    }

    /// Two operators' processes asking at once: every prospect is served once. Each worker has
    /// its own connection pool on the file, as separate processes would.
    @Test func twoOperatorsNeverGetTheSameProspect() async throws {
        for siren in 1...40 { try prospect(siren, owner: 1) }
        // Theo takes Tina's prospects through a shared callback each: both queues hold all 40.
        try await db.writer.write { db in
            for siren in 1...40 {
                try db.execute(
                    sql:
                        "INSERT INTO follow_up (siren, owner_id, due_at, shared, created_at) VALUES (?, 1, '2026-12-01T09:00:00Z', 1, 'x')",
                    arguments: [siren])
            }
        }
        let path = folder + "/filon.sqlite"
        let now = tuesday
        let served = try await withThrowingTaskGroup(of: [Int].self) { group in
            for user in [1, 2] {
                group.addTask {
                    let pool = try AppDatabase.open(path: path)
                    var mine: [Int] = []
                    // Serve, then record the outcome, as an operator does; a no-answer leaves the queue
                    // for four hours and answers the callback.
                    while let item = try await pool.writer.write({ db -> QueueItem? in
                        let queue = CallQueue(policy: CallingPolicy(), now: now)
                        guard let item = try queue.reserveNext(for: user, db) else { return nil }
                        try queue.record(.noAnswer, siren: item.siren, by: user, db)
                        return item
                    }) {
                        mine.append(item.siren)
                    }
                    return mine
                }
            }
            var all: [Int] = []
            for try await part in group { all += part }
            return all
        }
        #expect(served.count == 40 && Set(served).count == 40)
    }
}
