/// Any JSON value, for answers whose fields are copied by name rather than modelled one by one
/// (the Sirene API's variables are the stock file's columns).
enum JSONValue: Decodable, Sendable, Equatable {
    case string(String)
    case bool(Bool)
    case integer(Int)
    case number(Double)
    case object([String: JSONValue])
    case array([JSONValue])
    case null

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try Self.ifOfType({ try container.decode(String.self) }) {
            self = .string(value)
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else {
            do {
                self = .object(try container.decode([String: JSONValue].self))
            } catch DecodingError.typeMismatch(_, let context)
                where context.codingPath.count == decoder.codingPath.count
            {
                // Not an object, so an array. An object whose content failed (nested too deep)
                // keeps its own error: "expected an array" would name the wrong place and cause.
                self = .array(try container.decode([JSONValue].self))
            }
        }
    }

    /// The value, nil when it is of another type; a string that is there but broken (an invalid
    /// escape) keeps its error, which names the field, rather than becoming "expected an array".
    private static func ifOfType<T>(_ decode: () throws -> T) throws -> T? {
        do {
            return try decode()
        } catch DecodingError.typeMismatch {
            return nil
        }
    }

    subscript(key: String) -> JSONValue? {
        if case .object(let fields) = self { return fields[key] }
        return nil
    }

    /// The value as a CSV cell: text as it is, `true`/`false`, numbers without a useless `.0`;
    /// nil for null, objects and arrays.
    var scalarText: String? {
        switch self {
        case .string(let s): return s
        case .bool(let b): return b ? "true" : "false"
        case .integer(let n): return String(n)
        case .number(let d): return d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)
        case .object, .array, .null: return nil
        }
    }

    var isNull: Bool { self == .null }
}
