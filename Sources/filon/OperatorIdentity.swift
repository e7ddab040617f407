import FilonCLI
import FilonCore
import Foundation
import GRDB

/// The CRM user a command works as: `--as LOGIN`, else the OS login.
enum OperatorIdentity {
    static func user(login: String?, environment: [String: String], _ database: AppDatabase) throws -> Int {
        let name = login ?? environment["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? NSUserName()
        let row = try database.writer.read { db in
            try Row.fetchOne(db, sql: "SELECT id, active FROM user WHERE login = ?", arguments: [name])
        }
        guard let row else {
            throw CommandFailure.usage("no CRM user \(name): an admin adds one with `filon users add \(name) …`")
        }
        guard row["active"] as Bool else {
            throw CommandFailure.usage("the CRM user \(name) is disabled: ask an admin to enable it")
        }
        return row["id"]
    }
}
