/// One prospect in an operator's queue, with why it is there.
public struct QueueItem: Sendable, Equatable {
    public enum Reason: String, Sendable {
        case personalCallback = "personal callback"
        case sharedCallback = "shared callback"
        case recycled = "recycled"
        case fresh = "fresh"

        /// A callback keeps the time the prospect gave, even outside the calling window.
        var isCallback: Bool { self == .personalCallback || self == .sharedCallback }
    }

    public var siren: Int
    public var name: String?
    public var reason: Reason
    public var dueAt: String?
    public var tier: String?
    public var score: Int
    public var attempts: Int
}
