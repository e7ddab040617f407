/// How many live prospects stand at one pipeline status.
public struct StatusCount: Sendable, Equatable, Codable {
    public let status: PipelineStatus
    public let count: Int

    public init(status: PipelineStatus, count: Int) {
        self.status = status
        self.count = count
    }
}
