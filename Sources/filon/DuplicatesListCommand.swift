import ArgumentParser
import FilonCLI
import FilonCore
import FilonTUI
import Foundation

/// `filon duplicates list [--json] [--limit N]` (the default of `filon duplicates`).
struct DuplicatesListCommand: DatabaseCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List likely duplicates, the best evidenced first.")

    @OptionGroup var common: CommonOptions

    @Flag(help: "Print as JSON.")
    var json = false

    @Option(help: "Show at most this many pairs.")
    var limit: Int = 50

    func run() throws {
        guard limit > 0 else { throw CommandFailure.usage("--limit takes a positive number") }
        let database = try common.openDatabase()
        let found = try database.writer.read { try DuplicateFinder().suggestions(limit: limit, $0) }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            // snake_case like the other commands' JSON (filon users list --json).
            encoder.keyEncodingStrategy = .convertToSnakeCase
            print(String(decoding: try encoder.encode(found), as: UTF8.self))
            return
        }
        if found.isEmpty {
            print("No likely duplicates.")
            return
        }
        for suggestion in found {
            print(
                "\(Siren.pad(suggestion.first, 9)) \(TerminalText.clean(suggestion.firstName ?? "?"))  ↔  "
                    + "\(Siren.pad(suggestion.second, 9)) \(TerminalText.clean(suggestion.secondName ?? "?"))")
            for evidence in suggestion.evidence { print("  - \(TerminalText.clean(evidence.detail))") }
        }
        print("Merge with `filon merge LOSER WINNER`, or `filon duplicates dismiss A B` if they are not one business.")
    }
}
