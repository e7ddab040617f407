import Foundation

/// A message with merge fields, read once (unknown fields are refused before any prospect is
/// involved) and merged for each prospect into a draft the operator can still edit.
///
/// ```
/// Subject: Le site web de {{company}}
///
/// Bonjour {{first_name|Madame, Monsieur}},
/// ```
public struct EmailTemplate: Sendable, Equatable {
    enum Piece: Sendable, Equatable {
        case text(String)
        case field(MergeField, fallback: String?, line: Int)
    }

    let subject: [Piece]
    /// The body, line ends included as text pieces.
    let body: [Piece]

    /// Reads a template; the errors name the line and the field.
    public init(parsing text: String) throws(EmailTemplateError) {
        let (subjectLine, bodyLines) = try EditorText.split(text)
        subject = try Self.pieces(subjectLine)
        var body: [Piece] = []
        for (index, line) in bodyLines.enumerated() {
            if index > 0 { body.append(.text("\n")) }
            body += try Self.pieces(line)
        }
        self.body = body
    }

    /// The fields this template uses, each once, in order of appearance.
    public var fields: [MergeField] {
        var seen: [MergeField] = []
        for case .field(let field, _, _) in subject + body where !seen.contains(field) { seen.append(field) }
        return seen
    }

    /// Merges one prospect's values. A field without a value and without a fallback stops the
    /// merge rather than leave "Bonjour ," in a message.
    public func render(_ values: MergeValues) throws(EmailTemplateError) -> EmailDraft {
        // A merged value must not add lines to the subject.
        let subject = MIMEEncoding.singleLine(try Self.merge(self.subject, values))
        return EmailDraft(subject: subject, body: try Self.merge(body, values))
    }

    private static func merge(_ pieces: [Piece], _ values: MergeValues) throws(EmailTemplateError) -> String {
        var result = ""
        for piece in pieces {
            switch piece {
            case .text(let text): result += text
            case .field(let field, let fallback, let line):
                guard let value = values.value(field) ?? fallback else {
                    throw .missingValue(field: field, line: line)
                }
                result += value
            }
        }
        return result
    }

    private static func pieces(_ line: EditorText.Line) throws(EmailTemplateError) -> [Piece] {
        var pieces: [Piece] = []
        var textStart = line.text.startIndex
        for (inner, range) in try EditorText.fields(in: line) {
            if textStart < range.lowerBound { pieces.append(.text(String(line.text[textStart..<range.lowerBound]))) }
            textStart = range.upperBound
            let parts = inner.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false)
            let name = parts[0].trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { throw .emptyField(line: line.number) }
            guard let field = MergeField(rawValue: name.lowercased()) else {
                throw .unknownField(name: name, line: line.number)
            }
            pieces.append(.field(field, fallback: parts.count > 1 ? String(parts[1]) : nil, line: line.number))
        }
        if textStart < line.text.endIndex { pieces.append(.text(String(line.text[textStart...]))) }
        return pieces
    }
}
