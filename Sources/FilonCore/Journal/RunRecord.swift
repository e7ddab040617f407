/// One row of the run journal, as `filond status` shows it.
public struct RunRecord: Sendable, Equatable, Codable {
    public enum Status: String, Sendable, Codable {
        case running, ok, failed, interrupted
    }

    public var id: Int
    public var source: String
    public var kind: String
    public var target: String?
    public var startedAt: String
    public var finishedAt: String?
    public var status: Status
    public var counts: RunCounts
    public var message: String?
    public var issueCount: Int
    /// Incremental sources only: HTTP requests, errors, and the watermark before and after.
    public var requests: Int = 0
    public var errors: Int = 0
    public var watermarkBefore: String?
    public var watermarkAfter: String?
}
