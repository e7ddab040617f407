import ArgumentParser
import FilonCLI
import FilonCore
import Foundation

/// `filon archive SIREN --reason TEXT`: out of the queues and dashboards, kept for history.
struct ArchiveCommand: DatabaseCommand {
    static let configuration = CommandConfiguration(
        commandName: "archive",
        abstract: "Archive a record: out of every queue, the assignment and the dashboards, kept for history (admins).")

    @OptionGroup var common: CommonOptions

    @Argument(help: "The SIREN.") var siren: String

    @Option(help: "Why, for the record's history.") var reason: String

    func run() throws {
        let number = try QualityRefusal.siren(siren)
        guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw CommandFailure.usage("--reason cannot be empty: say why, for the record's history")
        }
        let environment = common.environment
        let database = try common.openDatabase()
        try QualityRefusal.run {
            try database.writer.write { db in
                let admin = try OperatorIdentity.adminID(to: "archive records", environment: environment, db)
                try ArchiveActions().archive(siren: number, reason: reason, by: admin, db)
            }
        }
        print("Archived \(Siren.pad(number, 9)). `filon restore \(Siren.pad(number, 9))` brings it back.")
    }
}
