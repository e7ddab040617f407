import FilonCore
import Foundation
import GRDB
import Testing

/// `filon call SIREN OUTCOME --duration SECONDS` records how long the call lasted, and refuses
/// what is not a length in seconds.
@Suite struct CallDurationCommandTests {
    @Test func theDurationIsRecordedAndABadOneRefused() throws {
        let folder = try Binaries.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let db = folder + "/filon.sqlite"
        let database = try AppDatabase.open(path: db)
        try database.writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO user (id, login, name, role, created_at)
                    VALUES (1, 'tina', 'Tina', 'telepro', 'x'), (2, 'ada', 'Ada', 'admin', 'x')
                    """)
            try db.execute(
                sql: "INSERT INTO company (siren, denomination, state, row_hash) VALUES (552100554, 'X', 'A', 1)")
            try db.execute(
                sql: """
                    INSERT INTO prospect (siren, route, tier, owner_id, created_at, updated_at)
                    VALUES (552100554, 'telemarketing', 'B', 1, 'x', 'x')
                    """)
        }
        // --as another user: the test runs as the admin Ada.
        let asAdmin = ["USER": "ada"]
        for bad in ["-3", "2:35", "abc"] {
            let refused = try Binaries.run(
                "filon", ["call", "552100554", "interested", "--duration=\(bad)", "--as", "tina", "--db", db],
                environment: asAdmin)
            #expect(refused.status != 0)
            #expect(refused.stderr.contains("--duration \(bad) must be the call's length in whole seconds ≥ 0"))
        }
        let call = try Binaries.run(
            "filon", ["call", "552100554", "interested", "--duration", "155", "--as", "tina", "--db", db],
            environment: asAdmin)
        #expect(call.status == 0, "\(call.stderr)")
        #expect(call.stdout.contains("Intéressé (02:35)"))
        let durations = try database.writer.read {
            try Int?.fetchAll($0, sql: "SELECT duration_seconds FROM activity WHERE kind = 'call'")
        }
        #expect(durations == [155])
    }
}
