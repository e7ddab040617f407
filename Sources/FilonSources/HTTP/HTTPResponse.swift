import Foundation

/// A provider's answer (any 2xx, or 304): status, headers with lowercased names, body.
public struct HTTPResponse: Sendable {
    public var provider: String
    public var status: Int
    /// Header names are lowercased.
    public var headers: [String: String]
    public var body: Data
    public var url: URL

    public init(provider: String, status: Int, headers: [String: String], body: Data, url: URL) {
        self.provider = provider
        self.status = status
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { $1 })
        self.body = body
        self.url = url
    }

    public func header(_ name: String) -> String? { headers[name.lowercased()] }

    /// Decodes the JSON body. A body that does not match `type` is `.malformed`, with the coding path of
    /// the offending field (`header.curseurSuivant: expected String, found number`) so a change in the
    /// provider's format can be pinned down from the journal alone. Unknown fields are ignored.
    public func decode<T: Decodable>(_ type: T.Type) throws(HTTPError) -> T {
        do {
            return try JSONDecoder().decode(type, from: body)
        } catch let error as DecodingError {
            throw .malformed(provider: provider, url: HTTPError.display(url), detail: describe(error))
        } catch {
            throw .malformed(provider: provider, url: HTTPError.display(url), detail: "\(error)")
        }
    }

    private func describe(_ error: DecodingError) -> String {
        switch error {
        case .typeMismatch(let expected, let context):
            return "\(Self.path(context.codingPath)): expected \(expected), found \(Self.found(context))"
        case .valueNotFound(let expected, let context):
            return "\(Self.path(context.codingPath)): expected \(expected), found null"
        case .keyNotFound(let key, let context):
            return "\(Self.path(context.codingPath + [key])): missing"
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty { return "not JSON: " + Self.excerpt(body, limit: 120) }
            return "\(Self.path(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }

    /// What the decoder met instead, taken from its message ("… but found number instead.").
    private static func found(_ context: DecodingError.Context) -> String {
        let message = context.debugDescription
        guard let start = message.range(of: "found ") else { return message }
        var rest = message[start.upperBound...]
        if let end = rest.range(of: " instead") { rest = rest[..<end.lowerBound] }
        return rest.trimmingCharacters(in: CharacterSet(charactersIn: " ."))
    }

    /// `etablissements[3].adresse.codePostal`; `(root)` for the top-level value.
    static func path(_ codingPath: [any CodingKey]) -> String {
        var text = ""
        for key in codingPath {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += (text.isEmpty ? "" : ".") + key.stringValue
            }
        }
        return text.isEmpty ? "(root)" : text
    }

    /// The start of a body for a message: control characters and line breaks become spaces, runs of
    /// spaces one, invalid UTF-8 the replacement character.
    static func excerpt(_ body: Data, limit: Int) -> String {
        if body.isEmpty { return "empty body" }
        let text = String(decoding: body.prefix(limit), as: UTF8.self)
        var out = ""
        var lastWasSpace = false
        for scalar in text.unicodeScalars {
            let isSpace = scalar.properties.isWhitespace || scalar.properties.generalCategory == .control
            if isSpace {
                if !lastWasSpace && !out.isEmpty { out.append(" ") }
            } else {
                out.unicodeScalars.append(scalar)
            }
            lastWasSpace = isSpace
        }
        while out.hasSuffix(" ") { out.removeLast() }
        return out + (body.count > limit ? "…" : "")
    }
}
