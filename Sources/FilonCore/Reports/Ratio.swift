/// A rate with what it is made of, so that a reader sees "12 of 40" and not only "30 %".
public struct Ratio: Sendable, Equatable, Codable {
    /// The numerator: the calls that reached someone, say.
    public let part: Int
    /// The denominator: all the calls, say.
    public let whole: Int
    /// `part / whole`, between 0 and 1 for the rates of a report; nil when `whole` is 0 (a rate
    /// of nothing is unknown, not zero).
    public let value: Double?

    public init(part: Int, whole: Int) {
        self.part = part
        self.whole = whole
        value = whole == 0 ? nil : Double(part) / Double(whole)
    }

    /// "30 %", or "—" when there is nothing to divide by.
    public var percentText: String {
        guard let value else { return "—" }
        let tenths = Int((value * 1000).rounded())
        return tenths % 10 == 0 ? "\(tenths / 10) %" : "\(tenths / 10),\(tenths % 10) %"
    }
}
