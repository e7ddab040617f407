import FilonCore
import Foundation
import GRDB
import Testing

/// After the daemon's pass on the demo data, every eligible prospect has an owner of its route's
/// role, a tier, a score with its reasons and a place in its owner's queue.
@Suite(.serialized) struct DecisionEndToEndTests {
    @Test func everyEligibleProspectIsScoredOwnedAndQueued() throws {
        let folder = try Binaries.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let db = try Binaries.demoDatabase(in: folder)
        let database = try AppDatabase.open(path: db)
        try database.writer.write { db in
            for (id, login, role, capacity) in [
                (1, "admin", "admin", 0), (2, "tina", "telepro", 300), (3, "theo", "telepro", 150),
                (4, "sam", "commercial", 100),
            ] {
                try db.execute(
                    sql: "INSERT INTO user (id, login, name, role, capacity, created_at) VALUES (?, ?, ?, ?, ?, 'x')",
                    arguments: [id, login, login.capitalized, role, capacity])
            }
        }
        // No network here: the pass runs its own stages over the imported data only.
        let config = folder + "/filon.toml"
        try ProviderID.allCases.map { "[providers.\($0.rawValue)]\nenabled = false\n" }.joined()
            .write(toFile: config, atomically: true, encoding: .utf8)
        let pass = try Binaries.run("filond", ["run", "--once", "--db", db, "--config", config])
        #expect(pass.status == 0, "\(pass.stdout)\n\(pass.stderr)")
        #expect(pass.stdout.contains("scoring: ok, scored"), "\(pass.stdout)")
        #expect(pass.stdout.contains("assignment: ok"), "\(pass.stdout)")

        try database.writer.read { db in
            let eligible = try Int.fetchOne(
                db,
                sql: """
                    SELECT COUNT(*) FROM prospect p JOIN company c ON c.siren = p.siren
                    WHERE p.route IN ('sales', 'telemarketing') AND c.state = 'A'
                    """)!
            #expect(eligible > 1000)
            let unowned = try Int.fetchOne(
                db,
                sql: """
                    SELECT COUNT(*) FROM prospect p JOIN user u ON u.id = p.owner_id
                    WHERE p.route IN ('sales', 'telemarketing')
                      AND u.role = CASE p.route WHEN 'sales' THEN 'commercial' ELSE 'telepro' END
                    """)!
            #expect(unowned == eligible)
            let unexplained = try Int.fetchOne(
                db,
                sql: """
                    SELECT COUNT(*) FROM prospect WHERE route IN ('sales', 'telemarketing')
                      AND (tier IS NULL OR score_reasons IS NULL OR score_reasons NOT LIKE '[%' OR route_reason IS NULL
                           OR (score > 0 AND score_reasons NOT LIKE '[{"code":%'))
                    """)!
            #expect(unexplained == 0)
            // Ceased companies go nowhere.
            let ceasedRouted = try Int.fetchOne(
                db,
                sql: """
                    SELECT COUNT(*) FROM prospect p JOIN company c ON c.siren = p.siren
                    WHERE c.state = 'C' AND p.route != 'none'
                    """)!
            #expect(ceasedRouted == 0)
            // Balanced on capacity: Tina holds about twice Theo's telemarketing prospects.
            let tina = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM prospect WHERE owner_id = 2")!
            let theo = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM prospect WHERE owner_id = 3")!
            #expect(abs(tina - 2 * theo) <= 2)
            // Every owned prospect has its place in its owner's queue (a Tuesday morning).
            let tuesday = Date(timeIntervalSince1970: 1_796_117_400)
            let queue = CallQueue(policy: CallingPolicy(), now: tuesday)
            var queued = 0
            for user in [2, 3, 4] { queued += try queue.items(for: user, limit: 100_000, db).count }
            let soleTraders = try Int.fetchOne(
                db,
                sql: """
                    SELECT COUNT(*) FROM prospect p JOIN company c ON c.siren = p.siren
                    WHERE p.owner_id IS NOT NULL AND c.legal_form = '1000'
                    """)!
            // 10:30 in Paris is inside both windows: every one of them is served.
            #expect(queued == eligible, "\(soleTraders) sole traders")
        }
        // The card reads the reasons as words.
        let scored = try database.writer.read {
            try Int.fetchOne($0, sql: "SELECT siren FROM prospect WHERE score > 0 LIMIT 1")
        }
        let siren = try #require(scored)
        let reasons = try #require(try database.card(siren: siren)?.scoreReasons)
        #expect(reasons.contains(" +") && !reasons.contains("{"), "\(reasons)")
    }
}
