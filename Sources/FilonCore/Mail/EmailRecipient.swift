/// One address a prospect may be written to, with the person who reads it when known.
public struct EmailRecipient: Sendable, Equatable {
    /// The name is the person's, so that the `To` header greets them.
    public var mailbox: Mailbox
    public var firstName: String?
    public var lastName: String?
    public var role: String?
    /// A person's own address (`jean.dupont@`), not a shared one (`contact@`).
    public var isNominative: Bool
    /// Where the address came from (a provider id, "website"…).
    public var source: String

    public init(
        mailbox: Mailbox, firstName: String? = nil, lastName: String? = nil, role: String? = nil,
        isNominative: Bool, source: String
    ) {
        self.mailbox = mailbox
        self.firstName = firstName
        self.lastName = lastName
        self.role = role
        self.isNominative = isNominative
        self.source = source
    }

    public var address: EmailAddress { mailbox.address }

    /// One line for a picker: `Jean Dupont, Gérant <jean.dupont@example.fr>` or the bare address.
    public var label: String {
        guard let name = mailbox.name else { return address.value }
        return name + (role.map { ", \($0)" } ?? "") + " <\(address.value)>"
    }
}
