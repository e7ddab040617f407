import ArgumentParser
import FilonCLI
import FilonCore
import Foundation

/// `filon gdpr purge [--confirm] [--json]`: the retention purge (RGPD R6). Without `--confirm`
/// it only reports what is past 3 years since the prospect's last contact and what would be
/// removed; with it, an admin (the OS login) anonymises exactly that.
struct GDPRPurgeCommand: DatabaseCommand {
    static let configuration = CommandConfiguration(
        commandName: "purge",
        abstract: "List prospects past their retention (dry run); with --confirm, an admin anonymises them.",
        discussion: """
            A prospect is past its retention \(RetentionPolicy.defaultYears) years after the last contact that \
            came from them (a reply, a call where they engaged; filon inbound), else after the first call or \
            email, else after it was created. Customers are never purged. The purge blanks persons' names, \
            deletes nominative contact points (objections are kept), notes, timeline texts and sent emails, \
            archives the prospect and writes the audit log.
            """)

    @OptionGroup var common: CommonOptions

    @Flag(help: "Anonymise what the dry run lists (admins only).")
    var confirm = false

    @Flag(help: "Print the report as JSON.")
    var json = false

    func run() throws {
        let database = try common.openDatabase()
        let environment = common.environment
        let now = Date()
        let purge = RetentionPurge()
        let report = try AdminRefusal.run {
            if confirm {
                return try database.writer.write { db in
                    let admin = try OperatorIdentity.adminID(
                        to: "purge prospects past their retention", environment: environment, db)
                    return try purge.confirm(by: admin, now: now, db)
                }
            }
            return try database.writer.read { db in try purge.report(now: now, db) }
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
            return
        }
        let verb = report.applied ? "Purged" : "Would purge"
        print(
            "\(verb) \(report.candidates.count) prospect(s) without contact from them since before \(report.cutoff) "
                + "(\(report.years) years): \(report.persons) person(s), \(report.contactPoints) contact point(s), "
                + "\(report.notes) note(s), \(report.activityTexts) timeline text(s), \(report.emails) email(s).")
        for candidate in report.candidates {
            print(
                "  \(Siren.format(siren: candidate.siren))  \(HistoryCommand.clean(candidate.name ?? "?"))  "
                    + "last contact \(candidate.clock)  persons \(candidate.persons), contacts \(candidate.contactPoints)"
                    + (candidate.keptObjections > 0 ? " (\(candidate.keptObjections) objection(s) kept)" : "")
                    + ", texts \(candidate.activityTexts), emails \(candidate.emails)"
                    + (candidate.hasNotes ? ", notes" : ""))
        }
        if !report.applied && !report.candidates.isEmpty {
            print("Nothing changed. An admin runs `filon gdpr purge --confirm` to anonymise them.")
        }
    }
}
