import Foundation
import GRDB

/// Writes the run journal: one row per import or pass, opened when it starts, updated as batches
/// commit (so a killed run still shows how far it went) and closed with its outcome.
public struct RunJournal: Sendable {
    /// Lines kept per run in `run_issue`; the count in the run row stays exact beyond that.
    public static let maxIssuesPerRun = 1000

    public init() {}

    public func start(_ db: Database, source: String, kind: String, target: String?, at date: Date) throws -> Int {
        try db.execute(
            sql: """
                INSERT INTO run (source, kind, target, started_at, status, pid)
                VALUES (?, ?, ?, ?, 'running', ?)
                """,
            arguments: [source, kind, target, Timestamp.string(date), Int(ProcessInfo.processInfo.processIdentifier)])
        return Int(db.lastInsertedRowID)
    }

    public func update(_ db: Database, run: Int, counts: RunCounts) throws {
        try db.execute(
            sql: """
                UPDATE run SET rows_read = ?, rows_new = ?, rows_changed = ?, rows_unchanged = ?,
                  rows_rejected = ?, rows_filtered = ?, values_dropped = ? WHERE id = ?
                """,
            arguments: [
                counts.read, counts.new, counts.changed, counts.unchanged, counts.rejected, counts.filtered,
                counts.valuesDropped, run,
            ])
    }

    public func finish(
        _ db: Database, run: Int, status: RunRecord.Status, counts: RunCounts, message: String?, at date: Date
    ) throws {
        try update(db, run: run, counts: counts)
        try close(db, run: run, status: status, message: message, at: date)
    }

    /// What a pass of an incremental source adds to its run: requests made, errors met, and the
    /// watermark it started from and reached.
    public func recordSourceProgress(
        _ db: Database, run: Int, requests: Int, errors: Int, watermarkBefore: String?, watermarkAfter: String?
    ) throws {
        try db.execute(
            sql: "UPDATE run SET requests = ?, errors = ?, watermark_before = ?, watermark_after = ? WHERE id = ?",
            arguments: [requests, errors, watermarkBefore, watermarkAfter, run])
    }

    /// Ends a run and keeps the counts it last recorded.
    public func close(_ db: Database, run: Int, status: RunRecord.Status, message: String?, at date: Date) throws {
        try db.execute(
            sql: "UPDATE run SET status = ?, finished_at = ?, message = ? WHERE id = ?",
            arguments: [status.rawValue, Timestamp.string(date), message, run])
    }

    /// Records a line the run could not use; past the cap only the count in the run row grows.
    public func recordIssue(_ db: Database, run: Int, line: Int?, message: String, alreadyRecorded: Int) throws {
        guard alreadyRecorded < Self.maxIssuesPerRun else { return }
        try db.execute(
            sql: "INSERT INTO run_issue (run_id, line, message) VALUES (?, ?, ?)", arguments: [run, line, message])
    }

    /// Runs left "running" by a process that no longer exists are marked interrupted.
    public func closeAbandonedRuns(_ db: Database, at date: Date, isAlive: (Int) -> Bool) throws {
        let rows = try Row.fetchAll(db, sql: "SELECT id, pid FROM run WHERE status = 'running'")
        for row in rows {
            let pid: Int? = row["pid"]
            if let pid, isAlive(pid) { continue }
            try db.execute(
                sql: """
                    UPDATE run SET status = 'interrupted', finished_at = ?,
                      message = COALESCE(message, 'the process stopped before the end; run it again to complete')
                    WHERE id = ?
                    """, arguments: [Timestamp.string(date), row["id"] as Int])
        }
    }

    /// The most recent runs, newest first.
    public func recent(_ db: Database, limit: Int) throws -> [RunRecord] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT r.*, (SELECT COUNT(*) FROM run_issue i WHERE i.run_id = r.id) AS issue_count
                FROM run r ORDER BY r.id DESC LIMIT ?
                """, arguments: [limit]
        ).map { row in
            var counts = RunCounts()
            counts.read = row["rows_read"]
            counts.new = row["rows_new"]
            counts.changed = row["rows_changed"]
            counts.unchanged = row["rows_unchanged"]
            counts.rejected = row["rows_rejected"]
            counts.filtered = row["rows_filtered"]
            counts.valuesDropped = row["values_dropped"]
            return RunRecord(
                id: row["id"], source: row["source"], kind: row["kind"], target: row["target"],
                startedAt: row["started_at"], finishedAt: row["finished_at"],
                status: RunRecord.Status(rawValue: row["status"]) ?? .failed, counts: counts,
                message: row["message"], issueCount: row["issue_count"], requests: row["requests"],
                errors: row["errors"], watermarkBefore: row["watermark_before"], watermarkAfter: row["watermark_after"])
        }
    }

    /// The recorded issues of a run, in line order.
    public func issues(_ db: Database, run: Int, limit: Int) throws -> [RunIssue] {
        try Row.fetchAll(
            db, sql: "SELECT line, message FROM run_issue WHERE run_id = ? ORDER BY id LIMIT ?",
            arguments: [run, limit]
        ).map { RunIssue(line: $0["line"], message: $0["message"]) }
    }
}
