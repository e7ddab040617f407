/// One reason to think two companies are the same business, with what they share.
public struct DuplicateEvidence: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case phone
        case email
        case website
        /// Near-identical names at the same postal code and street.
        case nameAndAddress = "name_address"
        /// A sole trader who ceased and registered again under a new SIREN.
        case soleTrader = "sole_trader"
    }

    public var kind: Kind
    /// What they share: the normalised phone or email, the website's host, the address, the person.
    public var value: String
    /// What an admin reads to decide.
    public var detail: String

    public init(kind: Kind, value: String, detail: String) {
        self.kind = kind
        self.value = value
        self.detail = detail
    }
}
