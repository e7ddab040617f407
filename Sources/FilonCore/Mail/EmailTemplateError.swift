/// Why a template or an edited draft cannot become an email; lines count from 1 in the text the
/// operator wrote, the `Subject:` line being line 1.
public enum EmailTemplateError: Error, Equatable, CustomStringConvertible {
    case missingSubject
    case emptySubject
    case emptyBody
    case unknownField(name: String, line: Int)
    case emptyField(line: Int)
    case unclosedField(line: Int)
    /// The prospect has no value for a field that has no fallback.
    case missingValue(field: MergeField, line: Int)
    /// An edited draft still holds a `{{field}}`: it would go out as written.
    case unmergedField(name: String, line: Int)

    public var description: String {
        switch self {
        case .missingSubject:
            return "line 1: the text must start with a line \"Subject: …\", then a blank line, then the message"
        case .emptySubject:
            return "line 1: the subject is empty; write one after \"Subject:\""
        case .emptyBody:
            return "the message has no text after the subject; write the message below the blank line"
        case .unknownField(let name, let line):
            return "line \(line): {{\(name)}} is not a merge field; use one of \(MergeField.names)"
        case .emptyField(let line):
            return "line \(line): {{}} names no field; use one of \(MergeField.names)"
        case .unclosedField(let line):
            return "line \(line): a field opened with {{ is not closed with }} on the same line"
        case .missingValue(let field, let line):
            return "line \(line): this prospect has no \(field.rawValue); fill it on the card, or give a fallback "
                + "like {{\(field.rawValue)|Madame, Monsieur}}"
        case .unmergedField(let name, let line):
            return "line \(line): {{\(name)}} would be sent as written; replace it with the text you mean"
        }
    }
}
