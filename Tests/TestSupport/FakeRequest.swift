import Foundation

/// A request as the fake server received it.
public struct FakeRequest: Sendable {
    public var method: String
    /// The path without its query, still percent-encoded as sent.
    public var path: String
    /// Query items percent-decoded; `+` stays `+` (the client encodes spaces as %20). A repeated name
    /// keeps its last value; `rawQuery` has them all.
    public var query: [String: String]
    public var rawQuery: String
    /// Header names are lowercased.
    public var headers: [String: String]
    public var body: Data

    public init(
        method: String, path: String, query: [String: String] = [:], rawQuery: String = "",
        headers: [String: String] = [:], body: Data = Data()
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.rawQuery = rawQuery
        self.headers = headers
        self.body = body
    }

    public func header(_ name: String) -> String? { headers[name.lowercased()] }

    /// Parses a request target (`/v3/siret?q=a%20b&nombre=20`) into its path and decoded query.
    public static func splitTarget(_ target: String) -> (path: String, rawQuery: String, query: [String: String]) {
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let path = String(parts[0])
        let rawQuery = parts.count > 1 ? String(parts[1]) : ""
        var query: [String: String] = [:]
        for item in rawQuery.split(separator: "&") where !item.isEmpty {
            let pair = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(pair[0]).removingPercentEncoding ?? String(pair[0])
            let value = pair.count > 1 ? (String(pair[1]).removingPercentEncoding ?? String(pair[1])) : ""
            query[name] = value
        }
        return (path, rawQuery, query)
    }
}
