import FilonCore
import Foundation
import GRDB
import Logging
import TestSupport
import Testing

@testable import FilonSources

/// The outbox sent through libcurl to the local SMTP sink: what arrives, what is retried, what is
/// given up, and the daemon's email step.
@Suite struct OutboxSenderTests {
    let db: AppDatabase
    let server: FakeSMTPServer
    let now = Date(timeIntervalSince1970: 1_796_117_400)  // 2026-12-01T09:30:00Z
    let siren = 552_100_554

    init() throws {
        db = try AppDatabase.inMemory()
        server = try FakeSMTPServer()
        try db.writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO user (id, login, name, role, created_at) VALUES (2, 'tina', 'Tina', 'telepro', 'x');
                    INSERT INTO company (siren, denomination, row_hash) VALUES (552100554, 'BOULANGERIE ELODIE', 1);
                    INSERT INTO prospect (siren, owner_id, created_at, updated_at) VALUES (552100554, 2, 'x', 'x');
                    """)
        }
    }

    /// No TLS (the sink has none) and short timeouts, so that failures stay fast.
    func mailSettings(url: String? = nil, maxAttempts: Int = 5) -> MailSettings {
        var mail = MailSettings()
        mail.smtp = SMTPSettings(
            url: url ?? server.url, startTLS: .never, from: "lea@atelier-martin.fr", senderName: "Léa Martin",
            senderCompany: "Atelier Web Martin", senderAddress: "12 rue des Lilas, 69001 Lyon",
            unsubscribeAddress: "stop@atelier-martin.fr", timeout: 2, connectTimeout: 2)
        mail.maxAttempts = maxAttempts
        return mail
    }

    func sender(maxAttempts: Int = 5) throws -> OutboxSender<SMTPMailer> {
        let settings = mailSettings(maxAttempts: maxAttempts)
        return OutboxSender(
            database: db, outbox: EmailOutbox(maxAttempts: maxAttempts),
            transport: try SMTPMailer(settings: settings.smtp), sender: try settings.smtp.senderIdentity())
    }

    func queue(to address: String = "elodie@boulangerie-elodie.fr", at date: Date? = nil) throws -> Int {
        let date = date ?? now
        return try db.writer.write { [siren] db in
            try EmailOutbox().queue(
                siren: siren, userID: 2, to: Mailbox(name: "Élodie Dupré", address: try EmailAddress(address)),
                draft: EmailDraft(
                    subject: "Le site de la boulangerie", body: "Bonjour Élodie,\n\nUne idée pour l'été."),
                template: "premier-contact", now: date, db)
        }
    }

    func row(_ id: Int) throws -> OutboxMessage {
        try db.writer.read { try EmailOutbox().message(id: id, $0)! }
    }

    func lastActivity() throws -> String? {
        try db.writer.read {
            try String.fetchOne($0, sql: "SELECT new_value || ': ' || detail FROM activity ORDER BY id DESC LIMIT 1")
        }
    }

    @Test func aQueuedMessageArrivesWithItsFooterAndIsMarkedSent() throws {
        let id = try queue()
        let outcome = try sender().send(id: id, now: now)
        guard case .sent(let receipt) = outcome else {
            Issue.record("expected sent, got \(outcome)")
            return
        }
        let received = try #require(server.messages.first)
        #expect(server.messages.count == 1)
        #expect(received.mailFrom == "lea@atelier-martin.fr" && received.recipients == ["elodie@boulangerie-elodie.fr"])
        let body = MIMEEncoding.decodeQuotedPrintable(
            received.text.components(separatedBy: "\r\n\r\n").dropFirst().joined(separator: "\r\n\r\n"))
        #expect(body.hasPrefix("Bonjour Élodie,\n\nUne idée pour l'été.\n\n-- \nLéa Martin\nAtelier Web Martin"))
        #expect(body.contains("écrivez à stop@atelier-martin.fr"))
        #expect(received.text.contains("List-Unsubscribe: <mailto:stop@atelier-martin.fr?subject=unsubscribe>"))
        let message = try row(id)
        #expect(message.status == .sent && message.attempts == 1)
        #expect(message.serverReply == "250 2.0.0 Ok: queued as FAKE1" && message.messageID == receipt.messageID)
        #expect(received.text.contains("Message-ID: \(receipt.messageID)"))
        #expect(try lastActivity()?.hasPrefix("sent: ") == true)
        #expect(try lastActivity()?.contains("250 2.0.0 Ok: queued as FAKE1") == true)
    }

    @Test func aRecipientRefusedForNowIsTriedAgainLater() throws {
        server.refuseRecipient("elodie@boulangerie-elodie.fr", code: 450, reply: "4.2.0 Mailbox busy")
        let id = try queue()
        let outcome = try sender().send(id: id, now: now)
        guard case .failed(let reason, willRetry: true) = outcome else {
            Issue.record("expected a retry, got \(outcome)")
            return
        }
        #expect(reason.contains("450 4.2.0 Mailbox busy"))
        let message = try row(id)
        #expect(message.status == .queued && message.attempts == 1)
        #expect(message.nextAttemptAt == "2026-12-01T09:31:00Z" && message.lastError == reason)
        #expect(server.messages.isEmpty)
    }

    @Test func aRecipientRefusedForGoodIsNotTriedAgain() throws {
        server.refuseRecipient("nobody@boulangerie-elodie.fr")
        let id = try queue(to: "nobody@boulangerie-elodie.fr")
        let outcome = try sender().send(id: id, now: now)
        guard case .failed(let reason, willRetry: false) = outcome else {
            Issue.record("expected a final failure, got \(outcome)")
            return
        }
        #expect(reason.contains("550 5.1.1 Mailbox unavailable") && reason.contains("correct it on the card"))
        #expect(try row(id).status == .failed)
        #expect(try lastActivity()?.hasPrefix("failed: ") == true)
    }

    @Test func aDroppedConnectionIsRetriedUntilTheLastAttemptThenFails() throws {
        server.inject(.drop(at: .mailFrom))
        let id = try queue()
        let sender = try sender(maxAttempts: 2)
        #expect(try sender.sendDue(now: now) == OutboxSummary(retrying: 1))
        #expect(try row(id).lastError?.contains("the connection to the mail server") == true)
        // Not due again before its delay.
        #expect(try sender.sendDue(now: now.addingTimeInterval(30)) == OutboxSummary())
        #expect(try sender.sendDue(now: now.addingTimeInterval(60)) == OutboxSummary(failed: 1))
        let message = try row(id)
        #expect(message.status == .failed && message.attempts == 2)
        #expect(try lastActivity()?.contains("gave up after 2 attempts") == true)
        #expect(server.messages.isEmpty)
        // Once the server is back, a failed message stays failed: nothing goes out unasked.
        server.inject(nil)
        #expect(try sender.sendDue(now: now.addingTimeInterval(86_400)) == OutboxSummary())
    }

    @Test func doNotContactAfterQueueingStopsTheMessageBeforeAnyConnection() throws {
        let id = try queue()
        try db.writer.write { [siren] db in
            try ProspectActions(userID: 2, now: now).markDoNotContact(siren: siren, reason: "au téléphone", db)
        }
        #expect(try sender().sendDue(now: now) == OutboxSummary(blocked: 1))
        #expect(server.commands.isEmpty && server.messages.isEmpty)
        #expect(try row(id).status == .failed)
        #expect(try lastActivity()?.contains("ne plus contacter") == true)
    }

    // MARK: - The daemon's step

    static let quiet = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

    func runs() throws -> [RunRecord] { try db.writer.read { try RunJournal().recent($0, limit: 10) } }

    @Test func theDaemonStepSendsWhatIsDueAndJournalsIt() async throws {
        _ = try queue()
        let stage = OutboxStage(database: db, settings: mailSettings(), logger: Self.quiet, now: now)
        let (line, failed) = await stage.run(stop: StopSignal())
        #expect(!failed)
        #expect(line.hasPrefix("email: ok, 1 sent, 0 to retry, 0 failed"), "\(line)")
        #expect(server.messages.count == 1)
        let run = try #require(try runs().first)
        #expect(run.source == "email" && run.kind == "send" && run.status == .ok)
        #expect(run.counts.read == 1 && run.counts.new == 1)
        #expect(run.target == server.url)
    }

    @Test func withoutAServerTheStepIsSkippedUnlessMessagesWait() async throws {
        let off = OutboxStage(database: db, settings: MailSettings(), logger: Self.quiet, now: now)
        let skipped = await off.run(stop: StopSignal())
        #expect(!skipped.failed && skipped.line.hasPrefix("email: skipped — no [mail] url"))
        #expect(try runs().isEmpty)

        _ = try queue()
        let waiting = await off.run(stop: StopSignal())
        #expect(waiting.failed && waiting.line.contains("1 queued email(s) wait but no mail server is set"))
        #expect(try runs().first?.status == .failed)
    }

    @Test func anIncompleteSenderFailsTheStepWithTheKeyToSet() async throws {
        _ = try queue()
        var settings = mailSettings()
        settings.smtp.senderAddress = " "
        let (line, failed) = await OutboxStage(database: db, settings: settings, logger: Self.quiet, now: now)
            .run(stop: StopSignal())
        #expect(failed && line.contains("set sender_address in the [mail] section"))
        #expect(server.commands.isEmpty)
        #expect(try row(1).status == .queued)
    }

    @Test func thePassEndsWithTheEmailStep() async throws {
        _ = try queue(at: Date().addingTimeInterval(-1))
        var pass = TestPass.make(db, sources: [:])
        var config = pass.config
        config.mail = mailSettings()
        pass = DetectionPass(database: db, config: config, logger: Self.quiet)
        let report = await pass.run(stop: StopSignal())
        #expect(report.decisions.last?.hasPrefix("email: ok, 1 sent") == true, "\(report.decisions)")
        #expect(server.messages.count == 1)
    }
}
