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

/// Runs the screen's database reads and hands the results back through a mailbox.
/// Everything the UI thread and the worker share is guarded by `condition`.
final class ProspectLoader: @unchecked Sendable {
    enum Request: Hashable, Sendable {
        case version
        case count
        case page(Int)
        case card(siren: Int)
    }

    enum Outcome: Sendable {
        case version(Int)
        case count(Int)
        case page(Int, [Prospect])
        case card(siren: Int, ProspectCard?)
        case failure(Request, String)
    }

    struct Delivery: Sendable {
        var generation: Int
        var outcome: Outcome
    }

    let database: AppDatabase
    let pageSize: Int
    private let queue: DispatchQueue?
    private let condition = NSCondition()
    private var mailbox: [Delivery] = []
    private var outstanding = 0
    private var wantedCard: Int?

    init(database: AppDatabase, pageSize: Int, mode: LoaderMode) {
        self.database = database
        self.pageSize = pageSize
        switch mode {
        case .inline: queue = nil
        case .background: queue = DispatchQueue(label: "filon.tui.loader", qos: .userInitiated)
        }
    }

    /// Queues a read. A card request replaces any card request not started yet.
    func submit(_ request: Request, generation: Int) {
        condition.lock()
        outstanding += 1
        if case .card(let siren) = request { wantedCard = siren }
        condition.unlock()
        let work: @Sendable () -> Void = { [self] in
            let outcome = perform(request)
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
                return .card(siren: siren, try database.card(siren: siren))
            }
        } catch {
            return .failure(request, Self.describe(error))
        }
    }

    static func describe(_ error: any Error) -> String {
        String(describing: error).split(separator: "\n").first.map(String.init) ?? "unknown error"
    }
}
