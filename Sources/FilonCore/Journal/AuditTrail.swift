import Foundation
import GRDB

/// Rows of `audit_log`: who (a login) did what to which record. Admin changes to users and
/// ownership land here so that "who gave my prospects away, and when" always has an answer.
enum AuditTrail {
    static func record(
        at date: Date, actor: String, action: String, target: String?, detail: String? = nil, _ db: Database
    ) throws {
        try db.execute(
            sql: "INSERT INTO audit_log (at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)",
            arguments: [Timestamp.string(date), actor, action, target, detail])
    }
}
