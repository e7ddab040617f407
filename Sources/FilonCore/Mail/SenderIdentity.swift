import Foundation

/// Who sends: every prospecting email must identify its sender and offer a free way to object
/// (CNIL, B2B opt-out regime; RGPD art. 21). A value exists only when all of it is filled.
public struct SenderIdentity: Sendable, Equatable {
    public let name: String
    public let company: String
    /// The company's postal address, one line or several.
    public let postalAddress: String
    public let email: EmailAddress
    /// Where objections go; the sender's own address unless one is set.
    public let unsubscribe: EmailAddress
    /// The French privacy notice (art. 14 information), linked from every message when set.
    public let privacyNoticeURL: String?

    public init(
        name: String, company: String, postalAddress: String, email: EmailAddress,
        unsubscribe: EmailAddress? = nil, privacyNoticeURL: String? = nil
    ) throws(EmailError) {
        func filled(_ value: String, _ field: String, _ setting: String) throws(EmailError) -> String {
            let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty else { throw .incompleteSender(field: field, setting: setting) }
            return trimmed
        }
        self.name = MIMEEncoding.singleLine(try filled(name, "name", "sender_name"))
        self.company = MIMEEncoding.singleLine(try filled(company, "company", "sender_company"))
        self.postalAddress = try filled(postalAddress, "postal address", "sender_address")
        self.email = email
        self.unsubscribe = unsubscribe ?? email
        let url = privacyNoticeURL?.trimmingCharacters(in: .whitespacesAndNewlines)
        self.privacyNoticeURL = url?.isEmpty == false ? url : nil
    }

    /// The `List-Unsubscribe` value (RFC 2369): mail clients show it as an "unsubscribe" button.
    public var listUnsubscribe: String { "<mailto:\(unsubscribe.value)?subject=unsubscribe>" }

    /// The line offering to object, in French like the messages.
    public var unsubscribeLine: String {
        "Pour ne plus recevoir nos messages, écrivez à \(unsubscribe.value) (objet : STOP) ; "
            + "votre demande sera prise en compte sans délai."
    }

    /// Added under every message, after the signature separator.
    public var footer: String {
        var lines = ["-- ", name, company]
        lines += MIMEEncoding.normalizedBody(postalAddress).split(separator: "\n").map(String.init)
        lines.append("Vous recevez ce message à titre professionnel. " + unsubscribeLine)
        if let privacyNoticeURL { lines.append("Vos données et vos droits : \(privacyNoticeURL)") }
        return lines.joined(separator: "\n")
    }
}
