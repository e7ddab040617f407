import Foundation

/// A provider's rate limit as a fake server enforces it: a request that comes sooner than the
/// interval after the previous one is refused (the server answers 429 with Retry-After).
public final class RateGate: @unchecked Sendable {
    private let lock = NSLock()
    private var last: [String: Date] = [:]
    private var refused: [String: Int] = [:]
    private var served: [String: Int] = [:]
    private var first: [String: Date] = [:]
    /// Requests per minute by key (a provider's path prefix).
    public let rates: [String: Int]
    /// Clocks and schedulers jitter: a request up to this share early still passes.
    public let tolerance: Double

    public init(rates: [String: Int], tolerance: Double = 0.1) {
        self.rates = rates
        self.tolerance = tolerance
    }

    /// Whether a request under `key` may be served now; counts it either way.
    public func admit(_ key: String, at now: Date = Date()) -> Bool {
        lock.withLock {
            guard let rate = rates[key], rate > 0 else {
                served[key, default: 0] += 1
                return true
            }
            let interval = 60 / Double(rate) * (1 - tolerance)
            if let previous = last[key], now.timeIntervalSince(previous) < interval {
                refused[key, default: 0] += 1
                return false
            }
            last[key] = now
            if first[key] == nil { first[key] = now }
            served[key, default: 0] += 1
            return true
        }
    }

    /// Requests per minute actually served under `key`, from the first to the last one.
    public func achievedRate(_ key: String) -> Double? {
        lock.withLock {
            guard let first = first[key], let last = last[key], let count = served[key], count > 1,
                last > first
            else { return nil }
            return Double(count - 1) / last.timeIntervalSince(first) * 60
        }
    }

    public var refusals: [String: Int] { lock.withLock { refused } }
    public var servedCounts: [String: Int] { lock.withLock { served } }
}
