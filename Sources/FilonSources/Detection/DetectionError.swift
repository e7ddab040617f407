import FilonCore

/// Why a detection source could not do its pass, in words that say what to do.
enum DetectionError: Error, CustomStringConvertible {
    case missingKey(ProviderID)
    case unexpected(ProviderID, String)

    var description: String {
        switch self {
        case .missingKey(let id):
            return
                "\(id.rawValue) needs a key: set \(id.environmentPrefix)API_KEY or [providers.\(id.rawValue)] api_key"
        case .unexpected(let id, let detail):
            return "\(id.rawValue) answered something unexpected: \(detail)"
        }
    }
}
