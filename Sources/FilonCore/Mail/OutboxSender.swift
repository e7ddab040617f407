import Foundation

/// Sends what the outbox holds through a `MailTransport`: each message is claimed, built with the
/// sender's identity (footer and unsubscribe always added), handed to the transport, then marked
/// sent or failed. The database is never held during the network exchange.
public struct OutboxSender<Transport: MailTransport>: Sendable {
    public let database: AppDatabase
    public let outbox: EmailOutbox
    public let transport: Transport
    public let sender: SenderIdentity
    /// How long a claimed message is held for this sender; longer than the transport's timeout.
    public var lease: TimeInterval = 15 * 60

    public init(database: AppDatabase, outbox: EmailOutbox, transport: Transport, sender: SenderIdentity) {
        self.database = database
        self.outbox = outbox
        self.transport = transport
        self.sender = sender
    }

    /// The outcome of one message.
    public enum Outcome: Sendable, Equatable {
        case sent(MailReceipt)
        /// Failed; `willRetry` when another attempt is scheduled.
        case failed(reason: String, willRetry: Bool)
        /// Not sent: the prospect or the address objected after it was queued.
        case blocked(reason: String)
        /// Sent or given up already, not due yet, or being sent by another process.
        case unavailable
    }

    /// Sends one message now if it is due: what the TUI calls right after queueing it.
    public func send(id: Int, now: Date = Date()) throws -> Outcome {
        let domain = sender.email.domain
        let claim = try database.writer.write { [outbox, lease] db in
            try outbox.claim(id: id, now: now, lease: lease, messageIDDomain: domain, db)
        }
        switch claim {
        case .unavailable: return .unavailable
        case .blocked(let reason): return .blocked(reason: reason)
        case .ready(let message): return try attempt(message, now: now)
        }
    }

    /// Sends every due message (up to `limit`), oldest first: what the daemon calls each pass.
    /// `shouldStop` is asked between messages.
    public func sendDue(now: Date = Date(), limit: Int = 100, shouldStop: () -> Bool = { false }) throws
        -> OutboxSummary
    {
        let due = try database.writer.read { [outbox] db in try outbox.due(now: now, limit: limit, db) }
        var summary = OutboxSummary()
        for message in due {
            if shouldStop() { break }
            switch try send(id: message.id, now: now) {
            case .sent: summary.sent += 1
            case .failed(_, let willRetry): willRetry ? (summary.retrying += 1) : (summary.failed += 1)
            case .blocked: summary.blocked += 1
            case .unavailable: break
            }
        }
        return summary
    }

    private func attempt(_ message: OutboxMessage, now: Date) throws -> Outcome {
        let built: EmailMessage
        do {
            let address = try EmailAddress(message.toAddress, role: "recipient")
            // Do-not-contact was checked when the message was claimed, in the same transaction.
            built = try EmailMessage(
                draft: EmailDraft(subject: message.subject, body: message.body),
                to: Mailbox(name: message.toName, address: address), sender: sender, doNotContact: false,
                messageID: message.messageID)
        } catch {
            // The stored message itself is wrong: sending it again would fail the same way.
            return try recordFailure(message, reason: error.description, now: now, permanent: true)
        }
        let receipt: MailReceipt
        do {
            receipt = try transport.send(built)
        } catch {
            return try recordFailure(
                message, reason: "\(error)", now: now, permanent: transport.isPermanent(error))
        }
        try database.writer.write { [outbox, sender] db in
            try outbox.markSent(id: message.id, receipt: receipt, privacyNoticeURL: sender.privacyNoticeURL, db)
        }
        return .sent(receipt)
    }

    private func recordFailure(_ message: OutboxMessage, reason: String, now: Date, permanent: Bool) throws -> Outcome {
        let status = try database.writer.write { [outbox] db in
            try outbox.markFailed(id: message.id, reason: reason, now: now, permanent: permanent, db)
        }
        return .failed(reason: reason, willRetry: status == .queued)
    }
}
