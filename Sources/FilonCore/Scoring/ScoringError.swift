/// Scoring could not finish; the batches committed before it are kept.
public enum ScoringError: Error, Equatable, CustomStringConvertible {
    /// The database stayed locked by another process past the busy timeout.
    case locked(after: Int?)
    case database(after: Int?, message: String)

    public var description: String {
        switch self {
        case .locked(let siren):
            return "scoring waited 10 s for the database, locked by another process (a long import?)"
                + Self.kept(siren) + "; run it again in a moment"
        case .database(let siren, let message):
            return "scoring failed: \(message)" + Self.kept(siren)
                + "; check the database with `filond status` and run it again"
        }
    }

    private static func kept(_ siren: Int?) -> String {
        siren.map { ". Companies up to SIREN \(Siren.format(siren: $0)) are scored and saved" } ?? ""
    }
}
