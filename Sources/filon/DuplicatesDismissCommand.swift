import ArgumentParser
import FilonCLI
import FilonCore

/// `filon duplicates dismiss A B`: the pair is not one business; never suggest it again.
struct DuplicatesDismissCommand: DatabaseCommand {
    static let configuration = CommandConfiguration(
        commandName: "dismiss",
        abstract: "Say two companies are not duplicates, so that they are not suggested again (admins).")

    @OptionGroup var common: CommonOptions

    @Argument(help: "The first SIREN.") var first: String
    @Argument(help: "The second SIREN.") var second: String

    func run() throws {
        let (a, b) = (try QualityRefusal.siren(first), try QualityRefusal.siren(second))
        let environment = common.environment
        let database = try common.openDatabase()
        try QualityRefusal.run {
            try database.writer.write { db in
                let admin = try OperatorIdentity.adminID(
                    to: "dismiss duplicate suggestions", environment: environment, db)
                try DuplicateFinder().dismiss(a, b, by: admin, db)
            }
        }
        print("Dismissed: \(Siren.pad(min(a, b), 9)) and \(Siren.pad(max(a, b), 9)) will not be suggested again.")
    }
}
