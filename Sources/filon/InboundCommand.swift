import ArgumentParser
import FilonCLI
import FilonCore
import Foundation

/// `filon inbound SIREN --channel email [--note …]`: records a contact that came from the
/// prospect (a reply to an email, a call from them), which restarts the 3-year retention clock
/// (RGPD R6). A call of ours where they engaged is counted by the call itself.
struct InboundCommand: DatabaseCommand {
    static let configuration = CommandConfiguration(
        commandName: "inbound", abstract: "Record a contact from the prospect (a reply): restarts the retention clock.")

    @OptionGroup var common: CommonOptions

    @Option(name: .customLong("as"), help: ArgumentHelp("Work as this CRM user.", valueName: "login"))
    var login: String?

    @Argument(help: "The prospect's SIREN.")
    var siren: String

    @Option(help: "How they reached us: \(InboundChannel.allCases.map(\.rawValue).joined(separator: ", ")).")
    var channel: String

    @Option(help: "A note for the history.")
    var note: String?

    func run() throws {
        let number = try SirenText.parse(siren)
        guard let inbound = InboundChannel(rawValue: channel) else {
            throw CommandFailure.usage(
                "unknown channel \(channel); expected one of: "
                    + InboundChannel.allCases.map(\.rawValue).joined(separator: ", "))
        }
        let database = try common.openDatabase()
        let user = try OperatorIdentity.user(login: login, environment: common.environment, database)
        let now = Date()
        do {
            try database.writer.write { db in
                try RetentionPolicy.recordInbound(
                    siren: number, channel: inbound, userID: user, at: now, note: note, now: now, db)
            }
        } catch let error as ContactRecordError {
            throw CommandFailure.usage(error.description)
        } catch let error as ActionError {
            throw CommandFailure.runtime("\(error)")
        }
        print("\(Siren.format(siren: number)): inbound \(inbound.rawValue) recorded at \(Timestamp.string(now)).")
    }
}
