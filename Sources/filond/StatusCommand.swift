import ArgumentParser
import FilonCLI
import FilonCore
import Foundation

/// `filond status [--json]`: what the daemon and the imports did lately.
struct StatusCommand: DatabaseCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show recent runs, their volumes and errors, and what the database holds.")

    @OptionGroup var common: CommonOptions

    @Flag(help: "Print as JSON.")
    var json = false

    @Option(help: "How many recent runs to show.")
    var limit = 10

    func run() throws {
        let database = try common.openDatabase()
        let report = try database.statusReport(runLimit: limit, issueLimit: 5)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
            return
        }
        print(
            "Companies: \(report.companies) (\(report.activeCompanies) active), establishments: \(report.establishments), "
                + "change events: \(report.changeEvents)")
        for source in report.sources {
            print(
                "Source \(source.source): up to \(source.watermark ?? "—")"
                    + (source.cursor.map { ", unfinished pass at \($0)" } ?? "") + " (updated \(source.updatedAt))")
        }
        // Budgets come from the config; a config that cannot be read does not hide the spend.
        let config = try? common.loadConfig()
        if let today = report.spend.first?.day {
            print("Enrichment spend on \(today):")
            for spend in report.spend where spend.day == today {
                let budget = ProviderID(rawValue: spend.provider).flatMap { config?.providers[$0]?.dailyBudget }
                print(
                    "  \(spend.provider): \(spend.credits) credits"
                        + (budget.map { " of \($0)" } ?? "") + ", \(spend.requests) requests, "
                        + "\(spend.companies) companies" + (spend.exhaustedAt.map { ", out of credits at \($0)" } ?? "")
                )
            }
        }
        if report.runs.isEmpty {
            print("No run yet: import data with `filond import sirene FILE…` or start `filond run`.")
        }
        for entry in report.runs {
            let r = entry.run
            let c = r.counts
            print(
                "#\(r.id) \(r.startedAt) \(r.status.rawValue) \(r.source) \(r.kind) \(r.target ?? "")\n"
                    + "    read \(c.read), new \(c.new), changed \(c.changed), unchanged \(c.unchanged), "
                    + "filtered \(c.filtered), rejected \(c.rejected), values dropped \(c.valuesDropped)"
                    + (r.finishedAt.map { ", finished \($0)" } ?? ""))
            if r.kind == "pass" {
                print(
                    "    requests \(r.requests), errors \(r.errors), watermark \(r.watermarkBefore ?? "—") → "
                        + (r.watermarkAfter ?? "—"))
            }
            if let message = r.message { print("    \(message)") }
            for issue in entry.issues { print("    line \(issue.line.map(String.init) ?? "?"): \(issue.message)") }
        }
    }
}
