/// Two companies that may be one business, and why: what `filon duplicates` lists for an admin,
/// who merges them (`RecordMerge`) or dismisses the pair (`DuplicateFinder.dismiss`).
public struct DuplicateSuggestion: Sendable, Equatable, Codable {
    /// The smaller SIREN.
    public var first: Int
    public var second: Int
    public var firstName: String?
    public var secondName: String?
    public var evidence: [DuplicateEvidence]

    public init(
        first: Int, second: Int, firstName: String? = nil, secondName: String? = nil, evidence: [DuplicateEvidence]
    ) {
        self.first = first
        self.second = second
        self.firstName = firstName
        self.secondName = secondName
        self.evidence = evidence
    }
}
