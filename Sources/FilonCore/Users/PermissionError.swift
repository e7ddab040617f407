/// Why the core refused someone an action their role or state does not allow, in words that say
/// what to do.
public enum PermissionError: Error, Equatable, CustomStringConvertible {
    /// The acting user id is no CRM user.
    case unknownUser(Int)
    /// The login at the keyboard is no CRM user.
    case unknownLogin(String)
    /// The acting user exists but is disabled.
    case inactive(login: String)
    /// Only an admin may do `action` ("reassign prospects", "add users"…).
    case notAdmin(login: String, action: String)
    /// An admin action was asked without saying which admin acts.
    case noActor(action: String)

    public var description: String {
        switch self {
        case .unknownUser(let id):
            return "user \(id) is not a CRM user: an admin adds it with `filon users add LOGIN --role …`"
        case .unknownLogin(let login):
            return "\(login) is not a CRM user: an admin adds it with `filon users add \(login) --role …`"
        case .inactive(let login): return "the CRM user \(login) is disabled: ask an admin to enable it"
        case .notAdmin(let login, let action):
            return "only an admin can \(action); \(login) is not an active admin: ask an admin"
        case .noActor(let action): return "only an admin can \(action): act as an active admin"
        }
    }
}
