import ArgumentParser
import FilonCLI

/// `filon`: the operators' CRM. With no subcommand it opens the full-screen screen; `queue` and
/// `call` serve and record calls from scripts (a dialler, a softphone); `users` and `reassign`
/// are the admin's.
@main
struct Filon: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "filon",
        abstract: "Filon's operator screen, and the call queue for scripts.",
        subcommands: [
            OpenCommand.self, QueueCommand.self, CallCommand.self, KeysCommand.self, UsersCommand.self,
            ReassignCommand.self,
            ReportCommand.self,
            DuplicatesCommand.self, MergeCommand.self, UnmergeCommand.self, ArchiveCommand.self, RestoreCommand.self,
            HistoryCommand.self, NoticeCommand.self, InboundCommand.self, ConsentCommand.self,
            GDPRCommand.self,
        ],
        defaultSubcommand: OpenCommand.self)

    static func main() { runWithFilonExitCodes(name: "filon") }
}
