/// Counts of kill points by where they landed, for the summary line.
struct KillTally {
    private(set) var counts: [String: Int] = [:]
    private(set) var order: [String] = []

    mutating func add(_ label: String) {
        if counts[label] == nil { order.append(label) }
        counts[label, default: 0] += 1
    }

    var total: Int { counts.values.reduce(0, +) }
    var line: String { order.map { "\($0) \(counts[$0]!)" }.joined(separator: ", ") }
}
