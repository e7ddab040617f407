/// Why no email can be written to a prospect, with what to do instead.
public enum EmailComposerError: Error, Equatable, CustomStringConvertible {
    case noEmailAddress(company: String)
    /// Every address the card lists asked not to receive email.
    case allOptedOut(company: String)
    case doNotContact(company: String)
    case optedOut(address: String)
    /// The template needs a value this prospect lacks, or is wrong.
    case template(EmailTemplateError)

    public var description: String {
        switch self {
        case .noEmailAddress(let company):
            return "no email address is known for \(company): call instead, or have it enriched "
                + "(filond enrich SIREN) and add the address found to the card"
        case .allOptedOut(let company):
            return "every email address of \(company) asked not to receive email: call instead if the "
                + "prospect may still be called"
        case .doNotContact(let company):
            return "\(company) is marked \"ne plus contacter\": no email may be sent; lift the mark only if the "
                + "prospect asked to be contacted again"
        case .optedOut(let address):
            return "\(address) asked not to receive email: choose another address of the prospect, or call"
        case .template(let error):
            return "the template cannot be used for this prospect: \(error)"
        }
    }
}
