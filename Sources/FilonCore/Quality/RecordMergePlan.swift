/// What a merge of two records does (or did): for each chosen field both values and the one
/// kept, and how many rows move to the winner. `filon merge` prints it before asking for --yes.
public struct RecordMergePlan: Sendable, Equatable {
    public struct FieldChoice: Sendable, Equatable {
        public var field: RecordMergeField
        public var winnerValue: String?
        public var loserValue: String?
        public var kept: String?
        /// Which side the value comes from; nil for notes kept from both.
        public var side: RecordMergeSide?
    }

    public var loser: Int
    public var winner: Int
    public var loserName: String?
    public var winnerName: String?
    public var fields: [FieldChoice] = []
    public var activities = 0
    public var followUps = 0
    /// Contact points moved, and those the winner already had (dropped, their opt-out kept).
    public var contactPointsMoved = 0
    public var contactPointsMerged = 0
    public var emails = 0
    /// Article 14 notices given to the loser.
    public var notices = 0
    public var suppressions = 0
    /// Set once merged: what `undo` takes.
    public var mergeID: Int?
}
