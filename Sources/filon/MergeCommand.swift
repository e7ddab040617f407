import ArgumentParser
import FilonCLI
import FilonCore
import FilonTUI

/// `filon merge LOSER WINNER [--take FIELD=loser …] [--yes]`: merges two records of one business.
struct MergeCommand: DatabaseCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge a duplicate record into another (admins); prints the plan without --yes.",
        discussion: """
            The loser's activities, follow-ups, contact points and queued emails move to the winner; its \
            "ne plus contacter" goes with them; the loser is archived with a pointer to the winner. Prospect \
            fields keep the winner's value unless --take FIELD=loser says otherwise (fields: status, owner, \
            notes, tier, score; notes are both sides' unless one is taken). Without --yes nothing changes: \
            the plan is printed. Undo with `filon unmerge MERGE_ID`.
            """)

    @OptionGroup var common: CommonOptions

    @Argument(help: "The record merged away (archived afterwards).") var loser: String
    @Argument(help: "The record kept.") var winner: String

    @Option(
        help: ArgumentHelp(
            "Take this field from the loser, or the winner (FIELD=loser|winner).", valueName: "field=side"))
    var take: [String] = []

    @Flag(help: "Merge; without it the plan is printed and nothing changes.")
    var yes = false

    func run() throws {
        let (l, w) = (try QualityRefusal.siren(loser), try QualityRefusal.siren(winner))
        var choices: [RecordMergeField: RecordMergeSide] = [:]
        for text in take {
            let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let field = RecordMergeField(rawValue: parts[0]),
                let side = RecordMergeSide(rawValue: parts[1])
            else {
                throw CommandFailure.usage(
                    "--take \(text): write FIELD=loser or FIELD=winner, FIELD one of "
                        + RecordMergeField.allCases.map(\.rawValue).joined(separator: ", "))
            }
            choices[field] = side
        }
        let environment = common.environment
        let database = try common.openDatabase()
        let plan = try QualityRefusal.run {
            try database.writer.write { db -> RecordMergePlan in
                let admin = try OperatorIdentity.adminID(to: "merge records", environment: environment, db)
                let merge = RecordMerge()
                guard yes else {
                    try Permissions.requireAdmin(admin, to: "merge records", db)
                    return try merge.plan(loser: l, into: w, choices: choices, db)
                }
                return try merge.merge(loser: l, into: w, choices: choices, by: admin, db)
            }
        }
        Self.print(plan)
        if let id = plan.mergeID {
            Swift.print("Merged (merge \(id)). Undo with `filon unmerge \(id)`.")
        } else {
            Swift.print("Nothing changed: add --yes to merge.")
        }
    }

    static func print(_ plan: RecordMergePlan) {
        Swift.print(
            "\(Siren.pad(plan.loser, 9)) \(TerminalText.clean(plan.loserName ?? "?")) → "
                + "\(Siren.pad(plan.winner, 9)) \(TerminalText.clean(plan.winnerName ?? "?"))")
        for choice in plan.fields {
            let from = choice.side.map { "(\($0.rawValue))" } ?? "(both)"
            func shown(_ text: String?) -> String {
                TerminalText.clean(text ?? "—").replacingOccurrences(of: "\n", with: " / ")
            }
            Swift.print(
                "  \(choice.field.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0)) \(shown(choice.kept)) \(from)"
                    + "   winner: \(shown(choice.winnerValue)), loser: \(shown(choice.loserValue))")
        }
        Swift.print(
            "  moves \(plan.activities) activities, \(plan.followUps) follow-ups, \(plan.contactPointsMoved) contact "
                + "points (\(plan.contactPointsMerged) already on the winner), \(plan.emails) emails, \(plan.notices) privacy notices, "
                + "\(plan.suppressions) \"ne plus contacter\" entries")
    }
}
