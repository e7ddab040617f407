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
    /// Where each incremental source stands.
    public var sources: [SourceStanding]
    /// Requests and credits per provider and day, the last seven days, newest first.
    public var spend: [ProviderSpend]
    public var runs: [Entry]

    public struct ProviderSpend: Sendable, Codable, Equatable {
        public var provider: String
        public var day: String
        public var requests: Int
        public var credits: Int
        public var companies: Int
        /// When the provider said it had no credits left that day.
        public var exhaustedAt: String?
    }

    public struct SourceStanding: Sendable, Codable, Equatable {
        public var source: String
        public var watermark: String?
        /// Set while a pass is unfinished: the page it will go on from.
        public var cursor: String?
        public var updatedAt: String
    }
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
                sources: try Row.fetchAll(
                    db, sql: "SELECT source, watermark, cursor, updated_at FROM source_state ORDER BY source"
                ).map {
                    StatusReport.SourceStanding(
                        source: $0["source"], watermark: $0["watermark"], cursor: $0["cursor"],
                        updatedAt: $0["updated_at"])
                },
                spend: try Row.fetchAll(
                    db,
                    sql: """
                        SELECT * FROM provider_spend
                        WHERE day >= (SELECT date(MAX(day), '-6 days') FROM provider_spend)
                        ORDER BY day DESC, provider
                        """
                ).map {
                    StatusReport.ProviderSpend(
                        provider: $0["provider"], day: $0["day"], requests: $0["requests"], credits: $0["credits"],
                        companies: $0["companies"], exhaustedAt: $0["exhausted_at"])
                },
                runs: runs)
        }
    }
}
