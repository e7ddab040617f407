/// How many things happened on one local day: a point of a report's daily series.
public struct DayCount: Sendable, Equatable, Codable {
    /// The local (Paris) day, `YYYY-MM-DD`.
    public let day: String
    public let count: Int

    public init(day: String, count: Int) {
        self.day = day
        self.count = count
    }
}
