/// The fields a template may name, written `{{company}}` or, with a fallback for when the
/// prospect has no value, `{{first_name|Madame, Monsieur}}`.
public enum MergeField: String, CaseIterable, Sendable {
    case company
    case siren
    case firstName = "first_name"
    case lastName = "last_name"
    case city
    case website
    case websiteVerdict = "website_verdict"
    case activity
    case senderName = "sender_name"
    case senderCompany = "sender_company"
    case senderEmail = "sender_email"
    case senderAddress = "sender_address"

    /// The names as written in templates, for error messages.
    public static var names: String { allCases.map { "{{\($0.rawValue)}}" }.joined(separator: ", ") }
}
