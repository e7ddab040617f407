/// How a contact that came from the prospect arrived (RGPD R6). Only these move the retention
/// clock: an email open, an enrichment refresh or our own outbound call do not.
public enum InboundChannel: String, CaseIterable, Sendable, Codable {
    /// A reply to our email, recorded by hand (the outbox does not read the mailbox).
    case email
    /// The prospect called us, or a call of ours where they engaged (recorded by the call itself).
    case call
    /// A form, a meeting, a letter: anything else the prospect started.
    case other
}
