/// A prospect field an admin chooses when merging two records. The rest is not a choice:
/// "ne plus contacter" is kept if either side had it (an objection never disappears in a merge),
/// and call state, attempts and routing stay the winner's.
public enum RecordMergeField: String, CaseIterable, Sendable, Codable {
    /// `pipeline_status`.
    case status
    /// `owner_id`.
    case owner
    /// Both sides' notes, winner's first, unless one side is chosen.
    case notes
    /// `tier`.
    case tier
    /// `score` with its reasons.
    case score
}
