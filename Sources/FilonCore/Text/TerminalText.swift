/// Text on its way to the terminal: neutralising control characters and escape sequences that
/// arrive with external data, and measuring strings in terminal cells.
public enum TerminalText {
    /// `text` with every C0 control, DEL and C1 control removed, escape sequences (CSI, OSC, DCS…)
    /// removed whole, and bidirectional overrides dropped. Tabs and line breaks become spaces so
    /// that a value stays on its line.
    public static func clean(_ text: String) -> String {
        // Fast path: most text is plain.
        if !text.unicodeScalars.contains(where: needsCleaning) { return text }
        var out = String.UnicodeScalarView()
        var scalars = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        while let scalar = pending ?? scalars.next() {
            pending = nil
            switch scalar.value {
            case 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x2028, 0x2029:
                out.append(" ")
            case 0x1B:
                // ESC: skip the sequence it introduces.
                guard let next = scalars.next() else { break }
                switch next.value {
                case 0x5B: pending = skipControlSequence(&scalars)  // ESC [ … final
                case 0x5D, 0x50, 0x58, 0x5E, 0x5F: pending = skipString(&scalars)  // OSC, DCS, SOS, PM, APC
                case 0x20...0x2F: pending = skipEscapeIntermediates(&scalars)  // ESC ( B and friends
                default: break  // ESC + one character (ESC c, ESC 7…)
                }
            case 0x9B:
                pending = skipControlSequence(&scalars)  // C1 CSI
            case 0x9D, 0x90, 0x98, 0x9E, 0x9F:
                pending = skipString(&scalars)  // C1 OSC, DCS, SOS, PM, APC
            default:
                if !needsCleaning(scalar) { out.append(scalar) }
            }
        }
        return String(out)
    }

    /// Whether a scalar must not reach the terminal as it is.
    static func needsCleaning(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x2028, 0x2029: return true
        case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true  // bidi marks and overrides
        default: return false
        }
    }

    /// After `ESC [` or CSI: parameter and intermediate bytes, then one final byte.
    /// Returns the scalar that ended the sequence early, if any, so it is not lost.
    private static func skipControlSequence(_ it: inout String.UnicodeScalarView.Iterator) -> Unicode
        .Scalar?
    {
        while let s = it.next() {
            switch s.value {
            case 0x20...0x3F: continue
            case 0x40...0x7E: return nil
            default: return s
            }
        }
        return nil
    }

    /// After OSC, DCS and the like: everything up to BEL or ST (`ESC \` or 0x9C).
    private static func skipString(_ it: inout String.UnicodeScalarView.Iterator) -> Unicode.Scalar? {
        while let s = it.next() {
            switch s.value {
            case 0x07, 0x9C: return nil
            case 0x1B:
                guard let n = it.next() else { return nil }
                if n == "\\" { return nil }
            default: continue
            }
        }
        return nil
    }

    /// After `ESC` + intermediate bytes (0x20–0x2F): more of them, then one final byte.
    private static func skipEscapeIntermediates(_ it: inout String.UnicodeScalarView.Iterator)
        -> Unicode.Scalar?
    {
        while let s = it.next() {
            switch s.value {
            case 0x20...0x2F: continue
            case 0x30...0x7E: return nil
            default: return s
            }
        }
        return nil
    }

    // MARK: Width

    /// Terminal cells taken by one grapheme: 2 for East Asian wide and emoji characters, 0 for a
    /// lone combining mark or format character, else 1. A pure table, so that the in-memory screen
    /// and the terminal agree whatever the process locale.
    public static func width(of character: Character) -> Int {
        guard let first = character.unicodeScalars.first else { return 0 }
        return width(of: first)
    }

    static func width(of scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x7F { return v < 0x20 ? 0 : 1 }
        if needsCleaning(scalar) { return 0 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if v == 0x200B { return 0 }
        if isWide(v) || scalar.properties.isEmojiPresentation { return 2 }
        return 1
    }

    /// Wide and fullwidth ranges of Unicode's East Asian Width property (W and F).
    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF,
        0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF,
        0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4,
        0x17000...0x18CFF, 0x1B000...0x1B2FF, 0x1F200...0x1F2FF, 0x1F300...0x1F64F, 0x1F900...0x1F9FF,
        0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]

    private static func isWide(_ v: UInt32) -> Bool {
        guard v >= 0x1100 else { return false }
        var low = 0
        var high = wideRanges.count - 1
        while low <= high {
            let mid = (low + high) / 2
            let range = wideRanges[mid]
            if v < range.lowerBound {
                high = mid - 1
            } else if v > range.upperBound {
                low = mid + 1
            } else {
                return true
            }
        }
        return false
    }

    /// Terminal cells taken by `text` (after cleaning).
    public static func width(of text: String) -> Int {
        clean(text).reduce(0) { $0 + width(of: $1) }
    }

    /// `text` cut to at most `width` cells, ending with "…" when something was cut.
    public static func truncate(_ text: String, toWidth width: Int) -> String {
        let text = clean(text)
        guard width > 0 else { return "" }
        guard Self.width(of: text) > width else { return text }
        var out = ""
        var used = 0
        for character in text {
            let w = Self.width(of: character)
            if used + w > width - 1 { break }
            out.append(character)
            used += w
        }
        return out + "…"
    }

    /// `text` truncated or padded with spaces to exactly `width` cells.
    public static func fit(_ text: String, width: Int) -> String {
        let cut = truncate(text, toWidth: width)
        let used = Self.width(of: cut)
        return used < width ? cut + String(repeating: " ", count: width - used) : cut
    }

    /// Words of `text` laid on lines of at most `width` cells; a word longer than a line is cut.
    /// At most `maxLines` lines: the last one ends with "…" when text is left over.
    public static func wrap(_ text: String, width: Int, maxLines: Int) -> [String] {
        guard width > 0, maxLines > 0 else { return [] }
        var lines: [String] = []
        var current = ""
        var currentWidth = 0
        var words = clean(text).split(separator: " ", omittingEmptySubsequences: true).map(String.init)[
            ...]
        while let word = words.popFirst() {
            let w = Self.width(of: word)
            if currentWidth == 0 {
                if w <= width {
                    current = word
                    currentWidth = w
                } else {
                    current = truncate(word, toWidth: width)
                    currentWidth = width
                }
            } else if currentWidth + 1 + w <= width {
                current += " " + word
                currentWidth += 1 + w
            } else {
                lines.append(current)
                if lines.count == maxLines {
                    // Too long together, so the cut ends with "…".
                    lines[lines.count - 1] = truncate(current + " " + word, toWidth: width)
                    return lines
                }
                words.insert(word, at: words.startIndex)
                current = ""
                currentWidth = 0
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}
