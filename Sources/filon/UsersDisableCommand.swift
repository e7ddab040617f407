import ArgumentParser
import FilonCLI
import FilonCore

/// `filon users disable LOGIN`: they can no longer act; their prospects and callbacks go to others.
struct UsersDisableCommand: DatabaseCommand {
    static let configuration = CommandConfiguration(
        commandName: "disable",
        abstract: "Disable a CRM user; their open prospects and pending callbacks go to the others now.")

    @OptionGroup var common: CommonOptions

    @Argument(help: "Their login.")
    var login: String

    func run() throws {
        let environment = common.environment
        let database = try common.openDatabase()
        let (wasActive, summary) = try AdminRefusal.run {
            try database.writer.write { db -> (Bool, AssignmentSummary) in
                let admin = try OperatorIdentity.adminID(to: "disable users", environment: environment, db)
                let user = try AdminRefusal.user(login, db)
                return (user.active, try UserDirectory().disable(userID: user.id, by: admin, db))
            }
        }
        guard wasActive else {
            print("\(login) was already disabled.")
            return
        }
        var line = "Disabled \(login)."
        if summary.assigned > 0 {
            line +=
                " \(summary.assigned) prospects given to "
                + summary.byUser.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
                + "."
        }
        for (role, count) in summary.waiting.sorted(by: { $0.key < $1.key }) {
            line +=
                " \(count) wait for a \(UserRole(rawValue: role)?.label ?? role): nobody of that role can take them."
        }
        print(line)
    }
}
