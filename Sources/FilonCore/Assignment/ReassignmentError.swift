/// Why an admin's reassignment was refused as a whole, in words that say what to do. Single
/// prospects that cannot move are not errors: they come back in `ReassignmentSummary.skipped`.
public enum ReassignmentError: Error, Equatable, CustomStringConvertible {
    case unknownProspect(Int)
    case unknownUser(Int)
    /// The user cannot take prospects now, and why (disabled, absent, an admin, capacity 0).
    case cannotTake(login: String, why: String)
    /// "From tina to tina".
    case sameUser(login: String)

    public var description: String {
        switch self {
        case .unknownProspect(let siren):
            return "no prospect \(Siren.format(siren: siren)): it must be scored first (filond run)"
        case .unknownUser(let id): return "no CRM user with id \(id): see `filon users list`"
        case .cannotTake(let login, let why): return "\(login) cannot take prospects: \(why)"
        case .sameUser(let login):
            return "\(login)'s prospects cannot go to \(login): pick someone else, or leave out --to"
        }
    }
}
