/// One line of a prospect's history: a call, a note, a status change, an assignment, a callback,
/// or a change the registries reported.
public struct TimelineEntry: Sendable, Equatable {
    public var at: String
    public var kind: String
    /// Who did it: a user's name, or the source of a registry change; nil for the daemon.
    public var who: String?
    public var text: String
    /// How long a call lasted, when it was timed; `text` shows it too ("call 02:35").
    public var durationSeconds: Int? = nil
}
