import Foundation

/// One call to a provider, before the client adds its User-Agent and Accept headers.
public struct HTTPRequest: Sendable {
    public var method: String
    public var url: URL
    public var headers: [String: String]
    public var body: Data?

    public init(method: String = "GET", url: URL, headers: [String: String] = [:], body: Data? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }

    /// The value of a header set on the request, whatever the case of its name.
    public func header(_ name: String) -> String? {
        let lowered = name.lowercased()
        return headers.first { $0.key.lowercased() == lowered }?.value
    }

    /// Joins a base URL (`https://api.insee.fr/api-sirene/3.11`, with or without a trailing slash) and a
    /// path, and appends the query with every value percent-encoded but the RFC 3986 unreserved
    /// characters: a Lucene query such as `dateCreationUniteLegale:[2026-11-01 TO *]` then reaches the
    /// server as written (a literal `+` is %2B, which servers would otherwise read as a space).
    public static func url(
        base: String, path: String, query: [(String, String)] = [], provider: String = "http"
    ) throws(HTTPError) -> URL {
        let trimmedBase = base.trimmingCharacters(in: .whitespaces)
        guard let parsed = URL(string: trimmedBase), let scheme = parsed.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = parsed.host, !host.isEmpty,
            parsed.query == nil, parsed.fragment == nil
        else { throw .badURL(provider: provider, url: base) }
        var text = trimmedBase
        while text.hasSuffix("/") { text.removeLast() }
        let encodedPath = path.addingPercentEncoding(withAllowedCharacters: pathAllowed) ?? path
        if !encodedPath.isEmpty {
            text += encodedPath.hasPrefix("/") ? encodedPath : "/" + encodedPath
        }
        if !query.isEmpty {
            text += "?" + query.map { encode($0.0) + "=" + encode($0.1) }.joined(separator: "&")
        }
        guard let url = URL(string: text) else { throw .badURL(provider: provider, url: text) }
        return url
    }

    /// RFC 3986 unreserved characters: everything else in a query name or value is percent-encoded.
    private static let unreserved = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    /// Path characters kept as they are; `%` is not among them, so paths are given unencoded.
    private static let pathAllowed = unreserved.union(CharacterSet(charactersIn: "/:@!$&'()*+,;="))

    private static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }
}
