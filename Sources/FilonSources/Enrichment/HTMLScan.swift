import Foundation

/// A forgiving one-pass reading of an HTML page: the few tags and texts the website audit looks
/// at. Pages are untrusted, so it works on bytes with bounds checked at every step, never
/// backtracks, and treats anything it does not understand as text.
struct HTMLScan: Sendable {
    struct Link: Sendable, Equatable {
        var href: String
        var text: String
    }

    /// The first `<title>`, entities decoded and spaces collapsed.
    var title: String?
    /// `<meta>` tags as (name or property or http-equiv lowercased, content).
    var metas: [(key: String, content: String)] = []
    var links: [Link] = []
    /// Bodies of `<script type="application/ld+json">`.
    var jsonLD: [String] = []
    /// `itemtype` attributes (schema.org microdata).
    var itemTypes: [String] = []
    /// `<script src=…>` tags: an application shell has little text but scripts.
    var externalScripts = 0
    /// The text a visitor reads (not scripts, styles or comments), entities decoded, spaces collapsed.
    var text: String = ""

    /// Enough for any real page's visible text; a bigger one is cut, not refused.
    static let textLimit = 512 << 10
    private static let linkLimit = 2_000
    private static let linkTextLimit = 300

    init(_ html: String) {
        let bytes = Array(html.utf8)
        var scanner = Scanner(bytes: bytes)
        scanner.run(into: &self)
    }

    /// The content of the first `<meta>` with this name (or property), if any.
    func meta(_ key: String) -> String? { metas.first { $0.key == key }?.content }

    func metas(_ key: String) -> [String] { metas.filter { $0.key == key }.map(\.content) }

    // MARK: - Scanning

    private struct Scanner {
        let bytes: [UInt8]
        var i = 0
        var textBytes: [UInt8] = []
        /// The link being read: its href and text, until `</a>`.
        var openLink: (href: String, text: [UInt8])?

        init(bytes: [UInt8]) { self.bytes = bytes }

        mutating func run(into scan: inout HTMLScan) {
            let n = bytes.count
            while i < n {
                if bytes[i] == UInt8(ascii: "<"), i + 1 < n {
                    let next = bytes[i + 1]
                    if next == UInt8(ascii: "!") {
                        if starts(with: "<!--", at: i) {
                            i = end(of: "-->", from: i + 4)
                        } else {
                            i = after(UInt8(ascii: ">"), from: i + 2)
                        }
                        continue
                    }
                    if next == UInt8(ascii: "?") {
                        i = after(UInt8(ascii: ">"), from: i + 2)
                        continue
                    }
                    if next == UInt8(ascii: "/") {
                        closeTag(into: &scan)
                        continue
                    }
                    if Self.isLetter(next) {
                        openTag(into: &scan)
                        continue
                    }
                }
                // Text up to the next tag (a lone "<" is text).
                let start = i
                i += 1
                while i < n, bytes[i] != UInt8(ascii: "<") { i += 1 }
                appendText(bytes[start..<i])
            }
            finishLink(into: &scan)
            scan.text = Self.collapse(HTMLEntities.decode(String(decoding: textBytes, as: UTF8.self)))
        }

        private mutating func appendText(_ slice: ArraySlice<UInt8>) {
            if textBytes.count < HTMLScan.textLimit {
                textBytes.append(contentsOf: slice.prefix(HTMLScan.textLimit - textBytes.count))
                textBytes.append(UInt8(ascii: " "))
            }
            if openLink != nil, openLink!.text.count < HTMLScan.linkTextLimit {
                openLink!.text.append(contentsOf: slice.prefix(HTMLScan.linkTextLimit))
                openLink!.text.append(UInt8(ascii: " "))
            }
        }

        private mutating func closeTag(into scan: inout HTMLScan) {
            let (name, nameEnd) = readName(from: i + 2)
            i = after(UInt8(ascii: ">"), from: nameEnd)
            if name == "a" { finishLink(into: &scan) }
            // Block ends separate words for the visible text ("</p><p>").
            textBytes.append(UInt8(ascii: " "))
        }

