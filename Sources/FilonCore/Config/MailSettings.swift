/// `[mail]`: the SMTP server and sender identity (`SMTPSettings`), where the templates are, and
/// how often the daemon tries a message before giving up. Email is off while `url` is empty.
public struct MailSettings: Sendable, Equatable, CustomStringConvertible {
    public static let defaultMaxAttempts = 5

    /// `url`, `username`, `password`, `starttls`, `from`, `sender_name`, `sender_company`,
    /// `sender_address`, `unsubscribe_address`, `privacy_notice_url`, `timeout`, `connect_timeout`.
    public var smtp = SMTPSettings(url: "", from: "", senderName: "", senderCompany: "", senderAddress: "")
    /// `templates_dir`: searched before `./templates` (see `TemplateLibrary.searchDirectories`).
    public var templatesDirectory: String?
    /// `max_attempts`: sends tried for one message before it is marked failed.
    public var maxAttempts = defaultMaxAttempts

    public init() {}

    /// Whether a server is named, in the file or in `FILON_MAIL_URL`.
    public var isConfigured: Bool { !smtp.url.trimmingCharacters(in: .whitespaces).isEmpty }

    /// `FILON_MAIL_URL`, `FILON_MAIL_USERNAME`, `FILON_MAIL_PASSWORD` win over the file.
    public mutating func applyEnvironment(_ environment: [String: String]) {
        smtp.applyEnvironment(environment)
    }

    /// Never shows the password (`SMTPSettings.description` hides it).
    public var description: String {
        "MailSettings(\(smtp), templatesDirectory: \(templatesDirectory ?? "none"), maxAttempts: \(maxAttempts))"
    }
}
