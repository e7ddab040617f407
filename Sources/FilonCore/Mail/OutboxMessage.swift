import GRDB

/// One row of the email outbox: a merged message, who wrote it, and where its sending stands.
public struct OutboxMessage: Sendable, Equatable {
    public enum Status: String, Sendable {
        /// Waiting for its first or next attempt (`nextAttemptAt`).
        case queued
        case sent
        /// Given up: refused for good, too many attempts, or the prospect objected meanwhile.
        case failed
    }

    public var id: Int
    public var siren: Int
    /// Who wrote it.
    public var userID: Int?
    public var toAddress: String
    public var toName: String?
    public var subject: String
    public var body: String
    public var template: String?
    /// With its angle brackets; set at the first attempt.
    public var messageID: String?
    public var status: Status
    public var attempts: Int
    /// A stored timestamp (`Timestamp`).
    public var nextAttemptAt: String
    public var lastError: String?
    public var serverReply: String?
    public var createdAt: String
    public var sentAt: String?

    init(row: Row) {
        id = row["id"]
        siren = row["siren"]
        userID = row["user_id"]
        toAddress = row["to_address"]
        toName = row["to_name"]
        subject = row["subject"]
        body = row["body"]
        template = row["template"]
        messageID = row["message_id"]
        status = Status(rawValue: row["status"]) ?? .failed
        attempts = row["attempts"]
        nextAttemptAt = row["next_attempt_at"]
        lastError = row["last_error"]
        serverReply = row["server_reply"]
        createdAt = row["created_at"]
        sentAt = row["sent_at"]
    }

    /// How the prospect's history names it: `"Subject" to Name <address>`.
    var summary: String {
        let to = toName.map { "\($0) <\(toAddress)>" } ?? toAddress
        return "\u{201C}\(subject)\u{201D} to \(to)"
    }
}