        private mutating func openTag(into scan: inout HTMLScan) {
            let (name, nameEnd) = readName(from: i + 1)
            var attributes: [String: String] = [:]
            i = readAttributes(from: nameEnd, into: &attributes)
            switch name {
            case "meta":
                let key =
                    attributes["name"] ?? attributes["property"] ?? attributes["http-equiv"] ?? attributes["itemprop"]
                if let key, let content = attributes["content"] {
                    scan.metas.append((key.lowercased(), Self.collapse(HTMLEntities.decode(content))))
                } else if let charset = attributes["charset"] {
                    scan.metas.append(("charset", charset))
                }
            case "a":
                finishLink(into: &scan)
                if let href = attributes["href"] { openLink = (HTMLEntities.decode(href), []) }
            case "title":
                let close = find("</title", from: i)
                let raw = String(decoding: bytes[i..<close], as: UTF8.self)
                if scan.title == nil {
                    let title = Self.collapse(HTMLEntities.decode(raw))
                    if !title.isEmpty { scan.title = String(title.prefix(500)) }
                }
                i = after(UInt8(ascii: ">"), from: close)
            case "script", "style", "template", "textarea", "noscript", "svg":
                // Raw content: no tags inside, and not visible text (noscript and svg hold markup).
                let close = find("</" + name, from: i)
                if name == "script" {
                    if attributes["src"] != nil { scan.externalScripts += 1 }
                    if attributes["type"]?.lowercased().contains("ld+json") == true {
                        scan.jsonLD.append(String(decoding: bytes[i..<close], as: UTF8.self))
                    }
                }
                i = after(UInt8(ascii: ">"), from: close)
            default:
                break
            }
            if let type = attributes["itemtype"] { scan.itemTypes.append(type) }
            if name == "br" || name == "p" || name == "div" || name == "li" || name == "td" {
                textBytes.append(UInt8(ascii: " "))
            }
        }

        private mutating func finishLink(into scan: inout HTMLScan) {
            guard let link = openLink else { return }
            openLink = nil
            guard scan.links.count < HTMLScan.linkLimit else { return }
            let text = Self.collapse(HTMLEntities.decode(String(decoding: link.text, as: UTF8.self)))
            scan.links.append(Link(href: link.href.trimmingCharacters(in: .whitespacesAndNewlines), text: text))
        }

        // MARK: Bytes

        /// A tag name, lowercased, and where it ends.
        private func readName(from start: Int) -> (String, Int) {
            var j = start
            while j < bytes.count, Self.isNameByte(bytes[j]) { j += 1 }
            return (String(decoding: bytes[start..<j], as: UTF8.self).lowercased(), j)
        }

        /// Reads `name="value" name='value' name=value name` up to `>`; returns the index after it.
        private func readAttributes(from start: Int, into attributes: inout [String: String]) -> Int {
            let n = bytes.count
            var j = start
            while j < n {
                while j < n, Self.isSpace(bytes[j]) || bytes[j] == UInt8(ascii: "/") { j += 1 }
                guard j < n else { break }
                if bytes[j] == UInt8(ascii: ">") { return j + 1 }
                let nameStart = j
                while j < n, !Self.isSpace(bytes[j]), bytes[j] != UInt8(ascii: "="), bytes[j] != UInt8(ascii: ">"),
                    bytes[j] != UInt8(ascii: "/") || j == nameStart
                {
                    j += 1
                }
                let name = String(decoding: bytes[nameStart..<j], as: UTF8.self).lowercased()
                while j < n, Self.isSpace(bytes[j]) { j += 1 }
                var value = ""
                if j < n, bytes[j] == UInt8(ascii: "=") {
                    j += 1
                    while j < n, Self.isSpace(bytes[j]) { j += 1 }
                    if j < n, bytes[j] == UInt8(ascii: "\"") || bytes[j] == UInt8(ascii: "'") {
                        let quote = bytes[j]
                        let valueStart = j + 1
                        j = valueStart
                        while j < n, bytes[j] != quote { j += 1 }
                        value = String(decoding: bytes[valueStart..<j], as: UTF8.self)
                        if j < n { j += 1 }
                    } else {
                        let valueStart = j
                        while j < n, !Self.isSpace(bytes[j]), bytes[j] != UInt8(ascii: ">") { j += 1 }
                        value = String(decoding: bytes[valueStart..<j], as: UTF8.self)
                    }
                }
                if !name.isEmpty, attributes[name] == nil { attributes[name] = value }
            }
            return n
        }

