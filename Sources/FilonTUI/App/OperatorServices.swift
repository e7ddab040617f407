import FilonCore

/// What the screen reaches outside the database, given by the program that opens it: the dial
/// command, the mail and the templates. Tests give their own (a script that records its
/// arguments, a transport that keeps the messages), or none.
public struct OperatorServices: Sendable {
    /// Runs `[calling] dial_command`; nil when none is configured (the operator dials by hand).
    public var dialer: CallDialer?
    /// Nil when email is off; `mailOff` then says why.
    public var mail: MailService?
    public var mailOff: String
    public var templates: TemplateLibrary
    /// The daemon's schedule, for the dashboard's "pass not run on schedule" alert.
    public var daemon: DaemonSettings

    public init(
        dialer: CallDialer? = nil, mail: MailService? = nil,
        mailOff: String = "email is off: set url, from and the sender's identity in the [mail] section of filon.toml",
        templates: TemplateLibrary = TemplateLibrary(), daemon: DaemonSettings = DaemonSettings()
    ) {
        self.daemon = daemon
        self.dialer = dialer
        self.mail = mail
        self.mailOff = mailOff
        self.templates = templates
    }
}
