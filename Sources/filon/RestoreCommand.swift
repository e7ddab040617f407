import ArgumentParser
import FilonCLI
import FilonCore

/// `filon restore SIREN`: an archived record back into the queues and dashboards.
struct RestoreCommand: DatabaseCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore", abstract: "Bring an archived record back into the queues and dashboards (admins).")

    @OptionGroup var common: CommonOptions

    @Argument(help: "The SIREN.") var siren: String

    func run() throws {
        let number = try QualityRefusal.siren(siren)
        let environment = common.environment
        let database = try common.openDatabase()
        try QualityRefusal.run {
            try database.writer.write { db in
                let admin = try OperatorIdentity.adminID(to: "restore archived records", environment: environment, db)
                try ArchiveActions().restore(siren: number, by: admin, db)
            }
        }
        print("Restored \(Siren.pad(number, 9)).")
    }
}
