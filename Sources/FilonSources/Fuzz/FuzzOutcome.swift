/// What a parser made of one input: values, or a refusal with the typed error's message.
public enum FuzzOutcome: Sendable, Equatable {
    /// The input was read; the text sums up what came out ("3 records, 1 rejected").
    case parsed(String)
    /// The input was refused with the project's typed error; the text is its message.
    case refused(String)
}
