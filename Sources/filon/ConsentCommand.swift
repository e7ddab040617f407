import ArgumentParser
import FilonCLI
import FilonCore
import Foundation

/// `filon consent SIREN ADDRESS`: records that the person behind a consumer mailbox (gmail.com,
/// orange.fr…) agreed to receive emails (RGPD R1); until then the outbox refuses the address.
struct ConsentCommand: DatabaseCommand {
    static let configuration = CommandConfiguration(
        commandName: "consent", abstract: "Record that a person agreed to emails at a personal mailbox (RGPD).")

    @OptionGroup var common: CommonOptions

    @Option(name: .customLong("as"), help: ArgumentHelp("Work as this CRM user.", valueName: "login"))
    var login: String?

    @Argument(help: "The prospect's SIREN.")
    var siren: String

    @Argument(help: "The address they agreed to be written at.")
    var address: String

    func run() throws {
        let number = try SirenText.parse(siren)
        let database = try common.openDatabase()
        let user = try OperatorIdentity.user(login: login, environment: common.environment, database)
        let now = Date()
        do {
            try database.writer.write { db in
                try EmailConsent.record(siren: number, address: address, userID: user, at: now, now: now, db)
            }
        } catch let error as ContactRecordError {
            throw CommandFailure.usage(error.description)
        } catch let error as EmailError {
            throw CommandFailure.usage(error.description)
        } catch let error as ActionError {
            throw CommandFailure.runtime(error.description)
        }
        print(
            "\(Siren.format(siren: number)): consent to emails at \(address) recorded at \(Timestamp.string(now))"
                + " (\(EmailKind.of(address).label)).")
    }
}
