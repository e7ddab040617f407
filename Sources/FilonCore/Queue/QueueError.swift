/// Why a call could not be recorded, in words that say what to do.
public enum QueueError: Error, Equatable, CustomStringConvertible {
    case unknownProspect(Int)

    public var description: String {
        switch self {
        case .unknownProspect(let siren): return "no prospect \(Siren.format(siren: siren)): it must be scored first"
        }
    }
}
