import Foundation
import GRDB
import Testing

@testable import FilonCore

@Suite struct RunJournalTests {
    @Test func aRunLeftRunningByADeadProcessIsMarkedInterrupted() throws {
        let db = try AppDatabase.inMemory()
        let journal = RunJournal()
        let date = Date(timeIntervalSince1970: 1_795_000_000)
        try db.writer.write { (db: Database) throws in
            let dead = try journal.start(db, source: "sirene_stock", kind: "import", target: "a.csv", at: date)
            try db.execute(sql: "UPDATE run SET pid = 999999999 WHERE id = ?", arguments: [dead])
            let alive = try journal.start(db, source: "sirene_stock", kind: "import", target: "b.csv", at: date)
            try journal.closeAbandonedRuns(db, at: date) { $0 != 999_999_999 }
            let runs = try journal.recent(db, limit: 5)
            #expect(runs.first { $0.id == dead }?.status == .interrupted)
            #expect(runs.first { $0.id == alive }?.status == .running)
        }
        #expect(Timestamp.string(date) == "2026-11-18T11:06:40Z")
    }
}
