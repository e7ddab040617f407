/// How many companies one source brought.
public struct SourceCount: Sendable, Equatable, Codable {
    /// The provider id (`sirene_api`, `bodacc`…).
    public let source: String
    public let count: Int

    public init(source: String, count: Int) {
        self.source = source
        self.count = count
    }
}
