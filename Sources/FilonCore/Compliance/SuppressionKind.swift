/// What a suppression row blocks: one email address, one phone number, or a whole company.
public enum SuppressionKind: String, Sendable, CaseIterable, Codable {
    case email, phone, siren

    /// The comparable form hashed for this kind: the same normalisation as contact points
    /// (`ContactNormalizer`), so that "06 12 34 56 78" and "+33612345678" are one entry; a SIREN
    /// as its nine digits.
    public func normalize(_ value: String) -> String {
        switch self {
        case .email: ContactNormalizer.normalize(value, kind: .email)
        case .phone: ContactNormalizer.normalize(value, kind: .phone)
        case .siren: String(value.filter(\.isNumber))
        }
    }
}
