import ArgumentParser
import FilonCLI
import FilonCore

/// `filon users enable LOGIN`.
struct UsersEnableCommand: DatabaseCommand {
    static let configuration = CommandConfiguration(
        commandName: "enable",
        abstract:
            "Enable a disabled CRM user; new prospects reach them from the next pass or `filon reassign --rebalance`.")

    @OptionGroup var common: CommonOptions

    @Argument(help: "Their login.")
    var login: String

    func run() throws {
        let environment = common.environment
        let database = try common.openDatabase()
        let changed = try AdminRefusal.run {
            try database.writer.write { db -> Bool in
                let admin = try OperatorIdentity.adminID(to: "enable users", environment: environment, db)
                return try UserDirectory().enable(userID: try AdminRefusal.user(login, db).id, by: admin, db)
            }
        }
        print(changed ? "Enabled \(login)." : "\(login) was already active.")
    }
}
