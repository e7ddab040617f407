/// Why a data-protection request could not be answered, and what to do.
public enum ComplianceError: Error, Equatable, CustomStringConvertible {
    case emptyLookup
    case unknownCompany(Int)

    public var description: String {
        switch self {
        case .emptyLookup:
            return "the request names nobody: give --email, --phone, or --siren with --name \"NOM Prénom\""
        case .unknownCompany(let siren):
            return
                "no company \(Siren.format(siren: siren)) is stored: check the SIREN, or search by --email or --phone"
        }
    }
}
