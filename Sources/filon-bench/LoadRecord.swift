import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One line of an operator worker's log (`filon-bench load-operator`): what it did, to which
/// prospect, with the clock the core saw and when it started and ended on the machine's
/// monotonic clock (shared by every process, so that the parent can lay workers side by side).
struct LoadRecord: Equatable {
    enum Kind: String, CaseIterable {
        case open, take, card, note
        case followUp = "follow_up"
        case outcome
    }

    /// How it ended: `refused` and `changed` are the rules' answers (someone else's prospect,
    /// changed since displayed), `busy` a "database is locked" that reached the operator.
    enum Result: String, CaseIterable {
        case ok, empty, refused, changed, busy, error
    }

    var worker: Int
    var user: Int
    var kind: Kind
    var siren: Int
    /// `Timestamp.string` of the clock the store was given for this write.
    var stamp: String
    var start: UInt64
    var end: UInt64
    var result: Result
    /// The note's text, the follow-up's date, the outcome's disposition, or the error.
    var detail: String

    var milliseconds: Double { Double(end &- start) / 1e6 }

    var line: String {
        let clean = detail.map { $0 == "\t" || $0 == "\n" || $0 == "\r" ? " " : $0 }
        return [
            String(worker), String(user), kind.rawValue, String(siren), stamp, String(start), String(end),
            result.rawValue, String(clean),
        ].joined(separator: "\t")
    }

    init(
        worker: Int, user: Int, kind: Kind, siren: Int, stamp: String, start: UInt64, end: UInt64, result: Result,
        detail: String
    ) {
        self.worker = worker
        self.user = user
        self.kind = kind
        self.siren = siren
        self.stamp = stamp
        self.start = start
        self.end = end
        self.result = result
        self.detail = detail
    }

    init?(line: Substring) {
        let fields = line.split(separator: "\t", maxSplits: 8, omittingEmptySubsequences: false)
        guard fields.count == 9, let worker = Int(fields[0]), let user = Int(fields[1]),
            let kind = Kind(rawValue: String(fields[2])), let siren = Int(fields[3]), let start = UInt64(fields[5]),
            let end = UInt64(fields[6]), let result = Result(rawValue: String(fields[7]))
        else { return nil }
        self.init(
            worker: worker, user: user, kind: kind, siren: siren, stamp: String(fields[4]), start: start, end: end,
            result: result, detail: String(fields[8]))
    }

    /// Nanoseconds on CLOCK_MONOTONIC: one clock for every process of the machine.
    static func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }
}

/// Appends log lines to a file, in 64 KiB writes: a worker at full speed must not wait on its log.
final class LoadLogWriter {
    private let handle: FileHandle
    private var buffer = ""

    init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil),
            let handle = FileHandle(forWritingAtPath: path)
        else { throw BenchError("cannot write the log \(path)") }
        self.handle = handle
    }

    func append(_ record: LoadRecord) {
        buffer += record.line
        buffer += "\n"
        if buffer.utf8.count >= 1 << 16 { flush() }
    }

    func flush() {
        handle.write(Data(buffer.utf8))
        buffer.removeAll(keepingCapacity: true)
    }

    func close() {
        flush()
        try? handle.close()
    }
}
