import Foundation

/// One element of a JSON array decoded on its own: an item with a field of the wrong type becomes
/// a failure the source rejects, and the rest of the page is still used.
struct LenientItem<Item: Decodable>: Decodable {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let result: Result<Item, Failure>

    init(from decoder: any Decoder) {
        do {
            result = .success(try Item(from: decoder))
        } catch let error as DecodingError {
            result = .failure(Failure(description: Self.describe(error)))
        } catch {
            result = .failure(Failure(description: "\(error)"))
        }
    }

    /// `registre: expected String, found a number`, paths relative to the page.
    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case .typeMismatch(let type, let context):
            return "\(HTTPResponse.path(context.codingPath)): expected \(type)"
        case .valueNotFound(let type, let context):
            return "\(HTTPResponse.path(context.codingPath)): expected \(type), found null"
        case .keyNotFound(let key, let context):
            return "\(HTTPResponse.path(context.codingPath + [key])): missing"
        case .dataCorrupted(let context):
            return "\(HTTPResponse.path(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }
}

/// A text field that providers send as a string or as a number depending on the record
/// (`numeroannonce`, `annee_de_naissance`, a SIREN).
struct FlexibleString: Decodable, Equatable {
    let value: String

    init(_ value: String) { self.value = value }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            value = text
        } else if let number = try? container.decode(Int.self) {
            value = String(number)
        } else if let number = try? container.decode(Double.self) {
            value = String(number)
        } else {
            value = String(try container.decode(Bool.self))
        }
    }
}

/// A number sent as a JSON number or as a string ("48.8566"); a string that is not a number
/// reads as nil rather than failing its record.
struct FlexibleNumber: Decodable, Equatable {
    let value: Double?

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Double.self) {
            value = number
        } else {
            let text = try container.decode(String.self).trimmingCharacters(in: .whitespaces)
            value = Double(text.replacingOccurrences(of: ",", with: "."))
        }
    }

    /// Whole euros: accounts are published in euros, sometimes with a useless `.0`.
    var integer: Int? {
        guard let value, value.isFinite, abs(value) < 9e15 else { return nil }
        return Int(value.rounded())
    }
}

/// A list of texts, or a single text where an older version of the API sent one.
struct StringList: Decodable, Equatable {
    let values: [String]

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let list = try? container.decode([FlexibleString?].self) {
            values = list.compactMap { $0?.value }
        } else {
            values = [try container.decode(FlexibleString.self).value]
        }
    }
}

/// A field holding JSON encoded inside a string, as BODACC's `acte` or `jugement`. A string that
/// does not parse, or parses to another shape, gives nil: the record is used without that detail.
/// An object sent as such (not in a string) is read as well.
struct EmbeddedJSON<Content: Decodable>: Decodable {
    let content: Content?

    init(from decoder: any Decoder) {
        if let container = try? decoder.singleValueContainer(), let text = try? container.decode(String.self) {
            content = try? JSONDecoder().decode(Content.self, from: Data(text.utf8))
        } else {
            content = try? Content(from: decoder)
        }
    }
}
