import Foundation

/// The encodings an RFC 5322 message needs: encoded words (RFC 2047) for non-ASCII header text,
/// header folding, quoted-printable (RFC 2045) for the body, and the date form. Pure functions.
public enum MIMEEncoding {
    /// The longest header line, CRLF excluded (RFC 5322 2.1.1 "SHOULD").
    static let headerLineLimit = 78
    /// An encoded word may not exceed 75 characters (RFC 2047 2).
    static let encodedWordLimit = 75
    static let encodedWordPrefix = "=?UTF-8?Q?"

    /// Text fit for a header: line breaks, tabs and other control characters become spaces, runs of
    /// spaces one, so a merged value can never start a new header.
    public static func singleLine(_ text: String) -> String {
        var result = ""
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar.properties.generalCategory == .control || scalar == " " || scalar == "\u{2028}"
                || scalar == "\u{2029}"
            {
                pendingSpace = !result.isEmpty
                continue
            }
            if pendingSpace { result.unicodeScalars.append(" ") }
            pendingSpace = false
            result.unicodeScalars.append(scalar)
        }
        return result
    }

    /// Body text with LF line ends only and no control characters but tabs, so that the encoder
    /// alone decides where CRLF goes.
    public static func normalizedBody(_ text: String) -> String {
        var result = ""
        var previousCR = false
        for scalar in text.unicodeScalars {
            defer { previousCR = scalar == "\r" }
            switch scalar {
            case "\r": result.unicodeScalars.append("\n")
            case "\n": if !previousCR { result.unicodeScalars.append("\n") }
            case "\t": result.unicodeScalars.append(scalar)
            default:
                if scalar.properties.generalCategory != .control { result.unicodeScalars.append(scalar) }
            }
        }
        return result
    }

    // MARK: - Headers

    /// The tokens of a display name: plain words when they are ASCII atoms, one quoted string when
    /// ASCII with specials, encoded words when anything is not ASCII.
    static func phraseTokens(_ text: String) -> [String] {
        guard text.unicodeScalars.allSatisfy(\.isASCII) else { return encodedWords(text) }
        let atext = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~ ")
        if text.allSatisfy(atext.contains) { return text.split(separator: " ").map(String.init) }
        let escaped = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return ["\"" + escaped + "\""]
    }

    /// The tokens of unstructured text (Subject): words, or encoded words when anything is not ASCII.
    static func unstructuredTokens(_ text: String) -> [String] {
        guard text.unicodeScalars.allSatisfy(\.isASCII) else { return encodedWords(text) }
        return text.split(separator: " ").map(String.init)
    }

    /// Q-encoded words of at most 75 characters, cut between characters so that no UTF-8 sequence is
    /// split. Spaces are encoded too, as `_`: the folding white space between two encoded words is
    /// dropped by decoders. Only the characters RFC 2047 5(3) allows in a phrase stay literal, so
    /// the words fit in a display name as well as in a subject.
    static func encodedWords(_ text: String) -> [String] {
        let room = encodedWordLimit - encodedWordPrefix.count - 2
        var words: [String] = []
        var current = ""
        for character in text {
            var piece = ""
            for byte in String(character).utf8 {
                switch byte {
                case UInt8(ascii: " "): piece += "_"
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                    UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "!"), UInt8(ascii: "*"), UInt8(ascii: "+"),
                    UInt8(ascii: "-"), UInt8(ascii: "/"):
                    piece.unicodeScalars.append(Unicode.Scalar(byte))
                default: piece += hex(byte)
                }
            }
            if current.count + piece.count > room, !current.isEmpty {
                words.append(encodedWordPrefix + current + "?=")
                current = ""
            }
            current += piece
        }
        if !current.isEmpty { words.append(encodedWordPrefix + current + "?=") }
        return words
    }

    /// `Name: tokens` folded before a token whenever the line would pass 78 characters. A token
    /// longer than a line stays whole: folding may only happen at white space.
    static func headerLine(_ name: String, _ tokens: [String]) -> String {
        var result = name + ":"
        var column = result.count
        for token in tokens {
            if column + 1 + token.count > headerLineLimit, column > name.count + 1 {
                result += "\r\n"
                column = 0
            }
            result += " " + token
            column += 1 + token.count
        }
        return result
    }

    /// Decodes the encoded words of a header value (Q or B, UTF-8 or ASCII), dropping the white
    /// space between two adjacent encoded words as RFC 2047 6.2 says. For showing received headers.
    public static func decodeHeader(_ value: String) -> String {
        let unfolded = value.replacingOccurrences(of: "\r\n", with: "")
        var result = ""
        var pendingSpace = ""
        var lastWasEncoded = false
        for (index, token) in unfolded.split(separator: " ", omittingEmptySubsequences: false).enumerated() {
            if index > 0 { pendingSpace += " " }
            if let decoded = decodeEncodedWord(String(token)) {
                if !lastWasEncoded { result += pendingSpace }
                result += decoded
                lastWasEncoded = true
            } else {
                result += pendingSpace + token
                lastWasEncoded = false
            }
            pendingSpace = ""
        }
        return result
    }

    private static func decodeEncodedWord(_ token: String) -> String? {
        guard token.hasPrefix("=?"), token.hasSuffix("?="), token.count >= 8 else { return nil }
        let parts = token.dropFirst(2).dropLast(2).split(separator: "?", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, ["utf-8", "us-ascii"].contains(parts[0].lowercased()) else { return nil }
        switch parts[1].uppercased() {
        case "B":
            return Data(base64Encoded: String(parts[2])).map { String(decoding: $0, as: UTF8.self) }
        case "Q":
            return String(
                decoding: decodeQuotedBytes(Array(parts[2].utf8), underscoreIsSpace: true), as: UTF8.self)
        default: return nil
        }
    }

    // MARK: - Body

    /// Quoted-printable text with CRLF line ends and lines of at most 76 characters. Dots at the
    /// start of a line stay as they are: SMTP dot-stuffing is the transport's job (libcurl's). A
    /// line starting "From " gets its F encoded, as some relays would turn it into ">From ".
    public static func quotedPrintable(_ text: String) -> String {
        var lines: [String] = []
        for line in normalizedBody(text).split(separator: "\n", omittingEmptySubsequences: false) {
            let bytes = Array(line.utf8)
            var out = ""
            var column = 0
            for (index, byte) in bytes.enumerated() {
                let isLast = index == bytes.count - 1
                let piece: String
                switch byte {
                case 0x20, 0x09:
                    // White space at the end of a line is removed by some relays: encode it there.
                    piece = isLast ? hex(byte) : String(Unicode.Scalar(byte))
                case UInt8(ascii: "F") where index == 0 && line.hasPrefix("From "):
                    piece = hex(byte)
                case 33...126 where byte != UInt8(ascii: "="):
                    piece = String(Unicode.Scalar(byte))
                default: piece = hex(byte)
                }
                // Leave room for the soft break's "=", except after the line's last piece.
                if column + piece.count > (isLast ? 76 : 75) {
                    out += "=\r\n"
                    column = 0
                }
                out += piece
                column += piece.count
            }
            lines.append(out)
        }
        return lines.joined(separator: "\r\n")
    }

    /// Undoes quoted-printable: soft breaks go, `=XX` becomes its byte, line ends become LF.
    public static func decodeQuotedPrintable(_ text: String) -> String {
        let bytes = Array(text.replacingOccurrences(of: "\r\n", with: "\n").utf8)
        return String(decoding: decodeQuotedBytes(bytes, underscoreIsSpace: false), as: UTF8.self)
    }

    private static func decodeQuotedBytes(_ bytes: [UInt8], underscoreIsSpace: Bool) -> [UInt8] {
        var out: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "="), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\n") {
                index += 2
            } else if byte == UInt8(ascii: "="), index + 2 < bytes.count,
                let value = UInt8(String(decoding: bytes[(index + 1)...(index + 2)], as: UTF8.self), radix: 16)
            {
                out.append(value)
                index += 3
            } else {
                out.append(underscoreIsSpace && byte == UInt8(ascii: "_") ? UInt8(ascii: " ") : byte)
                index += 1
            }
        }
        return out
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return "=" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0x0F)])
    }

    // MARK: - Date

    /// RFC 5322 date in UTC (`Tue, 02 Jun 2026 14:05:09 +0000`): the same message always formats
    /// the same way, and mail clients show it in the reader's own time zone.
    public static func date(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: date)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ value: Int?) -> String { String(format: "%02d", value ?? 0) }
        return "\(days[(c.weekday ?? 1) - 1]), \(two(c.day)) \(months[(c.month ?? 1) - 1]) \(c.year ?? 1970) "
            + "\(two(c.hour)):\(two(c.minute)):\(two(c.second)) +0000"
    }
}
