import FilonCore

/// What one pass of the daemon did, source by source (each is also a row of the run journal).
public struct PassReport: Sendable {
    public struct SourceOutcome: Sendable {
        public var source: ProviderID
        public var run: Int?
        public var status: RunRecord.Status
        public var counts: RunCounts
        public var requests: Int
        public var message: String?
    }

    public var sources: [SourceOutcome] = []
    /// What scoring and assignment did, a line each (their runs are in the journal).
    public var decisions: [String] = []
    public var decisionFailed = false
    /// True when a stop request ended the pass early.
    public var stopped = false

    public init() {}

    public var failed: Bool { decisionFailed || sources.contains { $0.status == .failed } }
}
