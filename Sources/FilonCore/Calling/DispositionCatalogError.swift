/// Why outcome keys or recycling rules cannot be used, with what to change. Outcomes are named as
/// in the configuration (`not_interested`).
public enum DispositionCatalogError: Error, Equatable, CustomStringConvertible {
    case invalidKey(Disposition, String)
    case duplicateKey(String, [Disposition])
    case notRecyclable(Disposition)

    public var description: String {
        switch self {
        case .invalidKey(let d, let key):
            return "\(d.rawValue) must have one visible character as its key, like \"\(d.defaultKey)\", not \"\(key)\""
        case .duplicateKey(let key, let ds):
            return "\"\(key)\" is the key of \(ds.map(\.rawValue).joined(separator: " and ")); "
                + "give each outcome its own key (moving one may mean moving the outcome that had it)"
        case .notRecyclable(let d):
            let why: String
            switch d {
            case .callback: why = "a callback is due at the date the operator gives"
            case .notInterested: why = "a refusal rests for rest_after_refusal_days"
            case .wrongNumber, .doNotCall: why = "that number must never be dialled again"
            default: why = "it ends the calling"
            }
            let recyclable = Disposition.allCases.filter(\.isRecyclable).map(\.rawValue).sorted()
            return
                "\(d.rawValue) cannot be recycled (\(why)); remove it. Only \(recyclable.joined(separator: ", ")) can"
        }
    }
}
