import FilonCLI
import FilonCore
import FilonTUI
import Foundation
import GRDB

/// The CRM user a command works as: `--as LOGIN`, else the OS login.
enum OperatorIdentity {
    static func login(_ login: String?, environment: [String: String]) -> String {
        login ?? environment["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? NSUserName()
    }

    /// The user's id, for commands that only work as an active user.
    static func user(login: String?, environment: [String: String], _ database: AppDatabase) throws -> Int {
        let name = self.login(login, environment: environment)
        switch try session(login: login, environment: environment, database) {
        case .user(let user): return user.id
        case .unknown:
            throw CommandFailure.usage("no CRM user \(name): an admin adds one with `filon users add \(name) …`")
        case .disabled:
            throw CommandFailure.usage("the CRM user \(name) is disabled: ask an admin to enable it")
        }
    }

    /// Who the screen works as: an active user, a disabled one, or a login that is no CRM user
    /// (the screen then opens read-only).
    static func session(login: String?, environment: [String: String], _ database: AppDatabase) throws
        -> OperatorSession
    {
        let name = self.login(login, environment: environment)
        let row = try database.writer.read { db in
            try Row.fetchOne(
                db, sql: "SELECT id, login, name, role, active FROM user WHERE login = ?", arguments: [name])
        }
        guard let row else { return .unknown(login: name) }
        let user = OperatorUser(
            id: row["id"], login: row["login"], name: row["name"],
            role: UserRole(rawValue: row["role"]) ?? .telepro)
        return (row["active"] as Bool) ? .user(user) : .disabled(user)
    }
}
