/// A file that cannot be read as expected, named with its path and what to do.
public struct InputError: Error, CustomStringConvertible, Equatable {
    public var path: String
    public var message: String

    public init(path: String, _ message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}
