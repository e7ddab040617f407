/// Why archiving or restoring a record was refused, in words that say what to do.
public enum ArchiveError: Error, Equatable, CustomStringConvertible {
    case unknownCompany(Int)
    case alreadyArchived(Int, since: String)
    case notArchived(Int)
    /// A merged record comes back by undoing its merge, which also takes back what moved.
    case merged(Int, into: Int)

    public var description: String {
        switch self {
        case .unknownCompany(let siren): return "no company \(Siren.format(siren: siren)): check the SIREN"
        case .alreadyArchived(let siren, let since):
            return
                "\(Siren.format(siren: siren)) is already archived (since \(since)); filon restore \(siren) brings it back"
        case .notArchived(let siren): return "\(Siren.format(siren: siren)) is not archived: nothing to restore"
        case .merged(let siren, let into):
            return "\(Siren.format(siren: siren)) was merged into \(Siren.format(siren: into)): undo the merge instead "
                + "(filon unmerge MERGE_ID), which also takes back what moved"
        }
    }
}
