/// A parser for the part of TOML that configuration files need: `[table]` and `[a.b]` headers,
/// `key = value` with dotted keys, basic and literal strings, integers, floats, booleans, arrays
/// (over several lines too) and inline tables. Errors give the line and what was expected.
public struct TOMLParser {
    public struct ParseError: Error, CustomStringConvertible, Equatable {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    /// Deeper lists, inline tables or dotted keys than any configuration needs: the parser
    /// recurses on each level, and a hostile file must get an error, not a stack overflow.
    public static let maxDepth = 32

    private var chars: [Character]
    private var pos = 0
    private var line = 1
    private var depth = 0

    public static func parse(_ text: String) throws -> [String: TOMLValue] {
        var parser = TOMLParser(chars: Array(text))
        return try parser.document()
    }

    private init(chars: [Character]) { self.chars = chars }

    private mutating func document() throws -> [String: TOMLValue] {
        var root: [String: TOMLValue] = [:]
        var current: [String] = []
        var definedTables: Set<[String]> = []
        while true {
            skipBlankAndComments()
            guard let c = peek() else { return root }
            let startLine = line
            if c == "[" {
                advance()
                if peek() == "[" { throw fail("arrays of tables ([[…]]) are not supported") }
                skipSpaces()
                let path = try key()
                skipSpaces()
                try expect("]")
                try endOfLine()
                guard definedTables.insert(path).inserted else {
                    throw ParseError(
                        line: startLine, message: "table [\(path.joined(separator: "."))] is defined twice")
                }
                try Self.ensureTable(&root, path: path, line: startLine)
                current = path
            } else {
                let path = try key()
                skipSpaces()
                try expect("=")
                skipSpaces()
                let value = try self.value()
                try endOfLine()
                try Self.insert(&root, path: current + path, value: value, line: startLine)
            }
        }
    }

    // MARK: Keys and values

    private mutating func key() throws -> [String] {
        var parts: [String] = []
        while true {
            skipSpaces()
            guard let c = peek() else { throw fail("a key is missing") }
            if c == "\"" {
                parts.append(try basicString())
            } else if c == "'" {
                parts.append(try literalString())
            } else {
                var bare = ""
                while let c = peek(), c.isLetter || c.isNumber || c == "_" || c == "-" {
                    bare.append(c)
                    advance()
                }
                guard !bare.isEmpty else { throw fail("unexpected \"\(c)\" where a key was expected") }
                parts.append(bare)
            }
            skipSpaces()
            guard peek() == "." else { return parts }
            guard parts.count < Self.maxDepth else { throw fail("a key has more than \(Self.maxDepth) parts") }
            advance()
        }
    }

    private mutating func value() throws -> TOMLValue {
        guard let c = peek() else { throw fail("a value is missing after =") }
        switch c {
        case "\"": return .string(try basicString())
        case "'": return .string(try literalString())
        case "[", "{":
            guard depth < Self.maxDepth else {
                throw fail("lists and inline tables are nested more than \(Self.maxDepth) levels deep")
            }
            depth += 1
            defer { depth -= 1 }
            return c == "[" ? try array() : try inlineTable()
        case "t", "f": return try boolean()
        default: return try number()
        }
    }

    private mutating func array() throws -> TOMLValue {
        advance()
        var items: [TOMLValue] = []
        while true {
            skipBlankAndComments()
            if peek() == "]" {
                advance()
                return .array(items)
            }
            items.append(try value())
            skipBlankAndComments()
            if peek() == "," {
                advance()
            } else if peek() != "]" {
                throw fail("expected , or ] in a list")
            }
        }
    }

    private mutating func inlineTable() throws -> TOMLValue {
        advance()
        var table: [String: TOMLValue] = [:]
        skipSpaces()
        if peek() == "}" {
            advance()
            return .table(table)
        }
        while true {
            let path = try key()
            skipSpaces()
            try expect("=")
            skipSpaces()
            try Self.insert(&table, path: path, value: try value(), line: line)
            skipSpaces()
            if peek() == "}" {
                advance()
                return .table(table)
            }
            try expect(",")
        }
    }

    private mutating func boolean() throws -> TOMLValue {
        if match("true") { return .boolean(true) }
        if match("false") { return .boolean(false) }
        throw fail("expected true or false")
    }

