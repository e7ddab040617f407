/// How to send email: the SMTP server and the sender's identity (the future `[mail]` section).
/// The password is never shown: `description` hides it, and it is best left to `FILON_MAIL_PASSWORD`.
public struct SMTPSettings: Sendable, Equatable, CustomStringConvertible {
    /// When an `smtp://` connection must switch to TLS with STARTTLS. Ignored for `smtps://`,
    /// which is TLS from the first byte.
    public enum StartTLS: String, Sendable, CaseIterable {
        /// Refuse to send over a connection that cannot be encrypted (the default: the password and
        /// the prospects' addresses would otherwise cross the network in clear).
        case required
        /// Encrypt when the server offers it.
        case opportunistic = "try"
        /// Never encrypt: only for a relay on this machine, or a test sink.
        case never
    }

    /// `smtp://host:587` (then STARTTLS) or `smtps://host:465`.
    public var url: String
    public var username: String?
    public var password: String?
    public var startTLS: StartTLS
    /// The sender's email address, in `From` and in `MAIL FROM`.
    public var from: String
    public var senderName: String
    public var senderCompany: String
    /// The company's postal address, shown under every message.
    public var senderAddress: String
    /// Where objections go; `from` when nil.
    public var unsubscribeAddress: String?
    /// The French privacy notice, linked under every message when set.
    public var privacyNoticeURL: String?
    /// Seconds for the whole exchange, and for the connection alone.
    public var timeout: Double
    public var connectTimeout: Double

    public init(
        url: String, username: String? = nil, password: String? = nil, startTLS: StartTLS = .required,
        from: String, senderName: String, senderCompany: String, senderAddress: String,
        unsubscribeAddress: String? = nil, privacyNoticeURL: String? = nil, timeout: Double = 60,
        connectTimeout: Double = 15
    ) {
        self.url = url
        self.username = username
        self.password = password
        self.startTLS = startTLS
        self.from = from
        self.senderName = senderName
        self.senderCompany = senderCompany
        self.senderAddress = senderAddress
        self.unsubscribeAddress = unsubscribeAddress
        self.privacyNoticeURL = privacyNoticeURL
        self.timeout = timeout
        self.connectTimeout = connectTimeout
    }

    /// Environment variables win over the file, so the password can stay out of it:
    /// `FILON_MAIL_URL`, `FILON_MAIL_USERNAME`, `FILON_MAIL_PASSWORD`.
    public mutating func applyEnvironment(_ environment: [String: String]) {
        if let value = environment["FILON_MAIL_URL"], !value.isEmpty { url = value }
        if let value = environment["FILON_MAIL_USERNAME"], !value.isEmpty { username = value }
        if let value = environment["FILON_MAIL_PASSWORD"], !value.isEmpty { password = value }
    }

    /// The identity every message carries; the error names the `[mail]` key to fill.
    public func senderIdentity() throws(EmailError) -> SenderIdentity {
        let email = try EmailAddress(from, role: "[mail] from")
        let unsubscribe = try unsubscribeAddress.map { (text) throws(EmailError) in
            try EmailAddress(text, role: "[mail] unsubscribe_address")
        }
        return try SenderIdentity(
            name: senderName, company: senderCompany, postalAddress: senderAddress, email: email,
            unsubscribe: unsubscribe, privacyNoticeURL: privacyNoticeURL)
    }

    public var description: String {
        "SMTPSettings(url: \(url), username: \(username ?? "none"), password: \(password == nil ? "none" : "set"), "
            + "startTLS: \(startTLS.rawValue), from: \(from))"
    }
}
