/// Where a prospect stands in the sales pipeline. The eight steps are the customer's own words;
/// "ne plus contacter" and "archivé" are flags beside the status, not statuses.
public enum PipelineStatus: String, CaseIterable, Codable, Sendable {
    case nouveau
    case aContacter = "a_contacter"
    case contacte
    case interesse
    case aRelancer = "a_relancer"
    case client
    case nonInteresse = "non_interesse"
    case perdu

    /// The label an operator reads.
    public var label: String {
        switch self {
        case .nouveau: return "Nouveau"
        case .aContacter: return "À contacter"
        case .contacte: return "Contacté"
        case .interesse: return "Intéressé"
        case .aRelancer: return "À relancer"
        case .client: return "Client"
        case .nonInteresse: return "Non intéressé"
        case .perdu: return "Perdu"
        }
    }

    /// Whether the prospect is still being worked (not won, refused or lost).
    public var isOpen: Bool {
        switch self {
        case .client, .nonInteresse, .perdu: return false
        default: return true
        }
    }
}
