/// Why an action on a prospect was refused, in words an operator can act on.
public enum ActionError: Error, Equatable, CustomStringConvertible {
    case inactiveUser(Int)
    case unknownProspect(Int)
    case notYourProspect(owner: String?)
    case doNotContact(Int)
    case changedMeanwhile(Int)
    case followUpInThePast(String)
    case emptyNote

    public var description: String {
        switch self {
        case .inactiveUser: return "your CRM user is disabled: ask an admin"
        case .unknownProspect(let siren): return "no prospect \(Siren.format(siren: siren))"
        case .notYourProspect(let owner):
            return "this prospect is \(owner.map { "\($0)'s" } ?? "nobody's"): ask an admin to reassign it"
        case .doNotContact:
            return "this prospect asked not to be contacted: no call, email or callback (a note is allowed)"
        case .changedMeanwhile:
            return "someone changed this prospect meanwhile: reload it (R) and try again"
        case .followUpInThePast(let date): return "the callback date \(date) is past: pick a later one"
        case .emptyNote: return "the note is empty"
        }
    }
}
