import Foundation

/// Set when the daemon is asked to stop (SIGTERM, SIGINT): sources check it between pages, commit
/// what they hold with their cursor, and return, so the next pass goes on from there.
public final class StopSignal: Sendable {
    private let lock = NSLock()
    nonisolated(unsafe) private var requested = false

    public init() {}

    public func request() { lock.withLock { requested = true } }

    public var isRequested: Bool { lock.withLock { requested } }
}
