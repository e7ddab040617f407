import Foundation

/// The figures of `filon-bench load`, from the merged logs of every operator: writes per second
/// and, per kind of action, counts by result and latencies.
struct LoadReport {
    let records: [LoadRecord]
    let startAt: UInt64
    let say: (String) -> Void

    static let writes: Set<LoadRecord.Kind> = [.take, .note, .followUp, .outcome]

    func print() {
        let work = records.filter { $0.kind != .open }
        let last = work.map(\.end).max() ?? startAt
        let elapsed = max(Double(last &- startAt) / 1e9, 0.001)
        let writes = work.filter { Self.writes.contains($0.kind) }
        let done = writes.filter { $0.result == .ok }
        let calls = done.filter { $0.kind == .outcome }.count
        let workers = Set(records.map(\.worker)).count
        say(
            String(
                format: """
                    actions: %d writes in %.1f s by %d operators = %.1f writes/s (%.1f/s successful; %d calls \
                    recorded = %.1f calls/s), plus %d card reads
                    """, writes.count, elapsed, workers, Double(writes.count) / elapsed,
                Double(done.count) / elapsed, calls, Double(calls) / elapsed, work.count - writes.count))
        say(
            "action                     count      ok   empty refused changed    busy   error    p50 ms    p95 ms    max ms"
        )
        let labels: [(LoadRecord.Kind, String)] = [
            (.take, "take next (reserve)"), (.card, "card read (after each write)"), (.note, "note"),
            (.followUp, "follow-up"), (.outcome, "outcome (call recorded)"), (.open, "open the database"),
        ]
        var all = Latencies()
        for (kind, label) in labels {
            let mine = records.filter { $0.kind == kind }
            var times = Latencies()
            for record in mine { times.append(record.milliseconds) }
            if Self.writes.contains(kind) { all.append(times) }
            line(label, mine, times)
        }
        line("all writes", writes, all)
        let failed = records.filter { $0.result == .busy || $0.result == .error }
        let refused = records.filter { $0.result == .refused || $0.result == .changed }
        say("errors by class: " + Self.classes(failed))
        // When the slow ones happened, to lay them beside the daemon's commands below.
        let slow = work.filter { $0.milliseconds >= 2000 || $0.result == .busy }.sorted {
            $0.milliseconds > $1.milliseconds
        }
        if !slow.isEmpty {
            say(
                "waits of 2 s or more, or locked, longest first: "
                    + slow.prefix(12).map {
                        String(
                            format: "%@ %@ +%.1f–%.1f s", $0.kind.rawValue, $0.result.rawValue, offset($0.start),
                            offset($0.end))
                    }.joined(separator: "; ") + (slow.count > 12 ? "; … \(slow.count) in all" : ""))
        }
        say("refusals by the rules (fine): " + Self.classes(refused))
    }

    /// Seconds since the operators started.
    private func offset(_ instant: UInt64) -> Double { (Double(instant) - Double(startAt)) / 1e9 }

    private func line(_ label: String, _ mine: [LoadRecord], _ times: Latencies) {
        func count(_ result: LoadRecord.Result) -> Int { mine.filter { $0.result == result }.count }
        say(
            label.padding(toLength: 26, withPad: " ", startingAt: 0)
                + String(
                    format: "%6d  %6d  %6d  %6d  %6d  %6d  %6d  %8.2f  %8.2f  %8.2f", mine.count, count(.ok),
                    count(.empty), count(.refused), count(.changed), count(.busy), count(.error),
                    times.percentile(0.5), times.percentile(0.95), times.max))
    }

    /// "n× kind: message" for each distinct message, most frequent first.
    static func classes(_ records: [LoadRecord]) -> String {
        guard !records.isEmpty else { return "none" }
        let groups = Dictionary(grouping: records) {
            "\($0.kind.rawValue) \($0.result.rawValue): \($0.detail.prefix(90))"
        }
        return groups.sorted { $0.value.count > $1.value.count }.prefix(8).map { "\($0.value.count)× \($0.key)" }
            .joined(separator: "; ")
    }
}
