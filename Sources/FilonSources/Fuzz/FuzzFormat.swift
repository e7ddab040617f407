/// The syntax of a fuzz target's input, which picks the structure-aware mutations.
public enum FuzzFormat: String, Sendable {
    case csv, toml, json, html
    /// Bytes without a syntax the mutations know (a zip archive).
    case binary
}
