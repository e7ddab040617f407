import Foundation

/// Durations of one measured step, in milliseconds, and their percentiles.
struct Latencies {
    private(set) var values: [Double] = []

    var count: Int { values.count }
    var max: Double { values.max() ?? 0 }

    /// Runs `body` and records how long it took; returns what it returned.
    @discardableResult
    mutating func time<T>(_ body: () throws -> T) rethrows -> T {
        let started = ContinuousClock.now
        let result = try body()
        append(Self.milliseconds(since: started))
        return result
    }

    mutating func append(_ milliseconds: Double) { values.append(milliseconds) }

    mutating func append(_ other: Latencies) { values += other.values }

    /// The nearest-rank percentile (`p` from 0 to 1).
    func percentile(_ p: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        return sorted[Swift.min(sorted.count - 1, Swift.max(0, Int((Double(sorted.count) * p).rounded(.up)) - 1))]
    }

    static func milliseconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
    }
}
