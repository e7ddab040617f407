import ArgumentParser
import FilonCLI
import FilonCore
import Foundation

/// `filon gdpr export`: everything held about a person, with each piece's source and date, as JSON.
struct GDPRExportCommand: DatabaseCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a person's data with its sources, as JSON (right of access).")

    @OptionGroup var common: CommonOptions
    @OptionGroup var person: GDPRLookupOptions

    @Option(help: "Write the JSON to this file instead of standard output.")
    var out: String?

    func run() throws {
        let lookup = try person.lookup()
        let environment = common.environment
        let database = try common.openDatabase()
        let export = try GDPRRefusal.run {
            try database.writer.write { db in
                let admin = try OperatorIdentity.adminID(
                    to: "answer data-protection requests", environment: environment, db)
                return try PersonData(lookup).export(by: admin, db)
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(export)
        if let out {
            do {
                try data.write(to: URL(fileURLWithPath: out))
            } catch {
                throw CommandFailure.runtime(
                    "cannot write \(out) (\(error.localizedDescription)): choose a folder you can write to")
            }
            FileHandle.standardError.write(Data("Exported \(lookup) to \(out).\n".utf8))
        } else {
            print(String(decoding: data, as: UTF8.self))
        }
        if export.isEmpty {
            FileHandle.standardError.write(Data("Nothing is stored about \(lookup).\n".utf8))
        }
    }
}
