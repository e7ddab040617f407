import FilonCore
import Foundation
import GRDB
import Testing

@testable import FilonTUI

/// A transport that keeps what it is given, or fails as told.
private final class KeptMail: MailTransport, @unchecked Sendable {
    struct Refused: Error, CustomStringConvertible {
        var description: String { "450 mailbox busy" }
    }

    private let lock = NSLock()
    private var kept: [EmailMessage] = []
    private var failing = false

    var messages: [EmailMessage] { lock.withLock { kept } }
    func fail() { lock.withLock { failing = true } }

    func send(_ message: EmailMessage) throws -> MailReceipt {
        try lock.withLock {
            if failing { throw Refused() }
            kept.append(message)
            return MailReceipt(
                messageID: message.messageID, recipient: message.to.address.value, subject: message.subject,
                sentAt: TestData.tuesday, serverReply: "250 2.0.0 queued as 4F2A")
        }
    }
}

@Suite("The email key")
struct EmailKeyTests {
    private let transport = KeptMail()

    /// Tina's day, two addresses on Atelier Éléonore (one nominative, the director's).
    private func database() throws -> AppDatabase {
        let database = try Workday.database()
        try database.writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO contact_point (siren, kind, value, normalized, subtype, source, retrieved_at)
                    VALUES (?, 'email', 'contact@atelier-eleonore.fr', 'contact@atelier-eleonore.fr', 'generic',
                            'website_audit', 'x'),
                           (?, 'email', 'eleonore.durand@atelier-eleonore.fr', 'eleonore.durand@atelier-eleonore.fr',
                            'nominative', 'dropcontact', 'x')
                    """, arguments: [Workday.eleonore, Workday.eleonore])
        }
        return database
    }

    private func templates() throws -> TemplateLibrary {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("filon-templates-\(UUID())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try "Subject: {{company}}, votre site\n\nBonjour {{first_name|Madame, Monsieur}},\n\nUn mot sur {{company}}.\n"
            .write(toFile: folder + "/a-premier.txt", atomically: true, encoding: .utf8)
        try "Subject: Relance\n\nBonjour,\n\nJe reviens vers vous.\n".write(
            toFile: folder + "/b-relance.txt", atomically: true, encoding: .utf8)
        return TemplateLibrary.load(directory: folder)
    }

    private func app(_ database: AppDatabase, mail: Bool = true) throws -> OperatorApp {
        let sender = try SenderIdentity(
            name: "Tina Morel", company: "Filon Web", postalAddress: "1 rue du Port, 44000 Nantes",
            email: try EmailAddress("tina@filon.example"))
        let service = MailService.outbox(
            database: database, outbox: EmailOutbox(), transport: transport, sender: sender,
            clock: { TestData.tuesday })
        return OperatorApp(
            database: database, databaseName: "test.sqlite", session: .user(Workday.tina),
            size: TerminalSize(width: 100, height: 30),
            services: OperatorServices(mail: mail ? service : nil, templates: try templates()),
            clock: { TestData.tuesday })
    }

    @Test("e: a template, an address, the draft in $EDITOR, y, then sent with the sender and the unsubscribe line")
    func sendFromTheCard() throws {
        let database = try database()
        let app = try app(database)
        var edited: String?
        app.editor = { text in
            edited = text
            return text.replacingOccurrences(of: "Un mot sur", with: "Quelques idées pour")
        }
        #expect(app.selectedSiren == Workday.eleonore)
        app.press("e")
        #expect(app.prompt?.choiceLines == ["a-premier", "b-relance"])
        app.press("1")
        let addresses = try #require(app.prompt?.choiceLines)
        #expect(addresses.count == 2)
        let nominative = try #require(addresses.firstIndex { $0.contains("eleonore.durand@") })
        app.press(.character(Character(String(nominative + 1))))
        // The merged draft went to the editor: the director's first name, the company.
        #expect(
            edited?.hasPrefix("Subject: Atelier Éléonore, votre site\n\nBonjour Éléonore,") == true, "\(edited ?? "")")
        #expect(app.prompt?.context == .confirmation)
        #expect(
            app.render().text.contains(
                "Send “Atelier Éléonore, votre site” to eleonore.durand@atelier-eleonore.fr? y = send"))
        #expect(transport.messages.isEmpty)
        app.press("y")
        let sent = try #require(transport.messages.first)
        #expect(sent.to.address.value == "eleonore.durand@atelier-eleonore.fr")
        #expect(sent.body.contains("Quelques idées pour Atelier Éléonore."))
        #expect(sent.formatted().contains("List-Unsubscribe: <mailto:tina@filon.example?subject=unsubscribe>"))
        #expect(sent.body.contains("Pour ne plus recevoir nos messages"))
        #expect(sent.body.contains("Filon Web"))
        #expect(
            app.message?.text
                == "email sent to eleonore.durand@atelier-eleonore.fr (server: 250 2.0.0 queued as 4F2A)")
        #expect(try database.value("SELECT status FROM email_outbox") == "sent")
        #expect(
            try database.value(
                "SELECT COUNT(*) FROM activity WHERE kind = 'email' AND user_id = 2 AND siren = ?", [Workday.eleonore])
                == 2)
        // The history on the card says so.
        #expect(app.historyEntries?.first?.kind == "email")
    }

    @Test("a server that does not take it now: the message waits in the outbox for filond")
    func retryLater() throws {
        let database = try database()
        let app = try app(database)
        app.editor = { $0 }
        transport.fail()
        app.press("e21y")
        #expect(app.message?.text.contains("not sent yet (") == true, "\(String(describing: app.message))")
        #expect(app.message?.text.hasSuffix("it waits in the outbox, filond tries again") == true)
        #expect(try database.value("SELECT status FROM email_outbox") == "queued")
        #expect(try database.value("SELECT attempts FROM email_outbox") == 1)
    }

    @Test("refusals: mail off, no address, the editor fails, no at the question, an unmerged field")
    func refusals() throws {
        let database = try database()
        let off = try app(database, mail: false)
        off.editor = { $0 }
        off.press("e")
        #expect(off.message?.text.hasPrefix("email is off: set url, from") == true)
        let app = try app(database)
        // No editor on this screen.
        app.press("e")
        #expect(app.message?.text == "no editor on this screen: email needs a terminal")
        struct Quit: Error, CustomStringConvertible {
            var description: String { "the editor vi stopped with status 1: nothing sent" }
        }
        app.editor = { _ in throw Quit() }
        app.press("e11")
        #expect(app.message?.text == "nothing sent: the editor vi stopped with status 1: nothing sent")
        app.editor = { $0 }
        app.press("e11n")
        #expect(app.message?.text == "cancelled: nothing sent")
        app.editor = { $0 + "\n{{company}}\n" }
        app.press("e11")
        #expect(app.message?.text.hasPrefix("nothing sent: ") == true)
        #expect(try database.value("SELECT COUNT(*) FROM email_outbox") == 0)
        // Le studio has no address.
        let studio = try #require(app.queueRows.firstIndex { $0.siren == Workday.studio })
        for _ in 0..<studio { app.press("j") }
        app.press("e")
        #expect(app.message?.text.hasPrefix("no email: ") == true, "\(String(describing: app.message))")
        #expect(transport.messages.isEmpty)
    }
}
