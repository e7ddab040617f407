/// Why a dial command cannot be configured or a call cannot be started, with what to change.
public enum DialError: Error, Equatable, CustomStringConvertible {
    /// The command names no program.
    case noProgram
    /// No argument says where the number goes.
    case noNumber
    /// `{…}` that is neither `{phone}` nor `{national}` (most likely a typo).
    case unknownPlaceholder(String)
    /// The number would choose the program run, which the argv form exists to prevent.
    case placeholderInProgram(String)
    /// The number holds something other than digits and separators, or too few or many digits.
    case implausibleNumber(String)
    /// The program is not in any folder of the PATH (searched, in order).
    case programNotFound(String, searched: [String])
    /// The file exists but cannot be executed.
    case notExecutable(String)
    /// The system refused to start it: the program's path and the system's reason.
    case couldNotStart(String, reason: String)

    static let key = "dial_command in the [calling] section of the configuration"
    static let example = #"["linphonecsh", "dial", "{phone}"]"#

    public var description: String {
        switch self {
        case .noProgram:
            return "the dial command is empty; write the program then its arguments, like \(Self.example), "
                + "or remove it to dial by hand"
        case .noNumber:
            return "the dial command must say where the number goes with {phone} (+33612345678) or {national} "
                + "(0612345678), like \(Self.example)"
        case .unknownPlaceholder(let text):
            return "\(text) is not a placeholder of the dial command; use {phone} (+33612345678) "
                + "or {national} (0612345678)"
        case .placeholderInProgram(let program):
            return "the dial command's program \"\(program)\" cannot contain the number; "
                + "put {phone} or {national} in an argument, like \(Self.example)"
        case .implausibleNumber(let text):
            return "\"\(text)\" is not a phone number that can be dialled: only digits, spaces, . - ( ) / and a "
                + "leading + are accepted, 7 to 15 digits in all, French or international; correct it on the "
                + "prospect's card, like 06 12 34 56 78 or +44 20 7946 0958"
        case .programNotFound(let program, let searched):
            let folders = searched.isEmpty ? "an empty PATH" : "the PATH (\(searched.joined(separator: ":")))"
            return "the dial program \(program) is not in \(folders); install it, or give its full path in "
                + Self.key
        case .notExecutable(let path):
            return "the dial program \(path) is not an executable file; make it one (chmod +x \(path)) "
                + "or fix \(Self.key)"
        case .couldNotStart(let path, let reason):
            return "the dial program \(path) could not start: \(reason); check that \(Self.key) names the "
                + "SIP client's program"
        }
    }
}
