import FilonCore
import Foundation
import GRDB
import Testing

/// Every query of the report reads an index, never a whole table of companies, prospects or
/// activities: what keeps the dashboard fast over millions of rows (`filon-bench report` times
/// it; this test keeps the plans from drifting, e.g. when a query's WHERE no longer matches the
/// words of its partial index).
@Suite struct ReportQueryPlanTests {
    /// Tables that grow with the base.
    static let large = ["company", "prospect", "activity", "contact_point", "follow_up", "enrichment_state"]

    @Test func noQueryScansALargeTable() throws {
        let db = try AppDatabase.inMemory()
        try db.writer.write { try ReportScript().write($0) }
        for user in [nil, "tina"] as [String?] {
            let period = ReportPeriod.last(30, endingAt: ReportScript.now, user: user)
            var statements: [String] = []
            try db.writer.read { db in
                db.trace(options: .statement) { event in
                    if case .statement(let statement) = event { statements.append(statement.sql) }
                }
                _ = try ReportBuilder(period: period, now: ReportScript.now).build(db)
                db.trace(options: [])
            }
            #expect(statements.count > 10)
            for sql in Set(statements) where sql.hasPrefix("SELECT") || sql.hasPrefix("WITH") {
                let plan = try db.writer.read { db in
                    // The parameters stay unbound, as when the report prepares the statement.
                    let explain = try db.makeStatement(sql: "EXPLAIN QUERY PLAN " + sql)
                    explain.setUncheckedArguments([])
                    return try Row.fetchAll(explain).map { $0["detail"] as String }
                }
                for line in plan {
                    let scansTable = Self.large.contains { line == "SCAN \($0)" || line.hasPrefix("SCAN \($0) ") }
                    let withIndex = line.contains("INDEX")
                    #expect(!(scansTable && !withIndex), "\(line)\nin: \(sql)")
                    // Reading the row of each index entry would cost up to a million random reads.
                    let readsRows = ["activity", "prospect", "company"].contains { line.contains("\($0) USING INDEX") }
                    #expect(!readsRows, "\(line)\nin: \(sql)")
                }
            }
        }
    }
}
