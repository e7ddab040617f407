import ArgumentParser
import FilonCLI
import FilonCore

/// `filon users add LOGIN --role admin|commercial|telepro [--name NAME] [--capacity N]`.
struct UsersAddCommand: DatabaseCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Add a CRM user (the first one must be an admin).")

    @OptionGroup var common: CommonOptions

    @Argument(help: "Their OS login: 2–32 lower-case letters, digits, '.', '_' or '-'.")
    var login: String

    @Option(help: "admin, commercial or telepro.")
    var role: String

    @Option(help: "Their name as the team says it (default: the login).")
    var name: String?

    @Option(help: ArgumentHelp("Open prospects they can hold at most.", valueName: "n"))
    var capacity = UserDirectory.defaultCapacity

    func run() throws {
        guard let role = UserRole(rawValue: role) else {
            throw CommandFailure.usage(
                "unknown role \(self.role); expected one of: "
                    + UserRole.allCases.map(\.rawValue).joined(separator: ", "))
        }
        let environment = common.environment
        let database = try common.openDatabase()
        let user = try AdminRefusal.run {
            try database.writer.write { db -> CRMUser in
                // Until an admin exists, nobody is asked for; after, the OS login must be one.
                let actor: Int? =
                    try Permissions.hasActiveAdmin(db)
                    ? OperatorIdentity.adminID(to: "add users", environment: environment, db) : nil
                return try UserDirectory().add(
                    login: login, name: name ?? login, role: role, capacity: capacity, by: actor, db)
            }
        }
        print("Added \(user.login) (\(user.name)), \(user.role.label), capacity \(user.capacity).")
    }
}
