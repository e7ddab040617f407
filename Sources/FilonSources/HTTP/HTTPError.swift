import Foundation

/// Why a call to a provider failed, once the client has retried what is worth retrying. Each message
/// names the provider and what to do; URLs are shown as path and query with any key-like parameter
/// removed, so messages can go to logs and to the run journal as they are.
public enum HTTPError: Error, Equatable, CustomStringConvertible {
    case badURL(provider: String, url: String)
    /// 401 or 403: the key is missing, wrong or not subscribed to this API.
    case unauthorized(provider: String, status: Int)
    case notFound(provider: String, url: String)
    /// 429 on every attempt; `retryAfter` is the last delay the server asked for, in seconds.
    case rateLimited(provider: String, retryAfter: Double?)
    /// 5xx on every attempt.
    case server(provider: String, status: Int, excerpt: String)
    /// A 4xx other than 401, 403, 404 and 429: the request itself is wrong, retrying will not help.
    case client(provider: String, status: Int, excerpt: String)
    case timeout(provider: String, url: String)
    /// Connection refused or lost, connection closed before the whole body, DNS failure…
    case transport(provider: String, url: String, detail: String)
    case tooLarge(provider: String, url: String, limit: Int)
    /// The answer is not what the provider documents (not JSON, a field of the wrong type…).
    case malformed(provider: String, url: String, detail: String)

    public var provider: String {
        switch self {
        case .badURL(let provider, _), .unauthorized(let provider, _), .notFound(let provider, _),
            .rateLimited(let provider, _), .server(let provider, _, _), .client(let provider, _, _),
            .timeout(let provider, _), .transport(let provider, _, _), .tooLarge(let provider, _, _),
            .malformed(let provider, _, _):
            return provider
        }
    }

    public var description: String {
        switch self {
        case .badURL(let provider, let url):
            return
                "\(provider): '\(Self.redacted(url))' is not an http(s) URL; fix the provider's base URL in the configuration."
        case .unauthorized(let provider, let status):
            return "\(provider): the API key was refused (HTTP \(status)); check \(Self.keyVariable(provider))."
        case .notFound(let provider, let url):
            return
                "\(provider): \(Self.redacted(url)) was not found (HTTP 404); check the base URL and the identifier asked for."
        case .rateLimited(let provider, let retryAfter):
            let asked = retryAfter.map { " (the server asked to wait \(Self.seconds($0)))" } ?? ""
            return
                "\(provider): still rate limited (HTTP 429) after every retry\(asked); lower its rate_per_minute or run again later."
        case .server(let provider, let status, let excerpt):
            return
                "\(provider): server error HTTP \(status) after every retry\(Self.quoted(excerpt)); the service is probably down, run again later."
        case .client(let provider, let status, let excerpt):
            return
                "\(provider): the request was rejected with HTTP \(status)\(Self.quoted(excerpt)); check the query and the provider's settings."
        case .timeout(let provider, let url):
            return
                "\(provider): no answer from \(Self.redacted(url)) within the timeout, after every retry; check the network or raise the timeout."
        case .transport(let provider, let url, let detail):
            return
                "\(provider): the connection for \(Self.redacted(url)) failed (\(detail)); check the network and the base URL."
        case .tooLarge(let provider, let url, let limit):
            return
                "\(provider): the answer from \(Self.redacted(url)) is larger than the \(limit) bytes allowed; ask for smaller pages."
        case .malformed(let provider, let url, let detail):
            return
                "\(provider): unexpected answer from \(Self.redacted(url)) (\(detail)); the API may have changed, check the provider's documentation."
        }
    }

    /// The environment variable holding a provider's key: `FILON_SIRENE_API_API_KEY`.
    public static func keyVariable(_ provider: String) -> String { "FILON_" + provider.uppercased() + "_API_KEY" }

    /// A URL as shown in messages: path and query only, without credentials or key-like query items.
    public static func display(_ url: URL) -> String { redacted(url.absoluteString) }

    /// Removes user info, scheme and host, and the query items that carry secrets, from a URL string.
    /// A string that does not parse is shown up to its query, which is where keys would be.
    public static func redacted(_ url: String) -> String {
        guard var components = URLComponents(string: url) else {
            return String(url.prefix { $0 != "?" })
        }
        let wasRelative = components.scheme == nil && components.host == nil
        components.user = nil
        components.password = nil
        if let items = components.percentEncodedQueryItems {
            let kept = items.filter { !isSecretName($0.name) }
            components.percentEncodedQueryItems = kept.isEmpty ? nil : kept
        }
        if wasRelative { return components.string ?? String(url.prefix { $0 != "?" }) }
        let path = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
        return path + (components.percentEncodedQuery.map { "?" + $0 } ?? "")
    }

    /// Whether a query item or header name carries a secret (`key`, `api_key`, `apiKey`, `token`…).
    static func isSecretName(_ name: String) -> Bool {
        let lowered = name.lowercased()
        return ["key", "token", "secret", "password", "authorization"].contains { lowered.contains($0) }
    }

    private static func quoted(_ excerpt: String) -> String { excerpt.isEmpty ? "" : ": \"\(excerpt)\"" }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : String(format: "%.1f s", value)
    }
}
