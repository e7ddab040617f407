import Foundation

/// What the fake server answers, including the ways real servers misbehave.
public enum FakeResponse: Sendable {
    case bytes(Data, status: Int = 200, headers: [String: String] = [:])
    /// Waits before answering, to run past a client's timeout.
    indirect case delayed(seconds: Double, FakeResponse)
    /// Announces `declaredLength` bytes, sends only `partialBody`, then closes the connection.
    case truncated(status: Int = 200, declaredLength: Int, partialBody: String)
    /// Closes the connection after reading the request, without a word.
    case hangUp
    /// Sends the body in `chunks` pieces, `interval` seconds apart: a slow but live download.
    case trickle(Data, chunks: Int, interval: Double, status: Int = 200, headers: [String: String] = [:])

    public static func json(_ text: String, status: Int = 200, headers: [String: String] = [:]) -> FakeResponse {
        var all = ["Content-Type": "application/json"]
        for (name, value) in headers { all[name] = value }
        return .bytes(Data(text.utf8), status: status, headers: all)
    }

    /// A bare status, e.g. `.status(429, headers: ["Retry-After": "1"])`.
    public static func status(_ code: Int, body: String = "", headers: [String: String] = [:]) -> FakeResponse {
        .bytes(Data(body.utf8), status: code, headers: headers)
    }

    /// The server's answer when no handler was set.
    public static let noRoute = FakeResponse.json(#"{"error":"no route"}"#, status: 404)
}
