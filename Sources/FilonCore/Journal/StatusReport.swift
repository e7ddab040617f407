import GRDB

/// What `filond status` reports: volumes in the store and the recent runs with their first issues.
public struct StatusReport: Sendable, Codable, Equatable {
    public struct Entry: Sendable, Codable, Equatable {
        public var run: RunRecord
        public var issues: [RunIssue]
    }

    public var companies: Int
    public var activeCompanies: Int
    public var establishments: Int
    public var changeEvents: Int
    public var runs: [Entry]
}

extension AppDatabase {
    public func statusReport(runLimit: Int, issueLimit: Int) throws -> StatusReport {
        try writer.read { db in
            let journal = RunJournal()
            let runs = try journal.recent(db, limit: runLimit).map { run in
                StatusReport.Entry(
                    run: run,
                    issues: try journal.issues(db, run: run.id, limit: issueLimit))
            }
            return StatusReport(
                companies: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM company") ?? 0,
                activeCompanies: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM company WHERE state = 'A'") ?? 0,
                establishments: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM establishment") ?? 0,
                changeEvents: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM change_event") ?? 0,
                runs: runs)
        }
    }
}
