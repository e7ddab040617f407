/// A line a run could not use, with its place in the input.
public struct RunIssue: Sendable, Codable, Equatable {
    public var line: Int?
    public var message: String

    public init(line: Int?, message: String) {
        self.line = line
        self.message = message
    }
}
