import ArgumentParser
import FilonCLI

/// The daemon's command line: the scheduled pipeline and the commands it is made of.
@main
struct Filond: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "filond",
        abstract: "Filon's daemon: finds, imports and updates French companies.",
        subcommands: [RunCommand.self, ImportCommand.self, EnrichCommand.self, IndexCommand.self, StatusCommand.self])

    static func main() { runWithFilonExitCodes(name: "filond") }
}
