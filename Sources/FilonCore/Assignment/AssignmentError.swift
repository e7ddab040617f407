/// Why a manual assignment was refused, in words that say what to do.
public enum AssignmentError: Error, Equatable, CustomStringConvertible {
    case notAdmin(Int)
    case unavailable(Int)
    case unknownProspect(Int)

    public var description: String {
        switch self {
        case .notAdmin(let id): return "user \(id) is not an active admin: only admins assign by hand"
        case .unavailable(let id):
            return "user \(id) cannot take prospects (inactive, absent, not a sales role, or capacity 0)"
        case .unknownProspect(let siren): return "no prospect \(Siren.format(siren: siren)): score it first"
        }
    }
}