    private mutating func number() throws -> TOMLValue {
        var text = ""
        while let c = peek(), c.isNumber || "+-._eE".contains(c) {
            text.append(c)
            advance()
        }
        let plain = text.replacingOccurrences(of: "_", with: "")
        if let n = Int(plain) { return .integer(n) }
        if plain.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }), let d = Double(plain) { return .float(d) }
        if text.isEmpty, let c = peek() { throw fail("unexpected \"\(c)\": strings need quotes") }
        throw fail("\"\(text)\" is not a number")
    }

    private mutating func basicString() throws -> String {
        advance()
        var out = ""
        while let c = peek() {
            if c == "\n" || c == "\r\n" { throw fail("a string is not closed on its line") }
            advance()
            switch c {
            case "\"": return out
            case "\\":
                guard let e = peek() else { break }
                advance()
                switch e {
                case "n": out.append("\n")
                case "t": out.append("\t")
                case "r": out.append("\r")
                case "\"": out.append("\"")
                case "\\": out.append("\\")
                case "u", "U":
                    let count = e == "u" ? 4 : 8
                    var hex = ""
                    for _ in 0..<count {
                        guard let h = peek() else { break }
                        hex.append(h)
                        advance()
                    }
                    guard let code = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(code) else {
                        throw fail("bad unicode escape \\\(e)\(hex)")
                    }
                    out.unicodeScalars.append(scalar)
                default: throw fail("unknown escape \\\(e) in a string")
                }
            default: out.append(c)
            }
        }
        throw fail("a string is not closed")
    }

    private mutating func literalString() throws -> String {
        advance()
        var out = ""
        while let c = peek() {
            if c == "\n" || c == "\r\n" { throw fail("a string is not closed on its line") }
            advance()
            if c == "'" { return out }
            out.append(c)
        }
        throw fail("a string is not closed")
    }

    // MARK: Tables

    private static func ensureTable(_ root: inout [String: TOMLValue], path: [String], line: Int) throws {
        guard let first = path.first else { return }
        var child: [String: TOMLValue]
        switch root[first] {
        case nil: child = [:]
        case .table(let t): child = t
        case .some: throw ParseError(line: line, message: "\(first) is already a value, not a table")
        }
        try ensureTable(&child, path: Array(path.dropFirst()), line: line)
        root[first] = .table(child)
    }

    private static func insert(_ root: inout [String: TOMLValue], path: [String], value: TOMLValue, line: Int) throws {
        guard let first = path.first else { return }
        if path.count == 1 {
            guard root[first] == nil else { throw ParseError(line: line, message: "\(first) is defined twice") }
            root[first] = value
            return
        }
        var child: [String: TOMLValue]
        switch root[first] {
        case nil: child = [:]
        case .table(let t): child = t
        case .some: throw ParseError(line: line, message: "\(first) is already a value, not a table")
        }
        try insert(&child, path: Array(path.dropFirst()), value: value, line: line)
        root[first] = .table(child)
    }

    // MARK: Characters

    private func peek() -> Character? { pos < chars.count ? chars[pos] : nil }

    private mutating func advance() {
        if pos < chars.count && (chars[pos] == "\n" || chars[pos] == "\r\n") { line += 1 }
        pos += 1
    }

    private mutating func match(_ word: String) -> Bool {
        let w = Array(word)
        guard pos + w.count <= chars.count, Array(chars[pos..<(pos + w.count)]) == w else { return false }
        pos += w.count
        return true
    }

    private mutating func expect(_ c: Character) throws {
        guard peek() == c else {
            throw fail("expected \"\(c)\"" + (peek().map { ", found \"\($0)\"" } ?? " before the end"))
        }
        advance()
    }

    private mutating func skipSpaces() {
        while let c = peek(), c == " " || c == "\t" { advance() }
    }

    private mutating func skipBlankAndComments() {
        while let c = peek() {
            if c == " " || c == "\t" || c == "\n" || c == "\r\n" || c == "\r" {
                advance()
            } else if c == "#" {
                while let c = peek(), c != "\n" && c != "\r\n" { advance() }
            } else {
                return
            }
        }
    }

    private mutating func endOfLine() throws {
        skipSpaces()
        if peek() == "#" { while let c = peek(), c != "\n" && c != "\r\n" { advance() } }
        guard let c = peek() else { return }
        guard c == "\n" || c == "\r\n" else { throw fail("unexpected \"\(c)\" after a value") }
        advance()
    }

    private func fail(_ message: String) -> ParseError { ParseError(line: line, message: message) }
}
