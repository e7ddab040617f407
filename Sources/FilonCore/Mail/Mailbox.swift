/// An address with the name shown next to it: `Léa Martin <lea@example.fr>`.
public struct Mailbox: Sendable, Hashable {
    public var name: String?
    public var address: EmailAddress

    public init(name: String? = nil, address: EmailAddress) {
        self.name = name
        self.address = address
    }

    /// The header form: the name as words, a quoted string or encoded words, then the address in
    /// angle brackets; a missing or blank name leaves the bare address.
    var headerTokens: [String] {
        let name = MIMEEncoding.singleLine(self.name ?? "")
        return (name.isEmpty ? [] : MIMEEncoding.phraseTokens(name)) + ["<\(address.value)>"]
    }
}
