/// A step of the daemon's pass (a source, a provider, scoring, assignment…) whose latest run
/// failed.
public struct FailedStep: Sendable, Equatable, Codable {
    /// The run's id in the journal (`filond status` shows it).
    public let run: Int
    /// `sirene_api`, `pappers`, `scoring`, `assignment`…
    public let source: String
    /// `pass`, `enrich`, `score`, `assign`, `index` or `send`.
    public let kind: String
    /// When the failed run started, as stored (UTC).
    public let startedAt: String
    /// The error the run recorded.
    public let message: String?

    public init(run: Int, source: String, kind: String, startedAt: String, message: String?) {
        self.run = run
        self.source = source
        self.kind = kind
        self.startedAt = startedAt
        self.message = message
    }
}
