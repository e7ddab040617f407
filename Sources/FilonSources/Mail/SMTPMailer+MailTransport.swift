import FilonCore

extension SMTPMailer: MailTransport {
    /// A 5xx refusal of the recipient or of the message says the same would be refused again; a
    /// timeout after the whole message was handed over may mean it was sent, and a second copy
    /// to a prospect is worse than a failure the operator sees.
    public func isPermanent(_ error: any Error) -> Bool {
        switch error as? MailError {
        case .recipientRefused(_, let code, _): return code >= 500
        case .messageRefused(let reply): return reply.hasPrefix("5")
        case .timeout(_, _, let afterMessage): return afterMessage
        default: return false
        }
    }
}
