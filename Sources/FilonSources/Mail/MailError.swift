/// Why a message was not sent, with what to do. `server` is `host:port`, never with credentials;
/// `reply` is the SMTP server's own words, which name the real cause more often than not.
public enum MailError: Error, Equatable, CustomStringConvertible {
    case invalidURL(String)
    case hostNotFound(server: String)
    case connectionRefused(server: String)
    /// No answer in time. `afterMessage` is true when the whole message had been handed over: the
    /// server may have taken it.
    case timeout(server: String, seconds: Double, afterMessage: Bool)
    case connectionLost(server: String, detail: String)
    case startTLSUnavailable(server: String)
    case tlsFailed(server: String, detail: String)
    /// The server wants a login before it takes mail.
    case authenticationRequired(server: String, reply: String)
    case authenticationFailed(username: String, reply: String)
    case senderRefused(address: String, reply: String)
    case recipientRefused(address: String, code: Int, reply: String)
    /// The whole message was sent, then refused (spam filter, size, policy…).
    case messageRefused(reply: String)
    /// Any other refusal, with the command it answered.
    case refused(command: String, reply: String)
    case library(String)

    public var description: String {
        switch self {
        case .invalidURL(let url):
            return "the mail server URL \"\(url)\" must be smtp://host:587 (STARTTLS) or smtps://host:465; "
                + "fix [mail] url or FILON_MAIL_URL"
        case .hostNotFound(let server):
            return "the mail server \(server) is not a known host name; check [mail] url and the network"
        case .connectionRefused(let server):
            return "nothing accepts connections at \(server); check that the SMTP server is running and that "
                + "[mail] url has its host and port (587 for STARTTLS, 465 for smtps://)"
        case .timeout(let server, let seconds, let afterMessage):
            let limit = seconds == seconds.rounded() ? "\(Int(seconds)) s" : "\(seconds) s"
            return afterMessage
                ? "the mail server \(server) took the message but did not confirm it within \(limit); it may have "
                    + "been sent: check the mailbox's Sent folder or the server's log before sending it again"
                : "the mail server \(server) did not answer within \(limit); nothing was sent: check the network "
                    + "and the server, or raise [mail] timeout"
        case .connectionLost(let server, let detail):
            return "the connection to the mail server \(server) was cut (\(detail)); nothing was confirmed: "
                + "try again, and if it repeats, check the server's log"
        case .startTLSUnavailable(let server):
            return "the mail server \(server) does not offer STARTTLS, so the password and the message would go "
                + "in clear; use smtps:// if it offers TLS on port 465, or set [mail] starttls = \"never\" only "
                + "for a relay on this machine"
        case .tlsFailed(let server, let detail):
            return "TLS with the mail server \(server) failed (\(detail)); check that the port matches the scheme "
                + "(465 for smtps://, 587 for smtp://) and that the server's certificate is valid for its name"
        case .authenticationRequired(let server, let reply):
            return "the mail server \(server) asks for a login (\(reply)); set [mail] username and "
                + "FILON_MAIL_PASSWORD"
        case .authenticationFailed(let username, let reply):
            return "the mail server refused the login of \"\(username)\" (\(reply)); check [mail] username and "
                + "the password in FILON_MAIL_PASSWORD"
        case .senderRefused(let address, let reply):
            return "the mail server refused to send as \(address) (\(reply)); set [mail] from to an address this "
                + "account may send as"
        case .recipientRefused(let address, let code, let reply):
            return code >= 500
                ? "the mail server refused the recipient \(address) (\(reply)); the address is probably wrong or "
                    + "closed: correct it on the card or write to another contact"
                : "the mail server cannot take mail for \(address) for now (\(reply)); try again later"
        case .messageRefused(let reply):
            return "the mail server refused the message after receiving it (\(reply)); its reason says what "
                + "to change (content taken for spam, size, sending limits…)"
        case .refused(let command, let reply):
            return "the mail server answered \(command) with \"\(reply)\"; nothing was sent: its reason says what "
                + "to change"
        case .library(let detail):
            return "libcurl could not prepare the transfer (\(detail)); check that libcurl4 is installed"
        }
    }
}
