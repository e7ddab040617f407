import Foundation
import Testing

@testable import FilonCore

private func sender(privacy: String? = nil) throws -> SenderIdentity {
    try SenderIdentity(
        name: "Léa Martin", company: "Atelier Web Martin", postalAddress: "12 rue des Lilas\n69001 Lyon",
        email: EmailAddress("lea@atelier-martin.fr"), unsubscribe: EmailAddress("stop@atelier-martin.fr"),
        privacyNoticeURL: privacy)
}

private let template = """
    Subject: Le site web de {{company}}

    Bonjour {{first_name|Madame, Monsieur}} {{last_name}},

    J'ai vu que {{company}} ({{city}}) a un site : {{ website_verdict }}.
    {{sender_name}}, {{sender_company}}
    """

private func values(_ sender: SenderIdentity) -> MergeValues {
    MergeValues(
        sender: sender,
        [.company: "Boulangerie Élodie", .lastName: "Dupré", .city: "Villeurbanne", .websiteVerdict: "weak website"])
}

/// A message to a prospect, dated and numbered so that its text is always the same.
private func message(_ draft: EmailDraft, to: String = "contact@boulangerie-elodie.fr") throws -> EmailMessage {
    try EmailMessage(
        draft: draft, to: Mailbox(name: "Élodie Dupré", address: EmailAddress(to)), sender: sender(),
        doNotContact: false, date: Date(timeIntervalSince1970: 1_780_000_000), messageID: "<m1@atelier-martin.fr>")
}

/// The header block of a formatted message, unfolded, by lower-cased name.
private func headers(_ text: String) -> [String: String] {
    let head = text.components(separatedBy: "\r\n\r\n")[0].replacingOccurrences(of: "\r\n ", with: " ")
    var result: [String: String] = [:]
    for line in head.components(separatedBy: "\r\n") {
        let parts = line.split(separator: ":", maxSplits: 1)
        result[parts[0].lowercased()] = parts[1].trimmingCharacters(in: .whitespaces)
    }
    return result
}

private func body(_ text: String) -> String {
    MIMEEncoding.decodeQuotedPrintable(
        text.components(separatedBy: "\r\n\r\n").dropFirst().joined(separator: "\r\n\r\n"))
}

