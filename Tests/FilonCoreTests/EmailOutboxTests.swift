import Foundation
import GRDB
import Testing

@testable import FilonCore

/// Queueing with the card's rules, retries with backoff, and the history each step leaves.
@Suite struct EmailOutboxTests {
    let db: AppDatabase
    let now = Date(timeIntervalSince1970: 1_796_117_400)  // 2026-12-01T09:30:00Z
    let outbox = EmailOutbox(maxAttempts: 3)
    let siren = 552_100_554
    let draft = EmailDraft(subject: "Le site de ALPHA", body: "Bonjour Madame, Monsieur,\n\nUne idée.")

    init() throws {
        db = try AppDatabase.inMemory()
        try db.writer.write { db in
            for (id, login, role, active) in [
                (1, "admin", "admin", true), (2, "tina", "telepro", true), (3, "theo", "telepro", true),
                (4, "old", "commercial", false),
            ] {
                try db.execute(
                    sql: "INSERT INTO user (id, login, name, role, active, created_at) VALUES (?, ?, ?, ?, ?, 'x')",
                    arguments: [id, login, login.capitalized, role, active])
            }
            try db.execute(sql: "INSERT INTO company (siren, denomination, row_hash) VALUES (552100554, 'ALPHA', 1)")
            try db.execute(
                sql: "INSERT INTO prospect (siren, owner_id, created_at, updated_at) VALUES (552100554, 2, 'x', 'x')")
            try db.execute(
                sql: """
                    INSERT INTO contact_point (siren, kind, value, normalized, source, retrieved_at, opted_out)
                    VALUES (552100554, 'email', 'contact@alpha.fr', 'contact@alpha.fr', 'x', 'x', 0),
                           (552100554, 'email', 'Stop@Alpha.fr', 'stop@alpha.fr', 'x', 'x', 1)
                    """)
        }
    }

    func mailbox(_ address: String, name: String? = nil) throws -> Mailbox {
        Mailbox(name: name, address: try EmailAddress(address))
    }

    func queue(user: Int = 2, to address: String = "contact@alpha.fr", expectedVersion: Int? = nil) throws -> Int {
        try db.writer.write { [outbox, siren, draft, now] db in
            try outbox.queue(
                siren: siren, userID: user, to: try mailbox(address, name: "Accueil"), draft: draft,
                template: "premier-contact", expectedVersion: expectedVersion, now: now, db)
        }
    }

    func stored(_ id: Int) throws -> OutboxMessage? {
        try db.writer.read { [outbox] in try outbox.message(id: id, $0) }
    }

    func dueIDs(at date: Date) throws -> [Int] {
        try db.writer.read { [outbox] in try outbox.due(now: date, $0).map { $0.id } }
    }

    func activity() throws -> [String] {
        try db.writer.read {
            try Row.fetchAll($0, sql: "SELECT kind, new_value, detail FROM activity ORDER BY id").map {
                "\($0["kind"] as String) \($0["new_value"] as String? ?? "-"): \($0["detail"] as String? ?? "")"
            }
        }
    }

    @Test func queueingStoresTheMessageJournalsItAndBumpsTheVersion() throws {
        let version = try db.writer.read { try Int.fetchOne($0, sql: "SELECT version FROM prospect")! }
        let id = try queue(expectedVersion: version)
        let message = try #require(try stored(id))
        #expect(message.status == .queued && message.attempts == 0 && message.userID == 2)
        #expect(message.toAddress == "contact@alpha.fr" && message.toName == "Accueil")
        #expect(message.subject == draft.subject && message.body == draft.body && message.template == "premier-contact")
        #expect(message.nextAttemptAt == "2026-12-01T09:30:00Z" && message.messageID == nil)
        #expect(try activity() == ["email queued: \u{201C}Le site de ALPHA\u{201D} to Accueil <contact@alpha.fr>"])
        let prospect = try db.writer.read {
            try Row.fetchOne($0, sql: "SELECT version, updated_at FROM prospect")!
        }
        #expect(prospect["version"] as Int == version + 1)
        #expect(prospect["updated_at"] as String == "2026-12-01T09:30:00Z")
        #expect(try dueIDs(at: now) == [id])
        let listed = try db.writer.read { [outbox, siren] in try outbox.messages(siren: siren, $0).map { $0.id } }
        #expect(listed == [id])
    }

