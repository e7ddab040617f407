import ArgumentParser
import FilonCLI
import FilonCore
import Foundation

/// `filon gdpr suppress`: records an objection that arrived outside the screen (a STOP reply, a
/// letter, a call to the switchboard) so that no call, email or paid enrichment reaches it again.
struct GDPRSuppressCommand: DatabaseCommand {
    static let configuration = CommandConfiguration(
        commandName: "suppress",
        abstract: "Put an email, phone or SIREN on the \"ne plus contacter\" list (an objection).",
        discussion: """
            Any active CRM user may record an objection: it must be honoured whoever hears it. \
            Emails and phones are stored as hashes only; a SIREN makes the whole company \
            "ne plus contacter". The entry is written to the audit log.
            """)

    @OptionGroup var common: CommonOptions

    @Option(help: "An email address that objected.")
    var email: String?

    @Option(help: "A phone number that objected.")
    var phone: String?

    @Option(help: "A company (SIREN) that objected.")
    var siren: String?

    @Option(help: "Why, in a few words (\"STOP reply\", \"letter of 2 Dec\").")
    var reason: String?

    func run() throws {
        let entries: [(SuppressionKind, String)] = [(.email, email), (.phone, phone), (.siren, siren)].compactMap {
            kind, value in value.map { (kind, $0) }
        }
        guard !entries.isEmpty else {
            throw CommandFailure.usage("give what objected: --email E, --phone P and/or --siren S")
        }
        for (kind, value) in entries where kind.normalize(value).isEmpty {
            throw CommandFailure.usage("\(value) is not a usable \(kind.rawValue)")
        }
        if let siren, !Siren.isValid(siren.filter { $0 != " " }) {
            throw CommandFailure.usage("\(siren) is not a SIREN: give its nine digits")
        }
        let environment = common.environment
        let database = try common.openDatabase()
        let userID = try OperatorIdentity.user(login: nil, environment: environment, database)
        let reason = reason ?? "objection recorded by \(OperatorIdentity.osLogin(environment: environment))"
        let added = try GDPRRefusal.run {
            try database.writer.write { db in
                try entries.map { kind, value in
                    try SuppressionList().recordObjection(kind, value, reason: reason, by: userID, db)
                }
            }
        }
        for ((kind, value), new) in zip(entries, added) {
            print(
                new
                    ? "\(kind.rawValue) \(value): on the list now."
                    : "\(kind.rawValue) \(value): was already on the list.")
        }
    }
}
