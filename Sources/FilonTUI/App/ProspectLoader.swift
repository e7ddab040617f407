import Dispatch
import FilonCore
import Foundation

/// How the loader runs database reads.
public enum LoaderMode: Sendable {
    /// At once, on the calling thread: deterministic, for tests.
    case inline
    /// On a background queue; results wait in a mailbox the UI thread drains at each tick, so a
    /// slow count over millions of rows never freezes the screen.
    case background
}

/// Runs the screen's database reads and writes and hands the results back through a mailbox.
/// Reads and writes go through one serial queue, so a write's result arrives after the reads
/// submitted before it. Everything the UI thread and the worker share is guarded by `condition`.
final class ProspectLoader: @unchecked Sendable {
    enum Request: Hashable, Sendable {
        case version
        case count
        case page(Int)
        case card(siren: Int)
        case queue
        case summary
        case view(WorkView)
        case team
        case report
    }

    enum Outcome: Sendable {
        case version(Int)
        case count(Int)
        case page(Int, [Prospect])
        case card(siren: Int, ProspectDetail?)
        case queue([QueueRow])
        case summary(HeaderSummary)
        case view(WorkView, [ViewRow])
        case team([UserWorkload])
        case report(TeamReport)
        case failure(Request, String)
        /// A write's result, with the queue read right after it (queue mode), so that the screen
        /// never shows the result beside the queue from before.
        case written(WriteRequest, WriteResult, queue: [QueueRow]?)
        /// What became of an email sent from the outbox.
        case mailed(address: String, EmailDelivery)
    }

    struct Delivery: Sendable {
        var generation: Int
        var outcome: Outcome
    }

    let store: OperatorStore
    var database: AppDatabase { store.database }
    let pageSize: Int
    private let queue: DispatchQueue?
    /// Sends go apart from reads: an SMTP server that takes its time does not hold up the screen.
    private let mailQueue: DispatchQueue?
    private let condition = NSCondition()
    private var mailbox: [Delivery] = []
    private var outstanding = 0
    private var wantedCard: Int?
    private var wantedView: WorkView?

    init(store: OperatorStore, pageSize: Int, mode: LoaderMode) {
        self.store = store
        self.pageSize = pageSize
        switch mode {
        case .inline:
            queue = nil
            mailQueue = nil
        case .background:
            queue = DispatchQueue(label: "filon.tui.loader", qos: .userInitiated)
            mailQueue = DispatchQueue(label: "filon.tui.mail", qos: .utility)
        }
    }

    /// Queues a read. A card request replaces any card request not started yet, and a view
    /// request any view request (a search keystroke the previous one).
    func submit(_ request: Request, generation: Int) {
        condition.lock()
        switch request {
        case .card(let siren): wantedCard = siren
        case .view(let view): wantedView = view
        default: break
        }
        condition.unlock()
        enqueue(generation: generation) { [self] in perform(request) }
    }

    /// Queues a write. Its result always comes back, a database error as a refusal.
    func submit(write request: WriteRequest, generation: Int) {
        enqueue(generation: generation) { [store] in
            let result: WriteResult
            do {
                result = try store.perform(request)
            } catch {
                result = .refused(Self.describe(error), changedMeanwhile: false)
            }
            let queue = store.session.hasQueue ? try? store.queue() : nil
            return .written(request, result, queue: queue)
        }
    }

    /// Sends the outbox message `id` through `service`. Its result always comes back.
    func submit(mailID id: Int, address: String, service: MailService, generation: Int) {
        enqueue(generation: generation, on: mailQueue) {
            do {
                return .mailed(address: address, try service.send(id))
            } catch {
                return .mailed(address: address, .willRetry(Self.describe(error)))
            }
        }
    }

    private func enqueue(generation: Int, _ body: @escaping @Sendable () -> Outcome?) {
        enqueue(generation: generation, on: queue, body)
    }

    private func enqueue(generation: Int, on queue: DispatchQueue?, _ body: @escaping @Sendable () -> Outcome?) {
        condition.lock()
        outstanding += 1
        condition.unlock()
        let work: @Sendable () -> Void = { [self] in
            let outcome = body()
            condition.lock()
            outstanding -= 1
            if let outcome { mailbox.append(Delivery(generation: generation, outcome: outcome)) }
            condition.broadcast()
            condition.unlock()
        }
        if let queue { queue.async(execute: work) } else { work() }
    }

    /// Results delivered since the last call, in the order they were produced.
    func drain() -> [Delivery] {
        condition.lock()
        defer { condition.unlock() }
        let delivered = mailbox
        mailbox.removeAll()
        return delivered
    }

    /// Whether reads are queued or running.
    var isBusy: Bool {
        condition.lock()
        defer { condition.unlock() }
        return outstanding > 0
    }

    /// Waits until no read is queued or running, or `timeout` seconds have passed.
    @discardableResult
    func waitUntilIdle(timeout: TimeInterval) -> Bool {
        let deadline = Date(timeIntervalSinceNow: timeout)
        condition.lock()
        defer { condition.unlock() }
        while outstanding > 0 {
            if !condition.wait(until: deadline) { return outstanding == 0 }
        }
        return true
    }

    private func perform(_ request: Request) -> Outcome? {
        do {
            switch request {
            case .version:
                return .version(try database.dataVersion())
            case .count:
                return .count(try database.prospectCount())
            case .page(let index):
                return .page(index, try database.newestProspects(limit: pageSize, offset: index * pageSize))
            case .card(let siren):
                condition.lock()
                let stillWanted = wantedCard == siren
                condition.unlock()
                // The selection moved on before this read started: skip it.
                guard stillWanted else { return nil }
                return .card(siren: siren, try store.detail(siren: siren))
            case .queue:
                return .queue(try store.queue())
            case .summary:
                return .summary(try store.summary())
            case .view(let view):
                condition.lock()
                let stillWanted = wantedView == view
                condition.unlock()
                guard stillWanted else { return nil }
                return .view(view, try store.rows(for: view))
            case .team:
                return .team(try store.team())
            case .report:
                return .report(try store.report())
            }
        } catch {
            return .failure(request, Self.describe(error))
        }
    }

    static func describe(_ error: any Error) -> String {
        String(describing: error).split(separator: "\n").first.map(String.init) ?? "unknown error"
    }
}
