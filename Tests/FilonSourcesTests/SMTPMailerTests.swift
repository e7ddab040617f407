import FilonCore
import Foundation
import TestSupport
import Testing

@testable import FilonSources

/// Settings for the sink: no TLS (it has none). The timeout is generous for a loaded CI machine;
/// the stall tests shorten it so that the failures stay fast.
private func settings(
    _ url: String, username: String? = nil, password: String? = nil, timeout: Double = 10
) -> SMTPSettings {
    SMTPSettings(
        url: url, username: username, password: password, startTLS: .never, from: "lea@atelier-martin.fr",
        senderName: "Léa Martin", senderCompany: "Atelier Web Martin", senderAddress: "12 rue des Lilas, 69001 Lyon",
        unsubscribeAddress: "stop@atelier-martin.fr", timeout: timeout, connectTimeout: timeout)
}

private func message(to address: String = "elodie@boulangerie-elodie.fr", body: String? = nil) throws -> EmailMessage {
    let draft = EmailDraft(
        subject: "Le site web de la Boulangerie Élodie",
        body: body ?? "Bonjour Élodie,\n\nVoici une idée pour l'été.\nMerci, à bientôt !")
    return try EmailMessage(
        draft: draft, to: Mailbox(name: "Élodie Dupré", address: EmailAddress(address)),
        sender: settings("smtp://unused").senderIdentity(), doNotContact: false)
}

/// The MailError a send threw, or nil when it succeeded.
private func mailError(_ mailer: SMTPMailer, _ message: EmailMessage) -> MailError? {
    do {
        _ = try mailer.send(message)
        return nil
    } catch {
        return error
    }
}

@Suite struct SMTPMailerTests {
    @Test func theMessageArrivesIntact() throws {
        let server = try FakeSMTPServer()
        // Lines starting with a dot, and a lone dot, must survive dot-stuffing both ways.
        let sent = try message(body: "Bonjour Élodie,\n.net ou .fr ?\n.\n..\nÀ bientôt, ça ira vite.")
        let receipt = try SMTPMailer(settings: settings(server.url)).send(sent)
        let received = try #require(server.messages.first)
        #expect(server.messages.count == 1)
        #expect(received.mailFrom == "lea@atelier-martin.fr")
        #expect(received.recipients == ["elodie@boulangerie-elodie.fr"])
        #expect(received.user == nil)
        #expect(received.text == sent.formatted())
        let body = received.text.components(separatedBy: "\r\n\r\n").dropFirst().joined(separator: "\r\n\r\n")
        #expect(MIMEEncoding.decodeQuotedPrintable(body).hasPrefix("Bonjour Élodie,\n.net ou .fr ?\n.\n..\nÀ bientôt"))
        #expect(receipt.serverReply == "250 2.0.0 Ok: queued as FAKE1")
        #expect(receipt.messageID == sent.messageID && receipt.recipient == "elodie@boulangerie-elodie.fr")
        // The sender's domain is given in EHLO, as real servers expect.
        #expect(server.commands == ["EHLO atelier-martin.fr", "MAIL", "RCPT", "DATA", "QUIT"])
    }

    @Test(arguments: ["PLAIN", "LOGIN"]) func logsIn(mechanism: String) throws {
        let server = try FakeSMTPServer()
        server.requireLogin(user: "lea", password: "pa:ss wörd", mechanisms: [mechanism])
        let mailer = try SMTPMailer(settings: settings(server.url, username: "lea", password: "pa:ss wörd"))
        _ = try mailer.send(try message())
        #expect(server.messages.first?.user == "lea")
        #expect(server.commands.contains("AUTH " + mechanism.uppercased()))
    }

