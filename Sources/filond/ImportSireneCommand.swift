import ArgumentParser
import FilonCLI
import FilonCore
import FilonSources
import Foundation

/// `filond import sirene FILE…`
struct ImportSireneCommand: DatabaseCommand {
    static let configuration = CommandConfiguration(
        commandName: "sirene",
        abstract: "Import Sirene stock files (StockUniteLegale, StockEtablissement), as CSV or the official .zip.",
        discussion: """
            The kind of each file is recognised from its header. Legal units are imported before
            establishments. The [import] filters of the configuration apply. Bad lines are reported
            with their line number and skipped; rerunning an interrupted import completes it.
            """)

    @OptionGroup var common: CommonOptions

    @Option(help: "Rows per transaction.")
    var batchSize = 50_000

    @Flag(help: "Print the summary as JSON.")
    var json = false

    @Argument(help: "CSV or zip files.", completion: .file())
    var files: [String]

    func run() throws {
        do {
            let config = try common.loadConfig()
            let database = try common.openDatabase()
            let importer = SireneImporter(database: database, filter: config.importFilter, batchSize: batchSize)
            let progress = ProgressLine(enabled: isatty(STDERR_FILENO) == 1 && !json)
            let summaries = try importer.importFiles(files) { progress.show($0) }
            progress.clear()
            try printSummaries(summaries)
        } catch let error as SireneImportError {
            throw CommandFailure.usage(error.description)
        } catch let error as InputError {
            throw CommandFailure.usage(error.description)
        } catch let error as CommandFailure {
            throw error
        } catch {
            if let store = StoreError(error, path: common.databasePath) {
                throw CommandFailure.runtime(store.description)
            }
            throw CommandFailure.runtime(
                "import failed: \(error). What was committed is kept; run the command again to complete it.")
        }
    }

    private func printSummaries(_ summaries: [ImportSummary]) throws {
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(summaries), as: UTF8.self))
            return
        }
        for s in summaries {
            let c = s.counts
            print(
                "\(s.name): \(s.kind.rawValue), \(c.read) rows read in \(String(format: "%.1f", s.seconds)) s "
                    + "(\(Int(s.rowsPerSecond)) rows/s): \(c.new) new, \(c.changed) changed, \(c.unchanged) unchanged, "
                    + "\(c.filtered) filtered out, \(c.rejected) rejected, \(c.valuesDropped) bad values dropped")
            for issue in s.issues {
                print("  line \(issue.line.map(String.init) ?? "?"): \(issue.message)")
            }
            if c.rejected > s.issues.count {
                print("  … \(c.rejected - s.issues.count) more rejected lines: see `filond status` (run \(s.run))")
            }
        }
    }
}
