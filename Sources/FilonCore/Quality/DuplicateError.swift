/// Why a duplicate pair could not be dismissed, in words that say what to do.
public enum DuplicateError: Error, Equatable, CustomStringConvertible {
    case sameCompany(Int)
    case unknownCompany(Int)

    public var description: String {
        switch self {
        case .sameCompany(let siren):
            return "\(Siren.format(siren: siren)) twice: name the two companies of the pair"
        case .unknownCompany(let siren): return "no company \(Siren.format(siren: siren)): check the SIREN"
        }
    }
}
