import ArgumentParser
import FilonCLI
import FilonCore
import FilonSources
import Foundation
import Logging

/// `filond enrich SIREN… [--provider ID]`: enriches these companies now, whatever their score and
/// however fresh their data; daily budgets and credits still apply.
struct EnrichCommand: DatabaseCommand {
    static let configuration = CommandConfiguration(
        commandName: "enrich",
        abstract: "Enrich these companies now, whatever their score (daily budgets still apply).")

    @OptionGroup var common: CommonOptions

    @Option(help: "Only this provider (e.g. website_audit, google_places, pappers).")
    var provider: String?

    @Argument(help: "SIRENs (9 digits, spaces allowed).")
    var sirens: [String]

    func run() throws {
        let ids = try sirens.map { text in
            let digits = text.filter { !$0.isWhitespace }
            guard digits.count == 9, Siren.isValid(digits), let siren = Int(digits) else {
                throw CommandFailure.usage("\(text) is not a SIREN: 9 digits that pass the Luhn check")
            }
            return siren
        }
        var only: ProviderID?
        if let provider {
            guard let id = ProviderID(rawValue: provider) else {
                throw CommandFailure.usage(
                    "unknown provider \(provider); expected one of: "
                        + ProviderID.allCases.map(\.rawValue).joined(separator: ", "))
            }
            only = id
        }
        let level = try LogSetup.level(environment: common.environment)
        let config = try common.loadConfig()
        let database = try common.openDatabase()
        LogSetup.bootstrap(level: level)
        let unknown = try database.writer.read { db in
            try ids.filter {
                try !Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM company WHERE siren = ?)", arguments: [$0])!
            }
        }
        if !unknown.isEmpty {
            throw CommandFailure.usage(
                "not in the database: " + unknown.map { Siren.format(siren: $0) }.joined(separator: ", ")
                    + "; import or detect them first")
        }
        let stage = EnrichmentStage(database: database, config: config, logger: Logger(label: "filond"))
        let request = EnrichmentStage.Request(sirens: ids, provider: only)
        let outcomes = try BlockingWait.run { await stage.run(request, stop: StopSignal()) }
        if outcomes.isEmpty { print("No provider ran: every provider is disabled.") }
        for outcome in outcomes { print(DaemonService.line(outcome)) }
        if outcomes.contains(where: { $0.status == .failed }) {
            throw CommandFailure.runtime("a provider failed (see above and `filond status`); the others' work is saved")
        }
    }
}
