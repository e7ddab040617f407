import FilonCore
import Foundation
import GRDB
import Testing

/// `filon-bench load` at CI size: twenty operators, each a process of its own working its queue
/// through the operator screen's store, while `filond` imports a stock file and enriches against
/// fake providers, on one database. The bench matches every logged action against the database
/// and prints PASS or FAIL per invariant; figures are printed, never asserted.
@Suite(.serialized) struct OperatorLoadTests {
    static let invariants = [
        "no lost update", "no prospect reserved twice", "no 'database is locked' reached an operator",
        "every operator process ran to its end",
    ]

    @Test func twentyOperatorsBesideTheDaemonLoseNothingAndNeverSeeALock() throws {
        let folder = try Binaries.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let db = folder + "/filon.sqlite"
        let run = try Binaries.run(
            "filon-bench",
            ["load", "--companies", "20000", "--operators", "20", "--seconds", "4", "--enrich-batch", "20", "--db", db])
        let output = "\(run.stdout)\n\(run.stderr)"
        #expect(run.status == 0, "\(output)")
        for name in Self.invariants { #expect(run.stdout.contains("PASS  \(name):"), "\(output)") }
        #expect(!run.stdout.contains("FAIL"), "\(output)")
        // The daemon worked alongside: an import and an enrichment at least, none failed.
        #expect(run.stdout.contains("daemon import sirene"), "\(output)")
        #expect(run.stdout.contains("daemon enrich"), "\(output)")
        #expect(run.stdout.contains(" 0 failed"), "\(output)")

        // Read apart from the bench: the calls it says were recorded are in the database, stamped
        // from its clock on (a minute after the generated history, which ends at 09:30 UTC).
        let recorded = try #require(
            run.stdout.firstMatch(of: /(\d+) calls recorded/).flatMap { Int($0.1) }, "\(output)")
        #expect(recorded > 0, "\(output)")
        let stored = try AppDatabase.open(path: db).writer.read { db in
            try Int.fetchOne(
                db,
                sql: """
                    SELECT COUNT(*) FROM activity
                    WHERE kind = 'call' AND user_id IS NOT NULL AND created_at >= '2026-12-01T09:31:00Z'
                    """)
        }
        #expect(stored == recorded)
    }
}
