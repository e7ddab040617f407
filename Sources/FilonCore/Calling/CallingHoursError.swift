/// Why a line of calling hours cannot be read, with the form to write instead.
public enum CallingHoursError: Error, Equatable, CustomStringConvertible {
    case malformed(String)
    case endsBeforeStart(String)

    public var description: String {
        switch self {
        case .malformed(let text):
            return "\"\(text)\" must look like \"Mo-Fr 10:00-13:00\" (days Mo Tu We Th Fr Sa Su, "
                + "joined by - for a range or , for a list)"
        case .endsBeforeStart(let text):
            return "\"\(text)\" must end after it starts, like \"Mo-Fr 10:00-13:00\""
        }
    }
}
