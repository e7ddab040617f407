/// What an erasure removed (or, previewed, would remove), in counts and plain lines.
public struct ErasureSummary: Sendable, Equatable {
    public var persons = 0
    public var contactPoints = 0
    public var redactedNotes = 0
    public var redactedActivities = 0
    /// Entries added to the suppression list (hashes of emails and phones, SIRENs).
    public var suppressed = 0
    /// Companies now "ne plus contacter" because the person objected (or is the sole trader).
    public var blockedSirens: [Int] = []
    /// One line per thing erased, for the preview.
    public var lines: [String] = []

    public var isEmpty: Bool { persons == 0 && contactPoints == 0 && redactedNotes == 0 && redactedActivities == 0 }
}
