import FilonCore
import Foundation

/// What became of an email the screen sent.
public enum EmailDelivery: Sendable, Equatable {
    /// Taken by the server, with its last reply (the handle in its logs).
    case sent(serverReply: String)
    /// Not sent now; the daemon tries again at its next pass.
    case willRetry(String)
    /// Given up, or blocked because the prospect or the address objected meanwhile.
    case failed(String)
    /// Already sent or being sent by the daemon.
    case unavailable
}

/// Sending from the screen: the sender's identity, the outbox's rules and the transport, behind
/// one function so that the screen does not know SMTP. `filon` builds it with libcurl's mailer;
/// tests with a transport of their own.
public struct MailService: Sendable {
    public var sender: SenderIdentity
    public var outbox: EmailOutbox
    /// Sends the outbox message of this id now. Blocks until the server answers: called off the
    /// UI thread.
    public var send: @Sendable (_ id: Int) throws -> EmailDelivery

    public init(
        sender: SenderIdentity, outbox: EmailOutbox, send: @escaping @Sendable (_ id: Int) throws -> EmailDelivery
    ) {
        self.sender = sender
        self.outbox = outbox
        self.send = send
    }

    /// The real thing: `OutboxSender` over `transport`.
    public static func outbox<Transport: MailTransport>(
        database: AppDatabase, outbox: EmailOutbox, transport: Transport, sender: SenderIdentity,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) -> MailService {
        let outboxSender = OutboxSender(database: database, outbox: outbox, transport: transport, sender: sender)
        return MailService(sender: sender, outbox: outbox) { id in
            switch try outboxSender.send(id: id, now: clock()) {
            case .sent(let receipt): return .sent(serverReply: receipt.serverReply)
            case .failed(let reason, let willRetry): return willRetry ? .willRetry(reason) : .failed(reason)
            case .blocked(let reason): return .failed(reason)
            case .unavailable: return .unavailable
            }
        }
    }
}
