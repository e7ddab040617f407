import ArgumentParser
import FilonCLI
import FilonCore
import Foundation

/// `filon users set-capacity LOGIN N`.
struct UsersSetCapacityCommand: DatabaseCommand {
    static let configuration = CommandConfiguration(
        commandName: "set-capacity",
        abstract: "Set how many open prospects a user holds at most (0: give them nothing new).")

    @OptionGroup var common: CommonOptions

    @Argument(help: "Their login.")
    var login: String

    @Argument(help: "Open prospects, 0 or more.")
    var capacity: String

    func run() throws {
        guard let number = Int(capacity.trimmingCharacters(in: .whitespaces)), number >= 0 else {
            throw CommandFailure.usage(
                "capacity \(capacity) is not valid: give the number of open prospects they can hold, 0 or more")
        }
        let environment = common.environment
        let database = try common.openDatabase()
        try AdminRefusal.run {
            try database.writer.write { db in
                let admin = try OperatorIdentity.adminID(to: "change capacities", environment: environment, db)
                try UserDirectory().setCapacity(userID: try AdminRefusal.user(login, db).id, to: number, by: admin, db)
            }
        }
        print("\(login) can hold \(number) open prospects.")
    }
}
