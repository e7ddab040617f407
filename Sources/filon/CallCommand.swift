import ArgumentParser
import FilonCLI
import FilonCore
import Foundation

/// `filon call SIREN OUTCOME [--note …] [--callback DATE] [--duration SECONDS]`: records a call's
/// outcome, as the screen's one-key outcomes do.
struct CallCommand: DatabaseCommand {
    static let configuration = CommandConfiguration(
        commandName: "call", abstract: "Record a call's outcome (no_answer, voicemail, busy, callback, interested…).")

    @OptionGroup var common: CommonOptions

    @Option(name: .customLong("as"), help: ArgumentHelp("Work as this CRM user.", valueName: "login"))
    var login: String?

    @Argument(help: "The prospect's SIREN.")
    var siren: String

    @Argument(help: "The outcome: \(Disposition.allCases.map(\.rawValue).joined(separator: ", ")).")
    var outcome: String

    @Option(help: "A note for the timeline.")
    var note: String?

    @Option(help: "For a callback: when, as YYYY-MM-DDTHH:MM (local time).")
    var callback: String?

    @Flag(help: "Make the callback shared: anyone of the team may make it.")
    var shared = false

    @Option(help: ArgumentHelp("How long the call lasted, in whole seconds.", valueName: "seconds"))
    var duration: String?

    func run() throws {
        let digits = siren.filter { !$0.isWhitespace }
        guard digits.count == 9, Siren.isValid(digits), let number = Int(digits) else {
            throw CommandFailure.usage("\(siren) is not a SIREN: 9 digits that pass the Luhn check")
        }
        guard let disposition = Disposition(rawValue: outcome) else {
            throw CommandFailure.usage(
                "unknown outcome \(outcome); expected one of: "
                    + Disposition.allCases.map(\.rawValue).joined(separator: ", "))
        }
        var followUp: Date?
        if let callback {
            let formatter = DateFormatter()
            formatter.dateFormat = "yyyy-MM-dd'T'HH:mm"
            formatter.timeZone = TimeZone(identifier: "Europe/Paris")
            guard let date = formatter.date(from: callback) else {
                throw CommandFailure.usage("--callback \(callback) must look like 2026-12-01T14:30")
            }
            followUp = date
        }
        var durationSeconds: Int?
        if let duration {
            guard let seconds = Int(duration.trimmingCharacters(in: .whitespaces)), seconds >= 0 else {
                throw CommandFailure.usage(
                    "--duration \(duration) must be the call's length in whole seconds ≥ 0, like 155 for 2:35")
            }
            durationSeconds = seconds
        }
        let config = try common.loadConfig()
        let database = try common.openDatabase()
        let user = try OperatorIdentity.user(login: login, environment: common.environment, database)
        let queue = CallQueue(policy: CallingPolicy(settings: config.calling))
        do {
            let decision = try database.writer.write { db in
                try queue.record(
                    disposition, siren: number, by: user, note: note, followUp: followUp, shared: shared,
                    durationSeconds: durationSeconds, db)
            }
            let length = durationSeconds.map { " (\(CallTimer.format(seconds: $0)))" } ?? ""
            print("\(Siren.format(siren: number)): \(disposition.label)\(length) — \(decision)")
        } catch let error as CallingPolicyError {
            throw CommandFailure.usage("\(error)")
        } catch let error as QueueError {
            throw CommandFailure.usage("\(error)")
        }
    }
}
