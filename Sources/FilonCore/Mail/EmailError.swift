/// Why an email cannot be built, with what to change. Nothing is sent when one of these is thrown.
public enum EmailError: Error, Equatable, CustomStringConvertible {
    /// `role` is where the address came from ("recipient", "[mail] from"…).
    case invalidAddress(role: String, value: String, reason: String)
    /// The recipient is marked "ne plus contacter" or is on the suppression list.
    case doNotContact(String)
    /// A part of the sender's identity is empty; `setting` is the `[mail]` key that fills it.
    case incompleteSender(field: String, setting: String)
    case invalidHeader(name: String, reason: String)

    public var description: String {
        switch self {
        case .invalidAddress(let role, let value, let reason):
            return "the \(role) \"\(value)\" is not a usable email address (\(reason)); correct it and try again"
        case .doNotContact(let address):
            return "\(address) is marked \"ne plus contacter\": no email may be sent to it; "
                + "lift the mark only if the person asked to be contacted again"
        case .incompleteSender(let field, let setting):
            return "the sender's \(field) is empty, and every prospecting email must identify its sender (CNIL); "
                + "set \(setting) in the [mail] section of the configuration"
        case .invalidHeader(let name, let reason):
            return "the header \"\(name)\" cannot be added (\(reason)); remove it or fix its name and value"
        }
    }
}
