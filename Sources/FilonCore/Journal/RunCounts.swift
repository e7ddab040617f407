/// The volumes of one run: what it read and what became of each row.
public struct RunCounts: Sendable, Equatable, Codable {
    public var read = 0
    public var new = 0
    public var changed = 0
    public var unchanged = 0
    public var rejected = 0
    public var filtered = 0
    public var valuesDropped = 0

    public init() {}

    public static func + (a: RunCounts, b: RunCounts) -> RunCounts {
        var sum = a
        sum.read += b.read
        sum.new += b.new
        sum.changed += b.changed
        sum.unchanged += b.unchanged
        sum.rejected += b.rejected
        sum.filtered += b.filtered
        sum.valuesDropped += b.valuesDropped
        return sum
    }
}
