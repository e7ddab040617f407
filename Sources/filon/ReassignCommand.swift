import ArgumentParser
import FilonCLI
import FilonCore
import Foundation

/// `filon reassign SIREN… --to LOGIN`, `filon reassign --from LOGIN [--to LOGIN]`,
/// `filon reassign --rebalance`: an admin moves prospects between people.
struct ReassignCommand: DatabaseCommand {
    static let configuration = CommandConfiguration(
        commandName: "reassign", abstract: "Give prospects to someone else, or rebalance the team (admins).",
        discussion: """
            filon reassign SIREN… --to LOGIN gives these prospects to LOGIN. filon reassign --from LOGIN \
            --to OTHER gives all of LOGIN's open prospects to OTHER; without --to they are spread over the \
            team, each to the least loaded user of its route's role. filon reassign --rebalance moves the \
            prospects nobody has worked yet from those above their fair share of the load to those \
            below. Prospects an operator holds right now, and prospects routed to another role than the \
            new owner's, stay where they are. Every move is journaled with the admin who made it, and \
            pending personal callbacks follow their prospect.
            """)

    @OptionGroup var common: CommonOptions

    @Argument(help: "The prospects' SIRENs.")
    var sirens: [String] = []

    @Option(help: ArgumentHelp("The new owner.", valueName: "login"))
    var to: String?

    @Option(help: ArgumentHelp("Move all of this user's open prospects.", valueName: "login"))
    var from: String?

    @Flag(help: "Move prospects nobody worked yet from the busiest users to the least busy.")
    var rebalance = false

    func run() throws {
        let modes = [!sirens.isEmpty, from != nil, rebalance].filter { $0 }.count
        guard modes == 1 else {
            throw CommandFailure.usage(
                "say what to move: SIREN… --to LOGIN, or --from LOGIN [--to LOGIN], or --rebalance (one of them)")
        }
        if rebalance, to != nil { throw CommandFailure.usage("--rebalance takes no --to: it decides who takes what") }
        if !sirens.isEmpty, to == nil { throw CommandFailure.usage("to whom? add --to LOGIN") }
        let numbers = try sirens.map { text -> Int in
            let digits = text.filter { !$0.isWhitespace }
            guard digits.count == 9, Siren.isValid(digits), let number = Int(digits) else {
                throw CommandFailure.usage("\(text) is not a SIREN: 9 digits that pass the Luhn check")
            }
            return number
        }
        let environment = common.environment
        let database = try common.openDatabase()
        let (summary, reason) = try AdminRefusal.run {
            try database.writer.write { db -> (ReassignmentSummary, String) in
                let admin = try OperatorIdentity.adminID(to: "reassign prospects", environment: environment, db)
                let reassignment = Reassignment()
                if rebalance { return (try reassignment.rebalance(by: admin, db), "rebalance") }
                let target = try to.map { try AdminRefusal.user($0, db).id }
                if let from {
                    let source = try AdminRefusal.user(from, db).id
                    return (try reassignment.reassignAll(from: source, to: target, by: admin, db), "bulk")
                }
                guard let target else { return (ReassignmentSummary(), "manual") }
                return (
                    try reassignment.reassign(sirens: numbers, to: target, by: admin, db),
                    numbers.count == 1 ? "manual" : "bulk"
                )
            }
        }
        Self.print(summary, reason: reason)
        if summary.moved == 0 && !summary.skipped.isEmpty {
            throw CommandFailure.runtime("nothing moved: every prospect asked for stays where it is (see above)")
        }
    }

    /// Who gained and who gave, then what stayed and why.
    static func print(_ summary: ReassignmentSummary, reason: String) {
        if summary.moved == 0 {
            Swift.print(reason == "rebalance" ? "Nothing to move: the team is balanced." : "Nothing moved.")
        } else {
            Swift.print("Moved \(summary.moved) prospect\(summary.moved == 1 ? "" : "s") (\(reason)).")
            let logins = Set(summary.received.keys).union(summary.given.keys).sorted()
            let width = logins.map(\.count).max() ?? 0
            for login in logins {
                let gained = summary.received[login, default: 0]
                let given = summary.given[login, default: 0]
                var parts: [String] = []
                if gained > 0 { parts.append("+\(gained)") }
                if given > 0 { parts.append("−\(given)") }
                Swift.print(
                    "  " + login.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                        + parts.joined(separator: " "))
            }
        }
        if !summary.skipped.isEmpty {
            Swift.print("Left where they are (\(summary.skipped.count)):")
            for skip in summary.skipped { Swift.print("  \(skip)") }
        }
    }
}
