import FilonCore

/// What one imported file (or zip member) gave.
public struct ImportSummary: Sendable, Codable, Equatable {
    public var path: String
    public var member: String?
    public var kind: SireneFileKind
    public var run: Int
    public var counts: RunCounts
    public var seconds: Double
    /// The first rejected lines, for the person who ran the import.
    public var issues: [RunIssue]

    public var rowsPerSecond: Double { seconds > 0 ? Double(counts.read) / seconds : 0 }
    public var name: String { SireneInput.displayName(path: path, member: member) }
}

/// Where a long import stands, for a progress line.
public struct ImportProgress: Sendable {
    public var name: String
    public var counts: RunCounts
    public var bytesRead: Int64
    public var bytesTotal: Int64?
    public var seconds: Double
}
