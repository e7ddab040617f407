import Foundation
import GRDB

/// The email outbox in the database. The operator's screen queues a message (with the same rules
/// as the card's other actions); a sender takes what is due, sends it and records the outcome,
/// retrying a failure after a growing delay. Each call works inside the caller's transaction.
public struct EmailOutbox: Sendable {
    /// Delays before the 2nd, 3rd… attempt; the last one repeats when `maxAttempts` is larger.
    public static let retryDelays: [TimeInterval] = [60, 5 * 60, 30 * 60, 2 * 3600, 6 * 3600, 24 * 3600]

    /// Attempts before a message is marked failed (`[mail] max_attempts`).
    public let maxAttempts: Int

    public init(maxAttempts: Int = MailSettings.defaultMaxAttempts) {
        self.maxAttempts = max(1, maxAttempts)
    }

    /// What `claim` found.
    public enum Claim: Sendable, Equatable {
        /// Held for this sender until the lease ends; send it now.
        case ready(OutboxMessage)
        /// Marked failed instead: the prospect or the address may no longer be written to.
        case blocked(reason: String)
        /// Sent, failed, not due yet, or held by another sender.
        case unavailable
    }

    // MARK: - Queueing

    /// Queues a message from `userID` to the prospect. Refused, with nothing written, when the
    /// user is disabled (`ActionError.inactiveUser`) or neither the owner nor an admin
    /// (`.notYourProspect`), when the prospect changed since `expectedVersion` was read
    /// (`.changedMeanwhile`) or is "ne plus contacter" (`.doNotContact`), and when the address
    /// asked not to receive email, is a consumer mailbox without recorded consent
    /// (`EmailConsent`), or the draft is empty (`EmailError`).
    ///
    /// - Returns: the outbox id, for `OutboxSender.send(id:)`.
    public func queue(
        siren: Int, userID: Int, to recipient: Mailbox, draft: EmailDraft, template: String? = nil,
        expectedVersion: Int? = nil, now: Date = Date(), _ db: Database
    ) throws -> Int {
        _ = try ProspectActions(userID: userID, now: now).authorize(
            siren, expectedVersion: expectedVersion, allowDoNotContact: false, db)
        if try SuppressionList.contains(siren: siren, db) { throw ActionError.doNotContact(siren) }
        let address = recipient.address.value
        if try isOptedOut(address, db) { throw EmailError.doNotContact(address) }
        // A consumer mailbox is a private person's: consent first (RGPD R1, L34-5).
        guard try EmailConsent.allows(address, db) else {
            throw EmailError.invalidAddress(
                role: "recipient", value: address,
                reason: "a personal mailbox, which needs the person's consent first (RGPD); "
                    + "once they agreed, record it with `filon consent SIREN \(address)`")
        }
        let subject = MIMEEncoding.singleLine(draft.subject)
        guard !subject.isEmpty else {
            throw EmailError.invalidHeader(name: "Subject", reason: "it is empty; write a subject")
        }
        guard !draft.body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw EmailTemplateError.emptyBody
        }
        let stamp = Timestamp.string(now)
        let name = recipient.name.map(MIMEEncoding.singleLine).flatMap { $0.isEmpty ? nil : $0 }
        try db.execute(
            sql: """
                INSERT INTO email_outbox (siren, user_id, to_address, to_name, subject, body, template, status,
                  attempts, next_attempt_at, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'queued', 0, ?, ?)
                """, arguments: [siren, userID, address, name, subject, draft.body, template, stamp, stamp])
        let id = Int(db.lastInsertedRowID)
        try db.execute(
            sql: "UPDATE prospect SET updated_at = ?, version = version + 1 WHERE siren = ?", arguments: [stamp, siren])
        let to = name.map { "\($0) <\(address)>" } ?? address
        try journal(
            siren, userID: userID, new: "queued", detail: "\u{201C}\(subject)\u{201D} to \(to)", at: stamp, db)
        return id
    }

    // MARK: - Reading

    /// Messages whose attempt is due, oldest first.
    public func due(now: Date, limit: Int = 100, _ db: Database) throws -> [OutboxMessage] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT * FROM email_outbox WHERE status = 'queued' AND next_attempt_at <= ?
                ORDER BY next_attempt_at, id LIMIT ?
                """, arguments: [Timestamp.string(now), limit]
        ).map(OutboxMessage.init(row:))
    }

    public func message(id: Int, _ db: Database) throws -> OutboxMessage? {
        try Row.fetchOne(db, sql: "SELECT * FROM email_outbox WHERE id = ?", arguments: [id])
            .map(OutboxMessage.init(row:))
    }

    /// A prospect's messages, newest first.
    public func messages(siren: Int, _ db: Database) throws -> [OutboxMessage] {
        try Row.fetchAll(
            db, sql: "SELECT * FROM email_outbox WHERE siren = ? ORDER BY created_at DESC, id DESC",
            arguments: [siren]
        ).map(OutboxMessage.init(row:))
    }

    // MARK: - Sending

    /// Takes a due message for one attempt: checks again that it may be sent (the prospect may
    /// have objected since it was queued), gives it its Message-ID once, and holds it for `lease`
    /// seconds so that another process does not send it too. A sender that dies meanwhile only
    /// delays it until the lease ends.
    public func claim(id: Int, now: Date, lease: TimeInterval, messageIDDomain: String, _ db: Database) throws -> Claim
    {
        guard
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT o.*, p.do_not_contact FROM email_outbox o LEFT JOIN prospect p ON p.siren = o.siren
                    WHERE o.id = ? AND o.status = 'queued' AND o.next_attempt_at <= ?
                    """, arguments: [id, Timestamp.string(now)])
        else { return .unavailable }
        var message = OutboxMessage(row: row)
        let suppressed = try SuppressionList.contains(siren: message.siren, db)
        if (row["do_not_contact"] as Bool?) == true || suppressed {
            let reason = "not sent: the prospect was marked \"ne plus contacter\" after the message was queued"
            try finish(message, status: .failed, reason: reason, now: now, countAttempt: false, db)
            return .blocked(reason: reason)
        }
        if try isOptedOut(message.toAddress, db) {
            let reason = "not sent: \(message.toAddress) asked not to receive email after the message was queued"
            try finish(message, status: .failed, reason: reason, now: now, countAttempt: false, db)
            return .blocked(reason: reason)
        }
        message.messageID = message.messageID ?? "<\(UUID().uuidString.lowercased())@\(messageIDDomain)>"
        message.nextAttemptAt = Timestamp.string(now.addingTimeInterval(lease))
        try db.execute(
            sql: "UPDATE email_outbox SET message_id = ?, next_attempt_at = ? WHERE id = ?",
            arguments: [message.messageID, message.nextAttemptAt, id])
        return .ready(message)
    }

    /// The server took the message: it is sent, and the prospect's history says so with the
    /// server's reply (the handle to find it in the server's log). With the sender's
    /// `privacyNoticeURL`, which the footer linked, the recipient counts as informed by email
    /// (RGPD art. 14, `PrivacyNotice`).
    public func markSent(id: Int, receipt: MailReceipt, privacyNoticeURL: String? = nil, _ db: Database) throws {
        guard let message = try message(id: id, db) else { return }
        let stamp = Timestamp.string(receipt.sentAt)
        try db.execute(
            sql: """
                UPDATE email_outbox SET status = 'sent', attempts = attempts + 1, sent_at = ?, server_reply = ?,
                  message_id = ?, last_error = NULL
                WHERE id = ?
                """, arguments: [stamp, receipt.serverReply, receipt.messageID, id])
        let reply = receipt.serverReply.isEmpty ? "" : " — \(receipt.serverReply)"
        try journal(
            message.siren, userID: message.userID, new: "sent",
            detail: message.summary + reply + " (Message-ID \(receipt.messageID))", at: stamp, db)
        if let privacyNoticeURL {
            try PrivacyNotice.insert(
                siren: message.siren, channel: .email, userID: message.userID, at: receipt.sentAt,
                version: privacyNoticeURL, recipient: message.toAddress, outboxID: id, db)
        }
    }

    /// An attempt failed. The message is tried again after the next delay of `retryDelays`, or,
    /// when `permanent` or after `maxAttempts` attempts, marked failed with the reason in the
    /// prospect's history.
    ///
    /// - Returns: the message's status now: `.queued` when a retry is scheduled, else `.failed`.
    @discardableResult
    public func markFailed(id: Int, reason: String, now: Date, permanent: Bool = false, _ db: Database) throws
        -> OutboxMessage.Status
    {
        guard let message = try message(id: id, db), message.status == .queued else { return .failed }
        let attempts = message.attempts + 1
        if permanent || attempts >= maxAttempts {
            let why = permanent ? reason : "gave up after \(attempts) attempts: \(reason)"
            try finish(message, status: .failed, reason: why, now: now, countAttempt: true, db)
            return .failed
        }
        let delay = Self.retryDelays[min(attempts, Self.retryDelays.count) - 1]
        try db.execute(
            sql: "UPDATE email_outbox SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ?",
            arguments: [attempts, Timestamp.string(now.addingTimeInterval(delay)), reason, id])
        return .queued
    }

    // MARK: - Rules

    /// An address on the suppression list or opted out on any company's card: the person
    /// objected, wherever they work.
    private func isOptedOut(_ address: String, _ db: Database) throws -> Bool {
        try SuppressionList.contains(.email, address, db)
    }

    /// The recipient unsubscribed (a reply, a STOP, the unsubscribe link): the address goes on the
    /// suppression list at once (R1), and its queued messages fail when next claimed.
    public func unsubscribe(_ address: String, by userID: Int?, now: Date = Date(), _ db: Database) throws {
        try SuppressionList(now: now).add(.email, address, reason: "unsubscribed", by: userID, db)
    }

    private func finish(
        _ message: OutboxMessage, status: OutboxMessage.Status, reason: String, now: Date, countAttempt: Bool,
        _ db: Database
    ) throws {
        let stamp = Timestamp.string(now)
        try db.execute(
            sql: """
                UPDATE email_outbox SET status = ?, attempts = attempts + ?, last_error = ?, next_attempt_at = ?
                WHERE id = ?
                """, arguments: [status.rawValue, countAttempt ? 1 : 0, reason, stamp, message.id])
        try journal(
            message.siren, userID: message.userID, new: status.rawValue, detail: message.summary + " — " + reason,
            at: stamp, db)
    }

    private func journal(_ siren: Int, userID: Int?, new: String, detail: String, at stamp: String, _ db: Database)
        throws
    {
        try db.execute(
            sql: """
                INSERT INTO activity (siren, user_id, kind, new_value, detail, created_at)
                VALUES (?, ?, 'email', ?, ?, ?)
                """, arguments: [siren, userID, new, detail, stamp])
    }
}
