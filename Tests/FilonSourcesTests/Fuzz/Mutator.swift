import FilonSources
import TestSupport

/// Turns seeds into hostile inputs: byte-level mutations for any format, and mutations that know
/// the format's syntax (JSON, CSV, TOML, HTML) to get past the first check. Each input is one to
/// three stacked mutations of a seed, named in `applied` for the failure message.
struct Mutator {
    let format: FuzzFormat
    let seeds: [[UInt8]]
    var random: SplitMix64
    private(set) var applied: [String] = []

    init(format: FuzzFormat, seeds: [[UInt8]], random: SplitMix64) {
        self.format = format
        self.seeds = seeds
        self.random = random
    }

    /// A new input from a random seed.
    mutating func input() -> [UInt8] {
        var bytes = seeds.randomElement(using: &random) ?? []
        for _ in 0..<Int.random(in: 1...3, using: &random) {
            bytes = mutate(bytes)
            if bytes.count > FuzzBudget.maxInputBytes {
                bytes.removeLast(bytes.count - FuzzBudget.maxInputBytes)
            }
        }
        return bytes
    }

    private mutating func mutate(_ bytes: [UInt8]) -> [UInt8] {
        // Half the time the syntax-aware mutations, which find more than noise does.
        if Bool.random(using: &random) {
            switch format {
            case .json: return json(bytes)
            case .csv: return csv(bytes)
            case .toml: return toml(bytes)
            case .html: return html(bytes)
            case .binary: return zip(bytes)
            }
        }
        return plain(bytes)
    }

    // MARK: - Any format

