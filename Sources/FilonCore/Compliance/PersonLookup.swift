/// How a data-protection request names the person: an email or phone they gave, or their name in
/// one company (a director or a sole trader's registry entry).
public enum PersonLookup: Sendable, Equatable, CustomStringConvertible {
    case email(String)
    case phone(String)
    case name(siren: Int, name: String)

    /// What the audit line names as the request's target. An email or phone appears as its
    /// suppression hash only: the audit outlives an erasure and must not keep the value.
    public var auditTarget: String {
        switch self {
        case .email(let value): "email " + String(SuppressionList.hash(value, kind: .email).prefix(16))
        case .phone(let value): "phone " + String(SuppressionList.hash(value, kind: .phone).prefix(16))
        case .name(let siren, _): "siren \(Siren.format(siren: siren))"
        }
    }

    public var description: String {
        switch self {
        case .email(let value): "the email \(value)"
        case .phone(let value): "the phone \(value)"
        case .name(let siren, let name): "\(name) at \(Siren.format(siren: siren))"
        }
    }
}
