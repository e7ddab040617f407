/// A parser broke its contract on an input: it threw an error of another type than its own, an
/// error that does not say where the problem is, or two readings of the same bytes disagree.
public struct FuzzViolation: Error, CustomStringConvertible, Equatable {
    public var target: String
    public var message: String

    public init(_ target: FuzzTarget, _ message: String) {
        self.target = target.rawValue
        self.message = message
    }

    public var description: String { "\(target): \(message)" }
}
