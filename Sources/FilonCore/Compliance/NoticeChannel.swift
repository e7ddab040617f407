/// How the article 14 notice reached the person (RGPD R3): the channel is part of the proof.
public enum NoticeChannel: String, CaseIterable, Sendable, Codable {
    /// Said at the start of a call (the script's one-line notice), with the full text offered.
    case call
    /// Linked from an email's footer (`SenderIdentity.privacyNoticeURL`).
    case email
    case sms
    case letter
}
