/// A CRM user's role: what the core lets them do and what the screen offers.
public enum UserRole: String, CaseIterable, Sendable, Codable {
    case admin
    case commercial
    case telepro

    /// Telemarketers and sales reps work a call queue; admins watch and reassign.
    public var worksAQueue: Bool { self != .admin }

    /// The role as the team says it.
    public var label: String {
        switch self {
        case .admin: return "Admin"
        case .commercial: return "Commercial"
        case .telepro: return "Téléprospecteur"
        }
    }
}
