/// `[daemon]`: how `filond run` paces its work.
public struct DaemonSettings: Sendable, Equatable {
    /// Hourly by default: passes pull only what changed since the last one, so they are cheap,
    /// and the sources publish daily (BODACC) or continuously (the Sirene API).
    public var schedule: Schedule = .every(minutes: 60)
    /// Companies the enrichment stage takes per pass at most, newest first: the free providers'
    /// rates (Nominatim: one a second) set what a pass can do; the rest waits for the next.
    public var enrichPerPass = 200

    public init() {}
}
