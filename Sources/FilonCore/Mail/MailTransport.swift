/// What hands a message to a mail server. FilonCore and the TUI see only this, so that neither
/// depends on libcurl; FilonSources' `SMTPMailer` is the real one, tests use fakes.
public protocol MailTransport: Sendable {
    /// Sends the message to its one recipient, blocking until the server has answered.
    func send(_ message: EmailMessage) throws -> MailReceipt

    /// Whether trying the same message again later cannot help (the address does not exist, the
    /// content was refused, or the server may already have it): the outbox then stops at once.
    func isPermanent(_ error: any Error) -> Bool
}

extension MailTransport {
    /// Retry by default: a transport that cannot tell keeps the outbox's backoff.
    public func isPermanent(_ error: any Error) -> Bool { false }
}
