import Foundation

/// A message ready for SMTP: one recipient who is not under "ne plus contacter", the sender's
/// identity and an unsubscribe line always in the body, `List-Unsubscribe` always in the headers.
public struct EmailMessage: Sendable, Equatable {
    public struct Header: Sendable, Equatable {
        public var name: String
        public var value: String

        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    /// Headers the message sets itself; extra headers may not replace them (nor add recipients).
    static let reservedHeaders: Set<String> = [
        "date", "from", "sender", "to", "cc", "bcc", "subject", "message-id", "list-unsubscribe",
        "list-unsubscribe-post", "mime-version", "content-type", "content-transfer-encoding",
    ]

    public let sender: SenderIdentity
    public let to: Mailbox
    public let subject: String
    /// The text as sent, footer included, with LF line ends.
    public let body: String
    public let date: Date
    /// With its angle brackets: `<…@example.fr>`.
    public let messageID: String
    public let extraHeaders: [Header]

    public var from: Mailbox { Mailbox(name: sender.name, address: sender.email) }

    /// Builds the message, or refuses when the recipient may not be contacted. `isDoNotContact`
    /// is asked about the recipient's address (the prospect's flag, the suppression list…).
    public init(
        draft: EmailDraft, to: Mailbox, sender: SenderIdentity, isDoNotContact: (EmailAddress) -> Bool,
        extraHeaders: [Header] = [], date: Date = Date(), messageID: String? = nil
    ) throws(EmailError) {
        guard !isDoNotContact(to.address) else { throw .doNotContact(to.address.value) }
        let subject = MIMEEncoding.singleLine(draft.subject)
        guard !subject.isEmpty else { throw .invalidHeader(name: "Subject", reason: "it is empty; write a subject") }
        for header in extraHeaders {
            let name = header.name
            guard !name.isEmpty, name.unicodeScalars.allSatisfy({ (33...126).contains($0.value) && $0 != ":" }) else {
                throw .invalidHeader(name: name, reason: "a name is printable ASCII without spaces or colons")
            }
            guard !Self.reservedHeaders.contains(name.lowercased()) else {
                throw .invalidHeader(name: name, reason: "the message sets it itself")
            }
            guard MIMEEncoding.singleLine(header.value) == header.value else {
                throw .invalidHeader(name: name, reason: "its value has a line break or control character")
            }
        }
        let id = messageID ?? "<\(UUID().uuidString.lowercased())@\(sender.email.domain)>"
        guard id.hasPrefix("<"), id.hasSuffix(">"), id.contains("@"), MIMEEncoding.singleLine(id) == id,
            !id.contains(" "), id.unicodeScalars.allSatisfy(\.isASCII)
        else { throw .invalidHeader(name: "Message-ID", reason: "it must look like <unique@domain>") }
        self.sender = sender
        self.to = to
        self.subject = subject
        var text = MIMEEncoding.normalizedBody(draft.body)
        while text.hasSuffix("\n") { text.removeLast() }
        body = text + "\n\n" + sender.footer
        self.date = date
        self.messageID = id
        self.extraHeaders = extraHeaders
    }

    /// The same, for a caller that already knows whether the prospect is under "ne plus contacter".
    public init(
        draft: EmailDraft, to: Mailbox, sender: SenderIdentity, doNotContact: Bool, extraHeaders: [Header] = [],
        date: Date = Date(), messageID: String? = nil
    ) throws(EmailError) {
        try self.init(
            draft: draft, to: to, sender: sender, isDoNotContact: { _ in doNotContact }, extraHeaders: extraHeaders,
            date: date, messageID: messageID)
    }

    /// The headers as a reader sees them (not encoded), in the order they are written.
    public var headers: [Header] {
        func shown(_ box: Mailbox) -> String {
            let name = MIMEEncoding.singleLine(box.name ?? "")
            return name.isEmpty ? box.address.value : "\(name) <\(box.address.value)>"
        }
        return [
            Header("Date", MIMEEncoding.date(date)), Header("From", shown(from)), Header("To", shown(to)),
            Header("Subject", subject), Header("Message-ID", messageID),
            Header("List-Unsubscribe", sender.listUnsubscribe), Header("MIME-Version", "1.0"),
            Header("Content-Type", "text/plain; charset=UTF-8"),
            Header("Content-Transfer-Encoding", "quoted-printable"),
        ] + extraHeaders
    }

    /// The RFC 5322 text: CRLF line ends, non-ASCII header text as encoded words, headers folded
    /// under 78 characters, a quoted-printable UTF-8 body, a final CRLF. All of it is ASCII.
    public func formatted() -> String {
        var lines = [
            MIMEEncoding.headerLine("Date", [MIMEEncoding.date(date)]),
            MIMEEncoding.headerLine("From", from.headerTokens),
            MIMEEncoding.headerLine("To", to.headerTokens),
            MIMEEncoding.headerLine("Subject", MIMEEncoding.unstructuredTokens(subject)),
            MIMEEncoding.headerLine("Message-ID", [messageID]),
            MIMEEncoding.headerLine("List-Unsubscribe", [sender.listUnsubscribe]),
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=UTF-8",
            "Content-Transfer-Encoding: quoted-printable",
        ]
        for header in extraHeaders {
            lines.append(MIMEEncoding.headerLine(header.name, MIMEEncoding.unstructuredTokens(header.value)))
        }
        return lines.joined(separator: "\r\n") + "\r\n\r\n" + MIMEEncoding.quotedPrintable(body) + "\r\n"
    }
}
