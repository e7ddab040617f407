import ArgumentParser
import FilonCLI
import FilonCore
import Foundation

/// `filon notice SIREN --channel call [--to NAME] [--version V]`: records that the article 14
/// notice was given (RGPD R3), typically said at the start of a call that reached someone. An
/// email sent with the notice's link is recorded by the outbox itself.
struct NoticeCommand: DatabaseCommand {
    static let configuration = CommandConfiguration(
        commandName: "notice", abstract: "Record that a prospect was given the privacy notice (RGPD art. 14).")

    @OptionGroup var common: CommonOptions

    @Option(name: .customLong("as"), help: ArgumentHelp("Work as this CRM user.", valueName: "login"))
    var login: String?

    @Argument(help: "The prospect's SIREN.")
    var siren: String

    @Option(help: "How it was given: \(NoticeChannel.allCases.map(\.rawValue).joined(separator: ", ")).")
    var channel: String

    @Option(help: "Who was told: a name, an address or a number.")
    var to: String?

    @Option(help: ArgumentHelp("The notice's text version (default: \(PrivacyNotice.currentVersion)).", valueName: "v"))
    var version: String?

    func run() throws {
        let number = try SirenText.parse(siren)
        guard let noticeChannel = NoticeChannel(rawValue: channel) else {
            throw CommandFailure.usage(
                "unknown channel \(channel); expected one of: "
                    + NoticeChannel.allCases.map(\.rawValue).joined(separator: ", "))
        }
        let database = try common.openDatabase()
        let user = try OperatorIdentity.user(login: login, environment: common.environment, database)
        let now = Date()
        do {
            _ = try database.writer.write { db in
                try PrivacyNotice.record(
                    siren: number, channel: noticeChannel, userID: user, at: now, now: now,
                    version: version ?? PrivacyNotice.currentVersion, recipient: to, db)
            }
        } catch let error as ContactRecordError {
            throw CommandFailure.usage(error.description)
        } catch let error as ActionError {
            throw CommandFailure.runtime("\(error)")
        }
        print(
            "\(Siren.format(siren: number)): privacy notice given by \(noticeChannel.rawValue) at \(Timestamp.string(now))."
        )
    }
}
