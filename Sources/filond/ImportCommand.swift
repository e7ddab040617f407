import ArgumentParser
import FilonCLI

/// `filond import …`: loads data files by hand (the scheduled pipeline does it on its own).
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import data files.", subcommands: [ImportSireneCommand.self])
}
