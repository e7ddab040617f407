/// Spaces the requests to one provider at least 60 / ratePerMinute seconds apart, the first one at
/// once. Each caller reserves its slot before sleeping, so concurrent callers queue up in order.
public actor RateLimiter {
    public let ratePerMinute: Int?
    private let clock = ContinuousClock()
    private var nextSlot: ContinuousClock.Instant?

    public init(ratePerMinute: Int?) {
        self.ratePerMinute = ratePerMinute
    }

    /// Returns when the caller may send; throws CancellationError if its task is cancelled meanwhile.
    public func wait() async throws {
        try Task.checkCancellation()
        guard let rate = ratePerMinute, rate > 0 else { return }
        let interval = Duration.seconds(60.0 / Double(rate))
        let now = clock.now
        let slot = max(now, nextSlot ?? now)
        nextSlot = slot + interval
        if slot > now { try await Task.sleep(until: slot, clock: clock) }
    }
}
