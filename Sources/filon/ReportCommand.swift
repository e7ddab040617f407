import ArgumentParser
import FilonCLI
import FilonCore
import Foundation

/// `filon report [--json] [--since DATE] [--until DATE] [--user LOGIN]`: the dashboard's figures
/// (docs/METRICS.md), as text with sparklines and bars, or as the JSON of `TeamReport`.
struct ReportCommand: DatabaseCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Show the dashboard: detections, calls, rates, statuses, users, alerts.",
        discussion: """
            The period is whole days in French local time, the last \(ReportPeriod.defaultDays) days by default \
            (today included). Statuses, prospects without action, overdue follow-ups and alerts are counted \
            as they stand now. Every figure is defined in docs/METRICS.md.
            """)

    @OptionGroup var common: CommonOptions

    @Flag(help: "Print the report as JSON.")
    var json = false

    @Option(help: ArgumentHelp("The first day, YYYY-MM-DD (default: 29 days before --until).", valueName: "date"))
    var since: String?

    @Option(help: ArgumentHelp("The last day, YYYY-MM-DD (default: today).", valueName: "date"))
    var until: String?

    @Option(help: ArgumentHelp("Only this user's work (their calls, emails, prospects).", valueName: "login"))
    var user: String?

    func run() throws {
        let now = Date()
        let last = try day(until, option: "--until") ?? ReportPeriod.localDay(of: now)
        let first = try day(since, option: "--since") ?? last + (1 - ReportPeriod.defaultDays)
        let config = try common.loadConfig()
        let path = DatabaseLocation.resolve(explicit: common.db, environment: common.environment)
        guard FileManager.default.fileExists(atPath: path) else {
            throw CommandFailure.runtime(
                "no database at \(path): import companies first (filond import sirene FILE… --db \(path)), "
                    + "or pass --db PATH")
        }
        let database = try common.openDatabase()
        let viewer = OperatorIdentity.osLogin(environment: common.environment)
        let scope: String?
        do {
            scope = try database.writer.read { try Permissions.reportScope(viewer: viewer, requested: user, $0) }
        } catch let error as PermissionError {
            throw CommandFailure.runtime("\(error)")
        }
        let period: ReportPeriod
        do {
            period = try ReportPeriod(since: first, until: last, user: scope)
        } catch {
            throw CommandFailure.usage("--since \(first.text) --until \(last.text): \(error)")
        }
        let builder = ReportBuilder(period: period, calling: config.calling, daemon: config.daemon, now: now)
        let report: TeamReport
        do {
            if try database.writer.read(ReportBuilder.lacksCompanyIndex) {
                FileHandle.standardError.write(
                    Data(
                        ("filon: note: the companies' index by run is not built yet (a first import leaves it to "
                            + "the daemon): this report reads every company; the next `filond run` builds it\n").utf8))
            }
            report = try database.writer.read { try builder.build($0) }
        } catch let error as ReportError {
            throw CommandFailure.usage("--user \(user ?? ""): \(error)")
        } catch {
            throw CommandFailure.runtime("cannot read the report from \(path): \(error)")
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            print(ReportText.render(report, width: Self.terminalWidth()), terminator: "")
        }
    }

    /// A day typed as YYYY-MM-DD; nil when the option was not given.
    private func day(_ text: String?, option: String) throws -> CalendarDay? {
        guard let text else { return nil }
        guard text.count == 10, let day = CalendarDay(text) else {
            throw CommandFailure.usage("\(option) \(text) is not a day: write it as YYYY-MM-DD, like 2026-12-01")
        }
        return day
    }

    /// `$COLUMNS` when set (shells export it to scripts only on request), else 80.
    private static func terminalWidth() -> Int {
        ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init).map { max(40, $0) } ?? 80
    }
}
