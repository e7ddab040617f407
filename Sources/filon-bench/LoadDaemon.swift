import Foundation

/// The daemon's side of `filon-bench load`: the real `filond` binary, one command after the
/// other on a thread of its own, importing a stock file (new companies, then the same rows
/// changed) and enriching a batch of the operators' prospects against the fake providers, until
/// asked to stop after at least one import and one enrichment.
final class LoadDaemon: @unchecked Sendable {
    struct Step {
        var name: String
        var status: Int32
        var start: UInt64
        var end: UInt64
        var output: String

        var seconds: Double { Double(end &- start) / 1e9 }
    }

    private let filond: String
    private let commands: [(name: String, arguments: [String])]
    private let lock = NSLock()
    private var stopAsked = false
    private var steps: [Step] = []
    private let done = DispatchSemaphore(value: 0)

    /// `stocks`: files imported in turn; `batches`: SIRENs enriched in turn, between imports.
    init(filond: String, db: String, config: String, stocks: [String], batches: [[Int]]) {
        self.filond = filond
        var commands: [(String, [String])] = []
        for index in 0..<max(stocks.count, batches.count) {
            if !stocks.isEmpty {
                let stock = stocks[index % stocks.count]
                commands.append(
                    (
                        "import sirene \((stock as NSString).lastPathComponent)",
                        ["import", "sirene", "--db", db, "--config", config, stock]
                    ))
            }
            if !batches.isEmpty {
                let batch = batches[index % batches.count]
                commands.append(
                    (
                        "enrich \(batch.count) companies",
                        ["enrich", "--db", db, "--config", config] + batch.map { String(format: "%09d", $0) }
                    ))
            }
        }
        self.commands = commands
    }

    func start() {
        Thread.detachNewThread { [self] in
            var index = 0
            var imported = false
            var enriched = false
            while !(lock.withLock { stopAsked }) || !imported || !enriched {
                let (name, arguments) = commands[index % commands.count]
                index += 1
                let start = LoadRecord.now()
                let step: Step
                do {
                    let result = try ChildProcess.run(filond, arguments)
                    step = Step(
                        name: name, status: result.status, start: start, end: LoadRecord.now(), output: result.output)
                } catch {
                    step = Step(name: name, status: -1, start: start, end: LoadRecord.now(), output: "\(error)")
                }
                if name.hasPrefix("import") { imported = true } else { enriched = true }
                lock.withLock { steps.append(step) }
                if step.status == -1 { break }
            }
            done.signal()
        }
    }

    /// Asks it to stop and waits for the command under way.
    func finish() -> [Step] {
        lock.withLock { stopAsked = true }
        done.wait()
        return lock.withLock { steps }
    }
}
