import Foundation

/// Counts the calls to a fake handler, from any of the server's threads.
public final class RequestCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    public init() {}

    /// The number of this call, from 1.
    public func next() -> Int {
        lock.withLock {
            value += 1
            return value
        }
    }
}
