import Foundation

/// Runs the parsing side of an import on a thread of its own while the caller writes to SQLite:
/// the two halves of the work then use both cores. Batches go round between a free list and a
/// ready list under one lock; the reader and the preparer are only touched by the parsing thread.
final class RecordPipeline: @unchecked Sendable {
    static let maxRecordBytes = 1 << 20

    private let preparer: SireneRowPreparer
    private let reader: CSVRecordReader
    private let condition = NSCondition()
    private var free: [PreparedBatch]
    private var ready: [PreparedBatch] = []
    private var finished = false
    private var failure: (any Error)?
    private var stopping = false
    private let done = DispatchSemaphore(value: 0)
    private var started = false

    init(preparer: SireneRowPreparer, reader: CSVRecordReader, batches: Int = 3, rowsPerBatch: Int = 2048) {
        self.preparer = preparer
        self.reader = reader
        free = (0..<batches).map { _ in
            PreparedBatch(
                width: preparer.headerCount, columns: preparer.layout.columns.count, capacity: rowsPerBatch,
                arenaCapacity: 2 * Self.maxRecordBytes)
        }
    }

    func start() {
        started = true
        let thread = Thread { [self] in produce() }
        thread.name = "filon-sirene-parser"
        thread.start()
    }

    /// The next prepared batch, nil at the end of the input; rethrows a reading error.
    func next() throws -> PreparedBatch? {
        condition.lock()
        defer { condition.unlock() }
        while ready.isEmpty && !finished { condition.wait() }
        if !ready.isEmpty { return ready.removeFirst() }
        if let failure { throw failure }
        return nil
    }

    /// Gives a batch back once its rows are written.
    func recycle(_ batch: PreparedBatch) {
        condition.lock()
        free.append(batch)
        condition.signal()
        condition.unlock()
    }

    /// Stops the parsing thread (at the end, or when writing failed) and waits for it to exit.
    func stop() {
        guard started else { return }
        condition.lock()
        stopping = true
        condition.broadcast()
        condition.unlock()
        done.wait()
        started = false
    }

    private func produce() {
        defer { done.signal() }
        while true {
            condition.lock()
            while free.isEmpty && !stopping { condition.wait() }
            if stopping {
                condition.unlock()
                return
            }
            let batch = free.removeLast()
            condition.unlock()
            do {
                let ended = try preparer.fill(batch, from: reader, maxRecordBytes: Self.maxRecordBytes)
                condition.lock()
                if batch.isEmpty { free.append(batch) } else { ready.append(batch) }
                if ended { finished = true }
                condition.broadcast()
                condition.unlock()
                if ended { return }
            } catch {
                // The rows read before the error are still written; then the error is raised.
                condition.lock()
                if batch.isEmpty { free.append(batch) } else { ready.append(batch) }
                failure = error
                finished = true
                condition.broadcast()
                condition.unlock()
                return
            }
        }
    }
}
