import Foundation

/// What the SMTP server said when it took a message, for the prospect's history.
public struct MailReceipt: Sendable, Equatable {
    public var messageID: String
    public var recipient: String
    public var subject: String
    public var sentAt: Date
    /// The server's last reply, usually `250 … queued as …`: the handle to find the message in its logs.
    public var serverReply: String

    public init(messageID: String, recipient: String, subject: String, sentAt: Date, serverReply: String) {
        self.messageID = messageID
        self.recipient = recipient
        self.subject = subject
        self.sentAt = sentAt
        self.serverReply = serverReply
    }
}
