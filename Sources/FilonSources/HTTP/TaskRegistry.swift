import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// What a session delegate keeps for each task in flight (its transfer), found again from the
/// callbacks URLSession makes on its own queue.
final class TaskRegistry<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Int: Value] = [:]

    func register(_ value: Value, for task: URLSessionTask) {
        lock.withLock { values[task.taskIdentifier] = value }
    }

    @discardableResult
    func remove(_ task: URLSessionTask) -> Value? {
        lock.withLock { values.removeValue(forKey: task.taskIdentifier) }
    }

    func value(for task: URLSessionTask) -> Value? {
        lock.withLock { values[task.taskIdentifier] }
    }
}
