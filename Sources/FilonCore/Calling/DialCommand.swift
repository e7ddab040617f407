/// The program that dials a number on the operator's SIP client (`[calling] dial_command`), as an
/// argv template: the program then its arguments, where `{phone}` becomes the number in E.164
/// (`+33612345678`) and `{national}` its national form (`0612345678`; a foreign number is written
/// as dialled from France, `00441234567890`). No shell ever reads it, and only digits and `+` are
/// ever substituted, so a number cannot inject anything.
public struct DialCommand: Sendable, Equatable {
    public static let phonePlaceholder = "{phone}"
    public static let nationalPlaceholder = "{national}"

    /// The program (a name looked up in the PATH, or a path) then the arguments' templates.
    public let template: [String]

    public var program: String { template[0] }

    /// Refuses a template with no program, with no placeholder for the number (it could not
    /// dial), or with an unknown `{…}` (a typo would otherwise be sent to the SIP client).
    public init(_ template: [String]) throws(DialError) {
        guard let program = template.first, !program.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw .noProgram
        }
        if program.contains(Self.phonePlaceholder) || program.contains(Self.nationalPlaceholder) {
            throw .placeholderInProgram(program)
        }
        let arguments = template.dropFirst()
        for argument in arguments {
            if let unknown = Self.placeholders(in: argument).first(where: {
                $0 != Self.phonePlaceholder && $0 != Self.nationalPlaceholder
            }) {
                throw .unknownPlaceholder(unknown)
            }
        }
        guard arguments.contains(where: { $0.contains(Self.phonePlaceholder) || $0.contains(Self.nationalPlaceholder) })
        else { throw .noNumber }
        self.template = template
    }

    /// The one-line form: split on whitespace, without quotes or escapes (an argument holding a
    /// space needs the list form).
    public init(line: String) throws(DialError) {
        try self.init(line.split(whereSeparator: \.isWhitespace).map(String.init))
    }

    /// The arguments after the program, with the number in place; refuses anything but a phone
    /// number written with digits, spaces, `.`, `-`, `(`, `)`, `/` and a leading `+`.
    public func arguments(for phone: String) throws(DialError) -> [String] {
        let e164 = try Self.e164(phone)
        let national = Self.national(e164)
        return template.dropFirst().map {
            $0.replacingOccurrences(of: Self.phonePlaceholder, with: e164)
                .replacingOccurrences(of: Self.nationalPlaceholder, with: national)
        }
    }

    /// The number in E.164, or why it cannot be dialled.
    public static func e164(_ phone: String) throws(DialError) -> String {
        let text = phone.trimmingCharacters(in: .whitespacesAndNewlines)
        let separators: Set<Character> = [".", "-", "(", ")", "/"]
        // Character.isNumber also accepts "½" and other scripts' digits: only ASCII digits pass.
        let plausible = text.enumerated().allSatisfy { index, c in
            ("0"..."9").contains(c) || c.isWhitespace || separators.contains(c) || (c == "+" && index == 0)
        }
        guard plausible else { throw .implausibleNumber(phone) }
        let normalized = ContactNormalizer.phone(text)
        // Without a "+", the normalizer could not tell the country: dialling it would be a guess.
        guard normalized.hasPrefix("+"), (7...15).contains(normalized.count - 1),
            normalized.dropFirst().allSatisfy({ ("0"..."9").contains($0) })
        else { throw .implausibleNumber(phone) }
        return normalized
    }

    /// The national form of a French number; a foreign one as dialled from France.
    static func national(_ e164: String) -> String {
        let digits = e164.dropFirst()
        if digits.hasPrefix("33") { return "0" + digits.dropFirst(2) }
        return "00" + digits
    }

    /// Every `{word}` in an argument; other braces are the SIP client's business.
    private static func placeholders(in argument: String) -> [String] {
        var found: [String] = []
        var rest = argument[...]
        while let open = rest.firstIndex(of: "{") {
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            let word = rest[rest.index(after: open)..<close]
            if !word.isEmpty, word.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) {
                found.append(String(rest[open...close]))
            }
            rest = rest[rest.index(after: open)...]
        }
        return found
    }
}
