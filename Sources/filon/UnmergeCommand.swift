import ArgumentParser
import FilonCLI
import FilonCore

/// `filon unmerge MERGE_ID`: puts both records back as they were before the merge.
struct UnmergeCommand: DatabaseCommand {
    static let configuration = CommandConfiguration(
        commandName: "unmerge", abstract: "Undo a merge: both records exactly as they were before it (admins).")

    @OptionGroup var common: CommonOptions

    @Argument(help: "The merge id `filon merge` printed.") var mergeID: Int

    func run() throws {
        let environment = common.environment
        let database = try common.openDatabase()
        try QualityRefusal.run {
            try database.writer.write { db in
                let admin = try OperatorIdentity.adminID(to: "undo merges", environment: environment, db)
                try RecordMerge().undo(mergeID: mergeID, by: admin, db)
            }
        }
        print("Merge \(mergeID) undone.")
    }
}
