import ArgumentParser
import FilonCLI
import FilonCore
import FilonTUI
import Foundation

/// `filon queue [--next] [--json]`: the operator's call queue, in order; with `--next`, the first
/// prospect is reserved for them (15 minutes) and printed alone.
struct QueueCommand: DatabaseCommand {
    static let configuration = CommandConfiguration(
        commandName: "queue", abstract: "Show your call queue, or reserve the next prospect with --next.")

    @OptionGroup var common: CommonOptions

    @Option(name: .customLong("as"), help: ArgumentHelp("Work as this CRM user.", valueName: "login"))
    var login: String?

    @Flag(help: "Reserve the first prospect and print it alone.")
    var next = false

    @Option(help: "How many to list.")
    var limit = 20

    @Flag(help: "Print as JSON.")
    var json = false

    func run() throws {
        let config = try common.loadConfig()
        let database = try common.openDatabase()
        let user = try OperatorIdentity.user(login: login, environment: common.environment, database)
        let queue = CallQueue(policy: CallingPolicy(settings: config.calling))
        let items =
            next
            ? try database.writer.write { try queue.reserveNext(for: user, $0) }.map { [$0] } ?? []
            : try database.writer.read { try queue.items(for: user, limit: limit, $0) }
        if json {
            let rows = items.map { item in
                [
                    "siren": Siren.pad(item.siren, 9), "name": item.name ?? "", "reason": item.reason.rawValue,
                    "tier": item.tier ?? "", "score": String(item.score),
                ]
            }
            let data = try JSONSerialization.data(withJSONObject: rows, options: [.sortedKeys])
            print(String(decoding: data, as: UTF8.self))
            return
        }
        if items.isEmpty { print(next ? "Nothing to call now." : "Your queue is empty now.") }
        for item in items {
            print(
                "\(Siren.format(siren: item.siren))  \(item.tier ?? "-")  \(String(format: "%3d", item.score))  "
                    + "\(item.reason.rawValue.padding(toLength: 17, withPad: " ", startingAt: 0))  "
                    + TerminalText.clean(item.name ?? "(nom non diffusé)"))
        }
    }
}
