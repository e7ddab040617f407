/// How mature a company's website is, for a seller of websites: none (no site, parked, dead),
/// weak, fair or good, with the reasons that led there.
public struct DigitalMaturity: Sendable, Equatable {
    public enum Level: String, Sendable, CaseIterable, Comparable {
        case none, weak, fair, good

        public static func < (a: Level, b: Level) -> Bool {
            allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
        }
    }

    public var level: Level
    public var reasons: [String]

    public init(level: Level, reasons: [String]) {
        self.level = level
        self.reasons = reasons
    }
}
