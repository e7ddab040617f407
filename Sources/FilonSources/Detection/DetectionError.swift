import FilonCore

/// Why a detection source could not do its pass, in words that say what to do.
enum DetectionError: Error, CustomStringConvertible {
    case missingKey(ProviderID)
    /// A source that logs in with an account was given a key that is not `username:password`.
    case badLogin(ProviderID)
    case unexpected(ProviderID, String)

    var description: String {
        switch self {
        case .missingKey(let id):
            return
                "\(id.rawValue) needs a key: set \(id.environmentPrefix)API_KEY or [providers.\(id.rawValue)] api_key"
        case .badLogin(let id):
            return
                "\(id.rawValue) logs in with an account: set \(id.environmentPrefix)API_KEY or [providers.\(id.rawValue)] api_key to username:password"
        case .unexpected(let id, let detail):
            return "\(id.rawValue) answered something unexpected: \(detail)"
        }
    }
}