        private func starts(with pattern: String, at start: Int) -> Bool {
            starts(with: Array(pattern.utf8), at: start)
        }

        private func starts(with pattern: [UInt8], at start: Int) -> Bool {
            guard start + pattern.count <= bytes.count else { return false }
            for k in 0..<pattern.count where Self.lower(bytes[start + k]) != pattern[k] { return false }
            return true
        }

        /// Where `pattern` (lowercase ASCII) starts, ignoring case, or the end of the page.
        private func find(_ pattern: String, from start: Int) -> Int {
            let pattern = Array(pattern.utf8)
            guard let first = pattern.first else { return start }
            var j = start
            while j + pattern.count <= bytes.count {
                if Self.lower(bytes[j]) == first, starts(with: pattern, at: j) {
                    return j
                }
                j += 1
            }
            return bytes.count
        }

        /// The index after `pattern`, or the end of the page.
        private func end(of pattern: String, from start: Int) -> Int {
            let at = find(pattern, from: start)
            return min(bytes.count, at + pattern.utf8.count)
        }

        private func after(_ byte: UInt8, from start: Int) -> Int {
            var j = start
            while j < bytes.count, bytes[j] != byte { j += 1 }
            return min(bytes.count, j + 1)
        }

        private static func lower(_ b: UInt8) -> UInt8 {
            b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") ? b + 32 : b
        }

        private static func isLetter(_ b: UInt8) -> Bool {
            (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
        }

        private static func isNameByte(_ b: UInt8) -> Bool {
            isLetter(b) || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b == UInt8(ascii: "-")
                || b == UInt8(ascii: ":")
        }

        private static func isSpace(_ b: UInt8) -> Bool {
            b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C
        }

        /// Runs of white space (NBSP included) become one space.
        static func collapse(_ text: String) -> String {
            var out = ""
            out.reserveCapacity(text.utf8.count)
            var pendingSpace = false
            for character in text {
                if character.isWhitespace {
                    pendingSpace = !out.isEmpty
                } else {
                    if pendingSpace { out.append(" ") }
                    pendingSpace = false
                    out.append(character)
                }
            }
            return out
        }
    }
}

/// HTML character references: the named ones French pages use, and every numeric one.
enum HTMLEntities {
    static func decode(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var rest = text[...]
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            // A reference is short; anything longer is a literal "&".
            if let semicolon = after.prefix(12).firstIndex(of: ";"),
                let scalar = reference(after[..<semicolon])
            {
                out.unicodeScalars.append(scalar)
                rest = after[after.index(after: semicolon)...]
            } else {
                out += "&"
                rest = after
            }
        }
        out += rest
        return out
    }

    private static func reference(_ name: Substring) -> Unicode.Scalar? {
        if name.hasPrefix("#") {
            let digits = name.dropFirst()
            let value: UInt32?
            if digits.hasPrefix("x") || digits.hasPrefix("X") {
                value = UInt32(digits.dropFirst(), radix: 16)
            } else {
                value = UInt32(digits)
            }
            guard let value, value != 0 else { return nil }
            return Unicode.Scalar(value) ?? "\u{FFFD}"
        }
        return named[String(name)]
    }

    private static let named: [String: Unicode.Scalar] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}", "copy": "©", "reg": "®",
        "trade": "™", "euro": "€", "deg": "°", "laquo": "«", "raquo": "»", "lsquo": "‘", "rsquo": "’",
        "ldquo": "“", "rdquo": "”", "hellip": "…", "ndash": "–", "mdash": "—", "middot": "·", "bull": "•",
        "eacute": "é", "egrave": "è", "ecirc": "ê", "euml": "ë", "agrave": "à", "aacute": "á", "acirc": "â",
        "auml": "ä", "ccedil": "ç", "icirc": "î", "iuml": "ï", "ocirc": "ô", "ouml": "ö", "ugrave": "ù",
        "ucirc": "û", "uuml": "ü", "oelig": "œ", "aelig": "æ", "Eacute": "É", "Egrave": "È", "Ecirc": "Ê",
        "Agrave": "À", "Acirc": "Â", "Ccedil": "Ç", "Icirc": "Î", "Ocirc": "Ô", "Ucirc": "Û", "OElig": "Œ",
        "times": "×", "sup2": "²", "frac12": "½", "shy": "\u{AD}",
    ]
}
