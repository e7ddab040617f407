/// Why a merge or its undo was refused, in words that say what to do.
public enum RecordMergeError: Error, Equatable, CustomStringConvertible {
    case sameRecord(Int)
    case unknownCompany(Int)
    case archivedWinner(Int)
    case alreadyMerged(loser: Int, into: Int)
    case unknownMerge(Int)
    case alreadyUndone(Int)
    /// A record changed after the merge (a call, a reassignment…): undo would overwrite it.
    case changedSinceMerge(mergeID: Int, siren: Int)
    /// Another row the merge moved or changed was changed again (moved by a second merge…).
    case rowChangedSinceMerge(mergeID: Int, table: String, id: Int)

    public var description: String {
        switch self {
        case .sameRecord(let siren):
            return "\(Siren.format(siren: siren)) cannot be merged with itself: name two different SIRENs"
        case .unknownCompany(let siren):
            return "no company \(Siren.format(siren: siren)): check the SIREN (filon duplicates lists candidates)"
        case .archivedWinner(let siren):
            return "\(Siren.format(siren: siren)) is archived: restore it first (filon restore \(siren)) "
                + "or merge into the other record"
        case .alreadyMerged(let loser, let into):
            return "\(Siren.format(siren: loser)) was already merged into \(Siren.format(siren: into)): "
                + "undo that merge first (filon unmerge) or merge \(into) instead"
        case .unknownMerge(let id):
            return "no merge \(id): the merge ids are in the audit log and in `filon merge`'s output"
        case .alreadyUndone(let id): return "merge \(id) was already undone"
        case .changedSinceMerge(let id, let siren):
            return "\(Siren.format(siren: siren)) changed after merge \(id) (a call, a reassignment…): undoing it "
                + "would overwrite that work; fix the records by hand instead"
        case .rowChangedSinceMerge(let mergeID, let table, let id):
            return "\(table) row \(id) changed after merge \(mergeID): undoing it would overwrite that change; "
                + "fix the records by hand instead"
        }
    }
}