    private mutating func plain(_ input: [UInt8]) -> [UInt8] {
        var bytes = input
        let kind = Int.random(in: 0..<9, using: &random)
        let at = position(in: bytes)
        switch kind {
        case 0:
            applied.append("bit flips")
            for _ in 0..<Int.random(in: 1...4, using: &random) where !bytes.isEmpty {
                bytes[index(in: bytes)] ^= 1 << UInt8.random(in: 0...7, using: &random)
            }
        case 1:
            applied.append("interesting byte")
            let byte = Self.interestingBytes.randomElement(using: &random)!
            if bytes.isEmpty { bytes = [byte] } else { bytes[index(in: bytes)] = byte }
        case 2:
            applied.append("random bytes inserted")
            bytes.insert(
                contentsOf: (0..<Int.random(in: 1...8, using: &random)).map { _ in
                    UInt8.random(in: 0...255, using: &random)
                }, at: at)
        case 3:
            applied.append("range deleted")
            bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...64, using: &random)))
        case 4:
            applied.append("range duplicated")
            let end = min(bytes.count, at + Int.random(in: 1...256, using: &random))
            bytes.insert(contentsOf: bytes[at..<end], at: position(in: bytes))
        case 5:
            applied.append("truncated")
            bytes.removeSubrange(at...)
        case 6:
            applied.append("spliced with another seed")
            let other = seeds.randomElement(using: &random) ?? []
            bytes = Array(bytes[..<at]) + other[position(in: other)...]
        case 7:
            applied.append("invalid UTF-8")
            bytes.insert(contentsOf: Self.invalidUTF8.randomElement(using: &random)!, at: at)
        default:
            applied.append("format token")
            bytes.insert(contentsOf: Array(token().utf8), at: at)
        }
        return bytes
    }

    static let interestingBytes: [UInt8] = [
        0x00, 0x01, 0x09, 0x0A, 0x0D, 0x20, 0x22, 0x27, 0x2C, 0x2E, 0x3A, 0x3C, 0x3E, 0x5B, 0x5C, 0x5D, 0x7B, 0x7D,
        0x7F, 0x80, 0xBF, 0xC0, 0xC3, 0xE2, 0xED, 0xEF, 0xF0, 0xF4, 0xFE, 0xFF,
    ]
    /// A lone lead byte, a lone continuation, an overlong form, a surrogate, past U+10FFFF, a cut BOM.
    static let invalidUTF8: [[UInt8]] = [
        [0xC3], [0x80], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xFF, 0xFE], [0xEF, 0xBB],
    ]

    /// Tokens of the format's syntax, the pieces a parser switches on.
    private mutating func token() -> String {
        let tokens: [String]
        switch format {
        case .json:
            tokens = [
                "{", "}", "[", "]", ",", ":", "\"", "\\", "null", "true", "false", "-0", "1e400", "\\u0000", "\\ud800",
                "\"a\":", ",,", "{}", "[]",
            ]
        case .csv:
            tokens = [",", "\"", "\"\"", "\n", "\r", "\r\n", ",\"", "\",", "[ND]", "\u{FEFF}", "\0", "siren", "siret"]
        case .toml:
            tokens = [
                "[", "]", "[[", "=", ".", "\"", "'", "\n", "\r\n", "#", "{", "}", ",", "\\u", "\\U0010FFFF", "1e999",
                "true", "_", "-", "[providers.x]", "a.b.c = 1\n",
            ]
        case .binary:
            tokens = [
                "PK\u{03}\u{04}", "PK\u{01}\u{02}", "PK\u{05}\u{06}", "PK\u{07}\u{08}", "\u{01}\u{00}\u{10}\u{00}",
            ]
        case .html:
            tokens = [
                "<", ">", "</", "<!--", "-->", "<!", "<?", "<script>", "</script>", "<style>", "<a href=\"", "</a>",
                "<title>", "</title>", "<meta name=\"generator\" content=\"", "&", "&#x110000;", "&#0;", "&copy;",
                "©", "'", "\"", "=", "<script type=\"application/ld+json\">{\"@type\":[",
            ]
        }
        return tokens.randomElement(using: &random)!
    }

    // MARK: - JSON

    private mutating func json(_ input: [UInt8]) -> [UInt8] {
        var bytes = input
        let spans = JSONSpans(bytes)
        guard let value = spans.values.randomElement(using: &random) else { return plain(bytes) }
        switch Int.random(in: 0..<7, using: &random) {
        case 0:
            applied.append("value of another type")
            bytes.replaceSubrange(value, with: Array(jsonValue().utf8))
        case 1:
            applied.append("deep nesting")
            let depth = [40, 300, 2_000, 20_000].randomElement(using: &random)!
            let open = Bool.random(using: &random) ? "[" : "{\"a\":"
            let close = open == "[" ? "]" : "}"
            bytes.replaceSubrange(
                value,
                with: Array(String(repeating: open, count: depth).utf8) + bytes[value]
                    + Array(String(repeating: close, count: depth).utf8))
        case 2:
            applied.append("duplicate key")
            if let key = spans.keys.randomElement(using: &random) {
                bytes.insert(contentsOf: bytes[key] + Array(":\(jsonValue()),".utf8), at: key.lowerBound)
            }
        case 3:
            applied.append("escapes in a string")
            let escape = [
                "\\u0000", "\\ud800", "\\udfff\\ud800", "\\\"", "\\/", "\\x41", "\\", "\u{0}", "\n", "\\uZZZZ",
            ]
            .randomElement(using: &random)!
            let at = value.lowerBound + (bytes[value.lowerBound] == 0x22 ? 1 : 0)
            bytes.insert(contentsOf: Array(escape.utf8), at: min(at, bytes.count))
        case 4:
            applied.append("invalid UTF-8 in a string")
            let at = value.lowerBound + (bytes[value.lowerBound] == 0x22 ? 1 : 0)
            bytes.insert(contentsOf: Self.invalidUTF8.randomElement(using: &random)!, at: min(at, bytes.count))
        case 5:
            applied.append("values swapped")
            if let other = spans.values.randomElement(using: &random), other.upperBound <= value.lowerBound {
                let (first, second) = (Array(bytes[other]), Array(bytes[value]))
                bytes.replaceSubrange(value, with: first)
                bytes.replaceSubrange(other, with: second)
            }
        default:
            applied.append("container emptied or cut")
            if let container = spans.containers.randomElement(using: &random) {
                let cut = Int.random(in: container.lowerBound...container.upperBound, using: &random)
                bytes.removeSubrange(cut..<container.upperBound)
            }
        }
        return bytes
    }

    /// Values a field does not expect: other types, limits of numbers, long texts.
    private mutating func jsonValue() -> String {
        [
            "null", "true", "false", "0", "-1", "1.5", "-0", "1e309", "-1e309", "1e-400", "18446744073709551616",
            "-9223372036854775809", "9223372036854775807", "123456789012345678901234567890.5", "\"\"", "\" \"",
            "\"841253677\"", "\"2026-02-30\"", "\"\\u0000\"", "{}", "[]", "[null]", "{\"a\":null}", "[[[]]]",
            "\"" + String(repeating: "é", count: Int.random(in: 1...20_000, using: &random)) + "\"",
            String(repeating: "9", count: Int.random(in: 20...4_000, using: &random)),
        ].randomElement(using: &random)!
    }

    // MARK: - CSV

    private mutating func csv(_ input: [UInt8]) -> [UInt8] {
        var lines = input.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        guard lines.count > 1 else { return plain(input) }
        let line = Int.random(in: 0..<lines.count, using: &random)
        var fields = lines[line].split(separator: 0x2C, omittingEmptySubsequences: false).map(Array.init)
        let field = Int.random(in: 0..<fields.count, using: &random)
        switch Int.random(in: 0..<7, using: &random) {
        case 0:
            applied.append("field replaced")
            fields[field] = Array(
                [
                    "", "\"", "\"\"", "\"a\"b", "\"open", "a\"b", "[ND]", "12345678", "1234567890", "000000000",
                    "-1", "9999-99-99", "2024-02-30", "1900-01-01", "2024-02-29T25:61:61", "1e308", "-",
                    "\"a,\nb\"", "\r", String(repeating: "x", count: Int.random(in: 1...70_000, using: &random)),
                ].randomElement(using: &random)!.utf8)
        case 1:
            applied.append("field removed")
            fields.remove(at: field)
        case 2:
            applied.append("field added")
            fields.insert(Array("extra".utf8), at: field)
        case 3:
            applied.append("line duplicated")
            lines.insert(lines[line], at: Int.random(in: 0...lines.count, using: &random))
        case 4:
            applied.append("column dropped from every line")
            lines = lines.map {
                var cells = $0.split(separator: 0x2C, omittingEmptySubsequences: false).map(Array.init)
                if field < cells.count { cells.remove(at: field) }
                return Array(cells.joined(separator: [0x2C]))
            }
            return Array(lines.joined(separator: [0x0A]))
        case 5:
            applied.append("line ends changed")
            return Array(lines.joined(separator: Bool.random(using: &random) ? [0x0D] : [0x0D, 0x0A]))
        default:
            applied.append("unterminated quote")
            fields[field] = [0x22] + fields[field]
        }
        lines[line] = Array(fields.joined(separator: [0x2C]))
        return Array(lines.joined(separator: [0x0A]))
    }

    // MARK: - TOML

    private mutating func toml(_ input: [UInt8]) -> [UInt8] {
        var lines = input.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        let line = Int.random(in: 0...lines.count, using: &random)
        let depth = [10, 300, 3_000, 30_000].randomElement(using: &random)!
        let text: String
        switch Int.random(in: 0..<6, using: &random) {
        case 0:
            applied.append("deeply nested list")
            text = "a = " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        case 1:
            applied.append("deeply nested inline table")
            text = "a = " + String(repeating: "{b=", count: depth) + "1" + String(repeating: "}", count: depth)
        case 2:
            applied.append("long dotted key")
            text = Array(repeating: "k", count: depth / 3 + 1).joined(separator: ".") + " = 1"
        case 3:
            applied.append("line duplicated")
            text = lines.isEmpty ? "" : String(decoding: lines[min(line, lines.count - 1)], as: UTF8.self)
        case 4:
            applied.append("value of another type")
            text = [
                "[providers.pappers]\ndaily_budget = -1", "[daemon]\nschedule = 5", "[import]\nnaf = [1, \"2\"]",
                "[scoring]\ntier_a = 1e999", "x = \"\\uD800\"", "x = \"\\U0011FFFF\"", "x = 99999999999999999999",
                "[calling]\nkeys = { a = }", "[mail]\nurl = ''", "[ui]\ntheme = \"\u{0}\"",
            ].randomElement(using: &random)!
        default:
            applied.append("unclosed construct")
            text = ["a = [1,", "a = {b = 1", "a = \"open", "[table", "a = 'open", "= 1", "a.", "[a.]"]
                .randomElement(using: &random)!
        }
        lines.insert(Array(text.utf8), at: line)
        return Array(lines.joined(separator: [0x0A]))
    }

    // MARK: - HTML

    private mutating func html(_ input: [UInt8]) -> [UInt8] {
        var bytes = input
        let at = position(in: bytes)
        let count = [10, 1_000, 20_000].randomElement(using: &random)!
        let text: String
        switch Int.random(in: 0..<5, using: &random) {
        case 0:
            applied.append("many open tags")
            text = String(
                repeating: ["<a href=x>", "<div>", "<p", "<!--", "<script>"].randomElement(using: &random)!,
                count: count)
        case 1:
            applied.append("long attribute")
            text = "<meta name=\"description\" content=\"" + String(repeating: "é&amp;", count: count) + "\">"
        case 2:
            applied.append("copyright notices")
            text = String(repeating: "© 2019 Copyright 1999-2026 ", count: count)
        case 3:
            applied.append("JSON-LD")
            text =
                "<script type=\"application/ld+json\">" + String(repeating: "[{\"@graph\":", count: count / 10 + 1)
                + "{\"@type\":\"Bakery\"}</script>"
        default:
            applied.append("entities")
            text = String(
                repeating: ["&#x110000;", "&#0;", "&#xD800;", "&#99999999999;", "&;", "&nbsp"].randomElement(
                    using: &random)!, count: count)
        }
        bytes.insert(contentsOf: Array(text.utf8), at: at)
        return bytes
    }

    // MARK: - Zip

    /// Header fields of the first member (flags, method, sizes, name and extra lengths) set to
    /// values a reader must not trust: the fields sit at fixed offsets of the local header.
    private mutating func zip(_ input: [UInt8]) -> [UInt8] {
        var bytes = input
        guard bytes.count >= 30 else { return plain(bytes) }
        let field = [(6, 2), (8, 2), (14, 4), (18, 4), (22, 4), (26, 2), (28, 2)].randomElement(using: &random)!
        let value = [0, 1, 8, 0xFF, 0xFFFF, 0xFFFF_FFFF, UInt32.random(in: 0...UInt32.max, using: &random)]
            .randomElement(using: &random)!
        applied.append("zip header field at \(field.0) set to \(value)")
        for k in 0..<field.1 { bytes[field.0 + k] = UInt8(truncatingIfNeeded: UInt32(value) >> (8 * UInt32(k))) }
        return bytes
    }

    // MARK: - Places

    private mutating func position(in bytes: [UInt8]) -> Int { Int.random(in: 0...bytes.count, using: &random) }
    private mutating func index(in bytes: [UInt8]) -> Int { Int.random(in: 0..<bytes.count, using: &random) }
}
