import ArgumentParser
import FilonCLI
import FilonCore
import Foundation

/// `filond index`: brings the operators' search index up to date now, as each daemon pass does.
/// After a first import, so that `/` in the TUI finds companies before the daemon's first pass.
struct IndexCommand: DatabaseCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Bring the search index (name, SIREN, city, director, phone) up to date now.",
        discussion: """
            Each pass of filond run does this on its own; run it after filond import sirene to search \
            at once. It catches up from where it stopped, and resumes an interrupted rebuild.
            """)

    @OptionGroup var common: CommonOptions

    func run() throws {
        let database = try common.openDatabase()
        let started = Date()
        let count = try SearchIndex().refresh(database.writer)
        let seconds = Date().timeIntervalSince(started)
        print(
            "Search index: \(count) compan\(count == 1 ? "y" : "ies") indexed in \(String(format: "%.1f", seconds)) s.")
    }
}
