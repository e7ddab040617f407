import FilonCore

/// What the screen reaches outside the database, given by the program that opens it: the dial
/// command. Tests give their own (a script that records its arguments), or none.
public struct OperatorServices: Sendable {
    /// Runs `[calling] dial_command`; nil when none is configured (the operator dials by hand).
    public var dialer: CallDialer?

    public init(dialer: CallDialer? = nil) {
        self.dialer = dialer
    }
}
