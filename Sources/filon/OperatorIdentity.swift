import FilonCLI
import FilonCore
import FilonTUI
import Foundation
import GRDB

/// The CRM user a command works as: the OS login, or `--as LOGIN`, which only an admin may use
/// to work as someone else (to help them, or to check their queue).
enum OperatorIdentity {
    /// Who is at the keyboard: `$USER`, else the account's name.
    static func osLogin(environment: [String: String]) -> String {
        environment["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? NSUserName()
    }

    static func login(_ login: String?, environment: [String: String]) -> String {
        login ?? osLogin(environment: environment)
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
    ///
    /// - throws: `CommandFailure.runtime` when `--as` names someone else and the OS login is not
    ///   an active admin.
    static func session(login: String?, environment: [String: String], _ database: AppDatabase) throws
        -> OperatorSession
    {
        let name = self.login(login, environment: environment)
        let os = osLogin(environment: environment)
        let (user, me) = try database.writer.read { db in
            (try UserDirectory().user(login: name, db), name == os ? nil : try UserDirectory().user(login: os, db))
        }
        if name != os && !(me.map { $0.active && $0.role == .admin } ?? false) {
            let who = me == nil ? "the OS login \(os) is not a CRM user" : "\(os) is not an active admin"
            throw CommandFailure.runtime(
                "only an admin can work as another user (--as \(name)): \(who); sign in as \(name) instead")
        }
        guard let user else { return .unknown(login: name) }
        let operatorUser = OperatorUser(id: user.id, login: user.login, name: user.name, role: user.role)
        return user.active ? .user(operatorUser) : .disabled(operatorUser)
    }

    /// The admin acting for an admin command: the OS login's CRM user (nil when it is none).
    static func actor(environment: [String: String], _ db: Database) throws -> CRMUser? {
        try UserDirectory().user(login: osLogin(environment: environment), db)
    }

    /// The OS login's user id for an admin command; the core checks that they are an active admin.
    ///
    /// - throws: `CommandFailure.runtime` when the OS login is no CRM user.
    static func adminID(to action: String, environment: [String: String], _ db: Database) throws -> Int {
        guard let actor = try actor(environment: environment, db) else {
            throw CommandFailure.runtime(
                "only an admin can \(action); the OS login \(osLogin(environment: environment)) is not a CRM user")
        }
        return actor.id
    }
}
