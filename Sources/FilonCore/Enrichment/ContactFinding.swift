/// An email, phone, website or profile a provider found, with what it knows of it.
public struct ContactFinding: Sendable, Equatable {
    public enum Kind: String, Sendable { case email, phone, website, linkedin, other }

    /// Generic (contact@) or nominative email; landline or mobile phone; company or person profile.
    public enum Subtype: String, Sendable {
        case generic, nominative, landline, mobile, company, person
    }

    /// Whether the value was checked: Dropcontact's qualification, or nothing.
    public enum Validation: String, Sendable {
        case unknown, valid
        case catchAll = "catch_all"
        case invalid
    }

    public var kind: Kind
    public var value: String
    public var subtype: Subtype?
    public var validation: Validation
    /// The director or employee it belongs to, when the provider says so.
    public var person: Director?
    public var label: String?

    public init(
        kind: Kind, value: String, subtype: Subtype? = nil, validation: Validation = .unknown, person: Director? = nil,
        label: String? = nil
    ) {
        self.kind = kind
        self.value = value
        self.subtype = subtype
        self.validation = validation
        self.person = person
        self.label = label
    }
}
