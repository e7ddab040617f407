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
}
