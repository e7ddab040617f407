import ArgumentParser
import FilonCLI
import FilonCore
import Foundation

/// `filon gdpr erase`: erases a person (right to erasure). Without --yes it only says what would go.
struct GDPREraseCommand: DatabaseCommand {
    static let configuration = CommandConfiguration(
        commandName: "erase",
        abstract: "Erase a person's data; their emails and phones stay blocked as hashes (right to erasure).",
        discussion: """
            Deletes the person rows and their emails and phones, puts those on the suppression list, \
            and replaces their name in notes and history with [effacé]. With --object (or for a sole \
            trader, whose company is the person) the company also becomes "ne plus contacter" for good. \
            A registry director may come back with the next registry refresh (public data); their \
            emails and phones do not. Without --yes, prints what would be erased and changes nothing.
            """)

    @OptionGroup var common: CommonOptions
    @OptionGroup var person: GDPRLookupOptions

    @Flag(help: "The person also objected to prospecting: block their company(ies) for good.")
    var object = false

    @Flag(help: "Erase now. Without it, only print what would be erased.")
    var yes = false

    func run() throws {
        let lookup = try person.lookup()
        let environment = common.environment
        let database = try common.openDatabase()
        let (object, yes) = (object, yes)
        let summary = try GDPRRefusal.run {
            try database.writer.write { db in
                let admin = try OperatorIdentity.adminID(
                    to: "answer data-protection requests", environment: environment, db)
                let data = PersonData(lookup)
                return yes
                    ? try data.erase(objected: object, by: admin, db)
                    : try data.preview(objected: object, by: admin, db)
            }
        }
        if summary.isEmpty && summary.blockedSirens.isEmpty {
            print("Nothing is stored about \(lookup).")
            if yes { print("Its email or phone is on the suppression list now.") }
            return
        }
        print(yes ? "Erased for \(lookup):" : "Would erase for \(lookup) (run again with --yes):")
        for line in summary.lines { print("  " + line) }
        if yes {
            print("\(summary.suppressed) entries added to the suppression list; the request is in the audit log.")
        }
    }
}
