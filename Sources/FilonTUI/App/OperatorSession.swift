import FilonCore

/// The CRM user the screen works as.
public struct OperatorUser: Sendable, Equatable {
    public var id: Int
    public var login: String
    public var name: String
    public var role: UserRole

    public init(id: Int, login: String, name: String, role: UserRole) {
        self.id = id
        self.login = login
        self.name = name
        self.role = role
    }
}

/// Who opened the screen. Anyone can browse the newest companies; only an active CRM user acts on
/// prospects, and only a telemarketer or a sales rep has a call queue.
public enum OperatorSession: Sendable, Equatable {
    case user(OperatorUser)
    /// The login is not a CRM user (the demo has none): read-only.
    case unknown(login: String)
    /// The CRM user exists but is disabled: read-only.
    case disabled(OperatorUser)

    public var login: String {
        switch self {
        case .user(let user), .disabled(let user): return user.login
        case .unknown(let login): return login
        }
    }

    /// The user who may act, nil when read-only.
    public var activeUser: OperatorUser? {
        if case .user(let user) = self { return user }
        return nil
    }

    /// Whether the left pane is this user's call queue (else the newest companies).
    public var hasQueue: Bool { activeUser?.role.worksAQueue ?? false }

    /// Why nothing can be changed from this screen, with how to fix it; nil for an active user.
    public var readOnlyReason: String? {
        switch self {
        case .user: return nil
        case .unknown(let login):
            return "read-only: \(login) is not a CRM user (filon users add \(login) --role telepro)"
        case .disabled(let user):
            return "read-only: the CRM user \(user.login) is disabled (an admin enables it)"
        }
    }

    /// Who the header says is working.
    public var headerName: String {
        switch self {
        case .user(let user): return "\(user.name) (\(user.role.rawValue))"
        case .unknown(let login): return "\(login): no CRM user, read-only"
        case .disabled(let user): return "\(user.login): disabled, read-only"
        }
    }
}
