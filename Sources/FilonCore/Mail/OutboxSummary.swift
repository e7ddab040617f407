/// What one round of the outbox sender did.
public struct OutboxSummary: Sendable, Equatable, CustomStringConvertible {
    public var sent = 0
    /// Failed this time, tried again later.
    public var retrying = 0
    /// Given up: refused for good or out of attempts.
    public var failed = 0
    /// Not sent because the prospect or the address objected after it was queued.
    public var blocked = 0

    public init(sent: Int = 0, retrying: Int = 0, failed: Int = 0, blocked: Int = 0) {
        self.sent = sent
        self.retrying = retrying
        self.failed = failed
        self.blocked = blocked
    }

    public var attempted: Int { sent + retrying + failed }

    public var description: String {
        "\(sent) sent, \(retrying) to retry, \(failed) failed, \(blocked) stopped by \"ne plus contacter\""
    }
}
