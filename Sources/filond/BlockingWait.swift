import Foundation

/// Filon's commands run synchronously (`runWithFilonExitCodes`) and the daemon's work is async.
enum BlockingWait {
    /// The main thread waits here while `operation` runs on the concurrency pool.
    static func run<T: Sendable>(_ operation: @escaping @Sendable () async throws -> T) throws -> T {
        let result = SharedSlot<Result<T, any Error>>()
        let done = DispatchSemaphore(value: 0)
        Task {
            do {
                result.set(.success(try await operation()))
            } catch {
                result.set(.failure(error))
            }
            done.signal()
        }
        done.wait()
        // Always set before the signal.
        return try result.value!.get()
    }
}