    @Test func refusalsSayWhyAndWriteNothing() throws {
        #expect(throws: ActionError.notYourProspect(owner: "Tina")) { try queue(user: 3) }
        #expect(throws: ActionError.inactiveUser(4)) { try queue(user: 4) }
        #expect(throws: ActionError.changedMeanwhile(siren)) { try queue(expectedVersion: 99) }
        // Opted out on any company's card, whatever the spelling.
        #expect(throws: EmailError.doNotContact("STOP@alpha.fr")) { try queue(to: "STOP@alpha.fr") }
        #expect(throws: EmailError.self) {
            try db.writer.write { [outbox, siren, now] db in
                try outbox.queue(
                    siren: siren, userID: 2, to: try mailbox("contact@alpha.fr"),
                    draft: EmailDraft(subject: " ", body: "x"), now: now, db)
            }
        }
        try db.writer.write { try $0.execute(sql: "UPDATE prospect SET do_not_contact = 1") }
        #expect(throws: ActionError.doNotContact(siren)) { try queue() }
        #expect(throws: ActionError.unknownProspect(123_456_789)) {
            try db.writer.write { [outbox, draft, now] db in
                try outbox.queue(siren: 123_456_789, userID: 1, to: try mailbox("a@b.fr"), draft: draft, now: now, db)
            }
        }
        #expect(try db.writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM email_outbox") } == 0)
        #expect(try activity().isEmpty)
    }

    @Test func anAdminMayWriteToSomeoneElsesProspect() throws {
        _ = try queue(user: 1)
        #expect(try activity().count == 1)
    }

    @Test func failuresAreRetriedLaterThenGivenUp() throws {
        let id = try queue()
        func claim(at date: Date) throws -> EmailOutbox.Claim {
            try db.writer.write { [outbox] in
                try outbox.claim(id: id, now: date, lease: 900, messageIDDomain: "atelier-martin.fr", $0)
            }
        }
        func fail(at date: Date, permanent: Bool = false) throws -> OutboxMessage.Status {
            try db.writer.write { [outbox] in
                try outbox.markFailed(id: id, reason: "421 busy", now: date, permanent: permanent, $0)
            }
        }
        func message() throws -> OutboxMessage { try #require(try stored(id)) }

        guard case .ready(let first) = try claim(at: now) else {
            Issue.record("the queued message should be ready")
            return
        }
        let messageID = try #require(first.messageID)
        #expect(messageID.hasPrefix("<") && messageID.hasSuffix("@atelier-martin.fr>"))
        // Held for the sender: neither due nor claimable by another process meanwhile.
        #expect(try claim(at: now) == .unavailable)
        #expect(try dueIDs(at: now).isEmpty)

        #expect(try fail(at: now) == .queued)
        #expect(try message().nextAttemptAt == "2026-12-01T09:31:00Z" && message().attempts == 1)
        #expect(try claim(at: now.addingTimeInterval(59)) == .unavailable)
        guard case .ready(let second) = try claim(at: now.addingTimeInterval(60)) else {
            Issue.record("due again after a minute")
            return
        }
        // A retry is the same message to the receiving servers.
        #expect(second.messageID == messageID)
        #expect(try fail(at: now.addingTimeInterval(60)) == .queued)
        #expect(try message().nextAttemptAt == "2026-12-01T09:36:00Z" && message().lastError == "421 busy")
        _ = try claim(at: now.addingTimeInterval(360))
        #expect(try fail(at: now.addingTimeInterval(360)) == .failed)
        #expect(try message().status == .failed && message().attempts == 3)
        #expect(try claim(at: now.addingTimeInterval(86_400)) == .unavailable)
        #expect(
            try activity().last
                == "email failed: \u{201C}Le site de ALPHA\u{201D} to Accueil <contact@alpha.fr> — gave up after 3 attempts: 421 busy"
        )
        #expect(try activity().count == 2)
    }

    @Test func aPermanentRefusalStopsAtOnce() throws {
        let id = try queue()
        let status = try db.writer.write { [outbox, now] in
            try outbox.markFailed(id: id, reason: "550 no such user", now: now, permanent: true, $0)
        }
        #expect(status == .failed)
        #expect(try activity().last?.hasSuffix("— 550 no such user") == true)
    }

    @Test func sentMessagesKeepTheServersReply() throws {
        let id = try queue()
        let receipt = MailReceipt(
            messageID: "<m1@atelier-martin.fr>", recipient: "contact@alpha.fr", subject: draft.subject,
            sentAt: now.addingTimeInterval(5), serverReply: "250 2.0.0 Ok: queued as ABC")
        try db.writer.write { [outbox] in try outbox.markSent(id: id, receipt: receipt, $0) }
        let message = try #require(try stored(id))
        #expect(message.status == .sent && message.attempts == 1 && message.sentAt == "2026-12-01T09:30:05Z")
        #expect(message.serverReply == "250 2.0.0 Ok: queued as ABC" && message.messageID == "<m1@atelier-martin.fr>")
        #expect(
            try activity().last
                == "email sent: \u{201C}Le site de ALPHA\u{201D} to Accueil <contact@alpha.fr> — 250 2.0.0 Ok: queued as ABC (Message-ID <m1@atelier-martin.fr>)"
        )
        #expect(try dueIDs(at: now.addingTimeInterval(3600)).isEmpty)
    }

    @Test(arguments: [
        ("UPDATE prospect SET do_not_contact = 1", "the prospect was marked \"ne plus contacter\""),
        ("UPDATE contact_point SET opted_out = 1", "contact@alpha.fr asked not to receive email"),
    ])
    func anObjectionAfterQueueingStopsTheMessage(_ sql: String, _ reason: String) throws {
        let id = try queue()
        try db.writer.write { try $0.execute(sql: sql) }
        let claim = try db.writer.write { [outbox, now] in
            try outbox.claim(id: id, now: now, lease: 900, messageIDDomain: "x.fr", $0)
        }
        guard case .blocked(let why) = claim else {
            Issue.record("expected blocked, got \(claim)")
            return
        }
        #expect(why.contains(reason))
        let message = try #require(try stored(id))
        #expect(message.status == .failed && message.attempts == 0)
        #expect(try activity().last?.hasPrefix("email failed:") == true)
        #expect(try activity().last?.contains(reason) == true)
    }

    @Test func theSenderSendsOnceAndRecordsTheOutcome() throws {
        let id = try queue()
        let transport = RecordingTransport()
        let sender = OutboxSender(
            database: db, outbox: outbox, transport: transport,
            sender: try SenderIdentity(
                name: "Léa Martin", company: "Atelier Web Martin", postalAddress: "12 rue des Lilas, 69001 Lyon",
                email: EmailAddress("lea@atelier-martin.fr")))
        guard case .sent(let receipt) = try sender.send(id: id, now: now) else {
            Issue.record("expected the message to be sent")
            return
        }
        #expect(receipt.serverReply == "250 ok")
        #expect(try sender.send(id: id, now: now) == .unavailable)
        #expect(try sender.sendDue(now: now.addingTimeInterval(86_400)) == OutboxSummary())
        let sent = try #require(transport.sent.first)
        #expect(transport.sent.count == 1)
        #expect(sent.to.name == "Accueil" && sent.to.address.value == "contact@alpha.fr")
        // The footer with the sender's identity and the way to object is always added.
        #expect(sent.body.hasPrefix(draft.body + "\n\n-- \nLéa Martin"))
        #expect(sent.body.contains("Pour ne plus recevoir nos messages"))
    }
}

/// Takes every message, as a server would.
private final class RecordingTransport: MailTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var messages: [EmailMessage] = []

    var sent: [EmailMessage] { lock.withLock { messages } }

    func send(_ message: EmailMessage) throws -> MailReceipt {
        lock.withLock { messages.append(message) }
        return MailReceipt(
            messageID: message.messageID, recipient: message.to.address.value, subject: message.subject,
            sentAt: Date(), serverReply: "250 ok")
    }
}