    @Test func aWrongPasswordSaysSo() throws {
        let server = try FakeSMTPServer()
        server.requireLogin(user: "lea", password: "right")
        let error = mailError(
            try SMTPMailer(settings: settings(server.url, username: "lea", password: "wrong")), try message())
        guard case .authenticationFailed(let user, let reply) = error else {
            Issue.record("expected authenticationFailed, got \(String(describing: error))")
            return
        }
        #expect(user == "lea" && reply.hasPrefix("535"))
        #expect(error?.description.contains("FILON_MAIL_PASSWORD") == true)
        #expect(error?.description.contains("wrong") == false)
        #expect(server.messages.isEmpty)
    }

    @Test func aServerWantingALoginSaysSo() throws {
        let server = try FakeSMTPServer()
        server.requireLogin(user: "lea", password: "right")
        let error = mailError(try SMTPMailer(settings: settings(server.url)), try message())
        guard case .authenticationRequired(_, let reply) = error else {
            Issue.record("expected authenticationRequired, got \(String(describing: error))")
            return
        }
        #expect(reply.hasPrefix("530"))
    }

    @Test func aRefusedRecipientIsATypedError() throws {
        let server = try FakeSMTPServer()
        server.refuseRecipient("nobody@boulangerie-elodie.fr")
        let error = mailError(
            try SMTPMailer(settings: settings(server.url)), try message(to: "nobody@boulangerie-elodie.fr"))
        #expect(
            error
                == .recipientRefused(
                    address: "nobody@boulangerie-elodie.fr", code: 550, reply: "550 5.1.1 Mailbox unavailable"))
        #expect(error?.description.contains("correct it on the card") == true)
        #expect(server.messages.isEmpty)
    }

    @Test func aServerDownIsATypedError() throws {
        let port = try FakeSMTPServer.closedPort()
        let error = mailError(try SMTPMailer(settings: settings("smtp://127.0.0.1:\(port)")), try message())
        #expect(error == .connectionRefused(server: "127.0.0.1:\(port)"))
    }

    @Test func aStalledServerTimesOut() throws {
        let server = try FakeSMTPServer()
        server.inject(.stall(at: .greeting))
        let error = mailError(try SMTPMailer(settings: settings(server.url, timeout: 0.6)), try message())
        #expect(error == .timeout(server: "127.0.0.1:\(server.port)", seconds: 0.6, afterMessage: false))
    }

    @Test func aStallAfterTheMessageWarnsItMayHaveGone() throws {
        let server = try FakeSMTPServer()
        server.inject(.stall(at: .endOfData))
        let error = mailError(try SMTPMailer(settings: settings(server.url, timeout: 0.6)), try message())
        #expect(error == .timeout(server: "127.0.0.1:\(server.port)", seconds: 0.6, afterMessage: true))
        #expect(error?.description.contains("may have been sent") == true)
    }

    @Test func aDroppedConnectionIsATypedError() throws {
        let server = try FakeSMTPServer()
        server.inject(.drop(at: .mailFrom))
        let error = mailError(try SMTPMailer(settings: settings(server.url)), try message())
        guard case .connectionLost(let address, _) = error else {
            Issue.record("expected connectionLost, got \(String(describing: error))")
            return
        }
        #expect(address == "127.0.0.1:\(server.port)")
    }

    @Test func requiredStartTLSIsNotSkipped() throws {
        let server = try FakeSMTPServer()
        var required = settings(server.url)
        required.startTLS = .required
        let error = mailError(try SMTPMailer(settings: required), try message())
        #expect(error == .startTLSUnavailable(server: "127.0.0.1:\(server.port)"))
        #expect(server.messages.isEmpty)
        required.startTLS = .opportunistic
        _ = try SMTPMailer(settings: required).send(try message())
        #expect(server.messages.count == 1)
    }

    @Test func aBadURLIsRefusedBeforeSending() {
        for url in ["http://mail.example.fr", "mail.example.fr:587", "smtp://", "smtp://u:secret@/"] {
            #expect(throws: MailError.self) { try SMTPMailer(settings: settings(url)) }
        }
        #expect(throws: MailError.invalidURL("smtp://mail.example.fr:587?x=1")) {
            try SMTPMailer(settings: settings("smtp://user:secret@mail.example.fr:587?x=1"))
        }
    }
}
