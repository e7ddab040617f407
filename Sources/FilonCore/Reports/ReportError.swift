/// Why a report cannot be built, in words that say what to change.
public enum ReportError: Error, Equatable, CustomStringConvertible {
    /// The first day comes after the last one.
    case reversedPeriod(since: String, until: String)
    /// More days than a report shows in one go.
    case periodTooLong(days: Int, maximum: Int)
    /// No CRM user has this login.
    case unknownUser(String)

    public var description: String {
        switch self {
        case .reversedPeriod(let since, let until):
            return "the period starts on \(since), after its last day \(until): swap the two dates"
        case .periodTooLong(let days, let maximum):
            return "the period spans \(days) days; a report covers \(maximum) at most: choose a later first day"
        case .unknownUser(let login):
            return "no CRM user has the login \(login): see `filon users list` for the logins"
        }
    }
}
