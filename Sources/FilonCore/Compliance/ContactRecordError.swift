/// Why a notice, an inbound contact or a history could not be recorded or read, in words that
/// say what to do.
public enum ContactRecordError: Error, Equatable, CustomStringConvertible {
    /// The SIREN has no prospect row: nobody worked it, so nobody was informed or heard from.
    case unknownProspect(Int)
    /// No company has this SIREN in the base.
    case unknownCompany(Int)
    /// A notice or contact dated in the future would make the proof worthless.
    case futureDate(String)

    public var description: String {
        switch self {
        case .unknownProspect(let siren):
            return "\(Siren.format(siren: siren)) is not a prospect yet: check the SIREN (filon history SIREN)"
        case .unknownCompany(let siren):
            return "no company \(Siren.format(siren: siren)) in the base: check the SIREN, or import it first"
        case .futureDate(let date):
            return "\(date) is in the future: record a notice or a contact once it has happened"
        }
    }
}