@Suite struct EmailTemplateTests {
    @Test func mergesFieldsAndFallbacks() throws {
        let parsed = try EmailTemplate(parsing: template)
        #expect(
            parsed.fields == [.company, .firstName, .lastName, .city, .websiteVerdict, .senderName, .senderCompany])
        let draft = try parsed.render(values(sender()))
        #expect(draft.subject == "Le site web de Boulangerie Élodie")
        #expect(
            draft.body == """
                Bonjour Madame, Monsieur Dupré,

                J'ai vu que Boulangerie Élodie (Villeurbanne) a un site : weak website.
                Léa Martin, Atelier Web Martin
                """)
        var known = values(try sender())
        known[.firstName] = "Élodie"
        #expect(try parsed.render(known).body.hasPrefix("Bonjour Élodie Dupré,"))
    }

    @Test func unknownFieldIsNamedWithItsLine() {
        let text = "Subject: Bonjour\n\nLigne deux\nVotre ville : {{ville}}\n"
        #expect(throws: EmailTemplateError.unknownField(name: "ville", line: 4)) { try EmailTemplate(parsing: text) }
        let error = EmailTemplateError.unknownField(name: "ville", line: 4)
        #expect(error.description.hasPrefix("line 4: {{ville}} is not a merge field; use one of {{company}}"))
        #expect(throws: EmailTemplateError.unknownField(name: "societe", line: 1)) {
            try EmailTemplate(parsing: "Subject: {{societe}}\n\nBonjour")
        }
    }

    @Test func malformedTemplatesSayWhatIsWrong() {
        #expect(throws: EmailTemplateError.unclosedField(line: 3)) {
            try EmailTemplate(parsing: "Subject: x\n\nBonjour {{company")
        }
        #expect(throws: EmailTemplateError.emptyField(line: 3)) { try EmailTemplate(parsing: "Subject: x\n\n{{ }}") }
        #expect(throws: EmailTemplateError.missingSubject) { try EmailTemplate(parsing: "Bonjour\n\nMerci") }
        #expect(throws: EmailTemplateError.emptySubject) { try EmailTemplate(parsing: "Subject:  \n\nMerci") }
        #expect(throws: EmailTemplateError.emptyBody) { try EmailTemplate(parsing: "Subject: x\n\n\n") }
    }

    @Test func aMissingValueWithoutFallbackStopsTheMerge() throws {
        let parsed = try EmailTemplate(parsing: "Subject: x\n\nBonjour\n{{first_name}},")
        #expect(throws: EmailTemplateError.missingValue(field: .firstName, line: 4)) {
            try parsed.render(MergeValues([.firstName: "  "]))
        }
    }

    @Test func aMergedValueCannotAddHeaderLines() throws {
        let parsed = try EmailTemplate(parsing: "Subject: Pour {{company}}\n\nBonjour")
        let draft = try parsed.render(MergeValues([.company: "ACME\r\nBcc: everyone@example.com"]))
        #expect(draft.subject == "Pour ACME Bcc: everyone@example.com")
        let text = try message(draft).formatted()
        #expect(headers(text)["bcc"] == nil)
    }

    @Test func theEditedDraftIsReadBackAndLeftoverFieldsRefused() throws {
        let draft = try EmailTemplate(parsing: template).render(values(sender()))
        #expect(try EmailDraft(editorText: draft.editorText) == draft)
        let edited = draft.editorText.replacingOccurrences(of: "Bonjour", with: "Bonjour {{first_name}}")
        #expect(throws: EmailTemplateError.unmergedField(name: "first_name", line: 3)) {
            try EmailDraft(editorText: edited)
        }
    }

    @Test func accentsAreEncodedInHeadersAndBody() throws {
        let draft = EmailDraft(
            subject: "Votre présence en ligne, Boulangerie Élodie — une idée pour l'été à Villeurbanne",
            body: "Bonjour Élodie,\n" + String(repeating: "é", count: 60) + "\n.une ligne qui commence par un point")
        let text = try message(draft).formatted()
        #expect(text.unicodeScalars.allSatisfy { $0.isASCII })
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\r"))
        for line in text.components(separatedBy: "\r\n") { #expect(line.count <= 78) }
        let fields = headers(text)
        #expect(fields["subject"]?.hasPrefix("=?UTF-8?Q?Votre_pr=C3=A9sence") == true)
        #expect(MIMEEncoding.decodeHeader(fields["subject"] ?? "") == draft.subject)
        #expect(fields["from"] == "=?UTF-8?Q?L=C3=A9a_Martin?= <lea@atelier-martin.fr>")
        #expect(MIMEEncoding.decodeHeader(fields["to"] ?? "") == "Élodie Dupré <contact@boulangerie-elodie.fr>")
        #expect(fields["content-type"] == "text/plain; charset=UTF-8")
        #expect(fields["content-transfer-encoding"] == "quoted-printable")
        #expect(fields["mime-version"] == "1.0")
        #expect(fields["date"] == "Thu, 28 May 2026 20:26:40 +0000")
        #expect(fields["message-id"] == "<m1@atelier-martin.fr>")
        #expect(text.contains("Bonjour =C3=89lodie,\r\n"))
        #expect(text.contains("\r\n.une ligne qui commence par un point\r\n"))
        #expect(body(text).hasPrefix(draft.body + "\n\n-- \nLéa Martin\n"))
        #expect(text.hasSuffix("\r\n"))
    }

    @Test func asciiNamesWithSpecialsAreQuoted() throws {
        let draft = EmailDraft(subject: "Hello", body: "Hi")
        let to = Mailbox(name: "Dupont, \"Jean\"", address: try EmailAddress("jean@dupont.fr"))
        let built = try EmailMessage(draft: draft, to: to, sender: sender(), doNotContact: false)
        #expect(headers(built.formatted())["to"] == #""Dupont, \"Jean\"" <jean@dupont.fr>"#)
        #expect(headers(built.formatted())["subject"] == "Hello")
        let bare = try EmailMessage(
            draft: draft, to: Mailbox(address: try EmailAddress("jean@dupont.fr")), sender: sender(),
            doNotContact: false)
        #expect(headers(bare.formatted())["to"] == "<jean@dupont.fr>")
        #expect(bare.messageID.hasSuffix("@atelier-martin.fr>"))
    }

    @Test func senderIdentityAndUnsubscribeAreAlwaysThere() throws {
        // The operator deleted everything but one word in the editor: the footer is added anyway.
        let text = try message(EmailDraft(subject: "Bonjour", body: "Bonjour")).formatted()
        let decoded = body(text)
        let identity = try sender()
        let expected = [
            "Bonjour", "", "-- ", "Léa Martin", "Atelier Web Martin", "12 rue des Lilas", "69001 Lyon",
            "Vous recevez ce message à titre professionnel. " + identity.unsubscribeLine, "",
        ]
        #expect(decoded == expected.joined(separator: "\n"))
        #expect(decoded.contains("stop@atelier-martin.fr (objet : STOP)"))
        #expect(headers(text)["list-unsubscribe"] == "<mailto:stop@atelier-martin.fr?subject=unsubscribe>")
        let withNotice = try EmailMessage(
            draft: EmailDraft(subject: "x", body: "y"), to: Mailbox(address: EmailAddress("a@b.fr")),
            sender: sender(privacy: "https://atelier-martin.fr/donnees"), doNotContact: false)
        #expect(withNotice.body.hasSuffix("\nVos données et vos droits : https://atelier-martin.fr/donnees"))
    }

    @Test func anIncompleteSenderIsRefused() throws {
        let settings = SMTPSettings(
            url: "smtp://mail.example.fr:587", from: "lea@atelier-martin.fr", senderName: "Léa Martin",
            senderCompany: "  ", senderAddress: "12 rue des Lilas")
        #expect(throws: EmailError.incompleteSender(field: "company", setting: "sender_company")) {
            try settings.senderIdentity()
        }
        var noFrom = settings
        noFrom.senderCompany = "Atelier"
        noFrom.from = "lea"
        #expect(throws: EmailError.invalidAddress(role: "[mail] from", value: "lea", reason: "it has no @")) {
            try noFrom.senderIdentity()
        }
        noFrom.from = "lea@atelier-martin.fr"
        let identity = try noFrom.senderIdentity()
        #expect(identity.unsubscribe == identity.email)
    }

    @Test func doNotContactIsRefused() throws {
        let draft = EmailDraft(subject: "Bonjour", body: "Bonjour")
        let to = Mailbox(address: try EmailAddress("Contact@Boulangerie-Elodie.FR"))
        #expect(throws: EmailError.doNotContact("Contact@boulangerie-elodie.fr")) {
            try EmailMessage(draft: draft, to: to, sender: sender(), doNotContact: true)
        }
        let suppressed: Set<String> = ["contact@boulangerie-elodie.fr"]
        #expect(throws: EmailError.doNotContact("Contact@boulangerie-elodie.fr")) {
            try EmailMessage(
                draft: draft, to: to, sender: sender(), isDoNotContact: { suppressed.contains($0.value.lowercased()) })
        }
        #expect(EmailError.doNotContact("a@b.fr").description.contains("ne plus contacter"))
    }

    @Test func addressesAndHeadersAreChecked() throws {
        for bad in ["", "a b@c.fr", "a@b", "a@b.fr>\r\nRCPT TO:<x@y.fr", "élo@die.fr", "a..b@c.fr", "a@-b.fr"] {
            #expect(throws: EmailError.self) { try EmailAddress(bad, role: "recipient") }
        }
        #expect(try EmailAddress(" x.y+tag@Example.FR ").value == "x.y+tag@example.fr")
        let draft = EmailDraft(subject: "x", body: "y")
        let to = Mailbox(address: try EmailAddress("a@b.fr"))
        #expect(throws: EmailError.self) {
            try EmailMessage(
                draft: draft, to: to, sender: sender(), doNotContact: false, extraHeaders: [.init("Bcc", "z@z.fr")])
        }
        #expect(throws: EmailError.self) {
            try EmailMessage(
                draft: draft, to: to, sender: sender(), doNotContact: false,
                extraHeaders: [.init("X-Filon", "a\r\nBcc: z@z.fr")])
        }
        let tagged = try EmailMessage(
            draft: draft, to: to, sender: sender(), doNotContact: false,
            extraHeaders: [.init("X-Filon-Siren", "552 100 554")])
        #expect(headers(tagged.formatted())["x-filon-siren"] == "552 100 554")
    }

    @Test func quotedPrintableKeepsLinesShortAndRoundTrips() {
        let text = "a=b \t\n" + String(repeating: "x", count: 200) + "\nFrom Lyon\nfin "
        let encoded = MIMEEncoding.quotedPrintable(text)
        for line in encoded.components(separatedBy: "\r\n") {
            #expect(line.count <= 76)
            #expect(!line.hasSuffix(" ") && !line.hasSuffix("\t"))
        }
        #expect(encoded.hasPrefix("a=3Db =09\r\n"))
        #expect(encoded.contains("\r\n=46rom Lyon\r\n"))
        #expect(MIMEEncoding.decodeQuotedPrintable(encoded) == text)
    }

    @Test func settingsHideThePasswordAndTakeTheEnvironment() {
        var settings = SMTPSettings(
            url: "smtp://mail.example.fr:587", username: "lea", password: "s3cret", from: "lea@atelier-martin.fr",
            senderName: "Léa", senderCompany: "Atelier", senderAddress: "Lyon")
        #expect(!settings.description.contains("s3cret"))
        settings.applyEnvironment(["FILON_MAIL_PASSWORD": "other", "FILON_MAIL_URL": "smtps://smtp.example.fr:465"])
        #expect(settings.password == "other" && settings.url == "smtps://smtp.example.fr:465")
        #expect(settings.username == "lea")
        #expect(settings.startTLS == .required)
    }
}
