/// Why a change to the team's users was refused, in words that say what to do.
public enum UserError: Error, Equatable, CustomStringConvertible {
    case invalidLogin(String)
    case invalidName(String)
    case negativeCapacity(Int)
    case loginTaken(String)
    case unknownLogin(String)
    case unknownUser(Int)
    /// Nobody can act for an admin yet: the first user must be the admin.
    case firstUserMustBeAdmin(login: String)
    /// Disabling the last active admin would leave nobody to manage the team.
    case lastAdmin(login: String)

    public var description: String {
        switch self {
        case .invalidLogin(let login):
            return "the login \"\(login)\" is not valid: use 2 to 32 lower-case letters, digits, '.', '_' or '-' "
                + "(the person's OS login, like tina or j.dupont)"
        case .invalidName(let name):
            return
                "the name \"\(name)\" is not valid: give the person's name as the team says it, without control characters"
        case .negativeCapacity(let capacity):
            return "capacity \(capacity) is not valid: give the number of open prospects they can hold, 0 or more"
        case .loginTaken(let login): return "\(login) is already a CRM user: pick another login, or enable it"
        case .unknownLogin(let login): return "no CRM user \(login): see `filon users list`"
        case .unknownUser(let id): return "no CRM user with id \(id): see `filon users list`"
        case .firstUserMustBeAdmin(let login):
            return "there is no admin yet, so \(login) cannot be added: add the first admin first "
                + "(`filon users add LOGIN --role admin`)"
        case .lastAdmin(let login):
            return "\(login) is the last active admin: add or enable another admin before disabling \(login)"
        }
    }
}
