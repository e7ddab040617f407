import Foundation

/// The text an operator edits: `Subject: …` on line 1, a blank line, the message. Shared by
/// templates and drafts so that both number lines the same way.
enum EditorText {
    struct Line {
        var text: String
        var number: Int
    }

    static func split(_ text: String) throws(EmailTemplateError) -> (subject: Line, body: [Line]) {
        let lines = MIMEEncoding.normalizedBody(text).split(separator: "\n", omittingEmptySubsequences: false)
            .enumerated().map { Line(text: String($0.element), number: $0.offset + 1) }
        guard let first = lines.first, first.text.lowercased().hasPrefix("subject:") else {
            throw .missingSubject
        }
        let subject = first.text.dropFirst("subject:".count).trimmingCharacters(in: .whitespaces)
        guard !subject.isEmpty else { throw .emptySubject }
        var body = Array(lines.dropFirst())
        // The blank line is the custom; a body starting right under the subject is accepted too.
        if body.first?.text.trimmingCharacters(in: .whitespaces).isEmpty == true { body.removeFirst() }
        while body.last?.text.trimmingCharacters(in: .whitespaces).isEmpty == true { body.removeLast() }
        guard !body.isEmpty else { throw .emptyBody }
        return (Line(text: subject, number: 1), body)
    }

    /// The `{{…}}` spans of a line: the text inside, trimmed, with its range.
    static func fields(in line: Line) throws(EmailTemplateError) -> [(inner: String, range: Range<String.Index>)] {
        var result: [(String, Range<String.Index>)] = []
        var searchStart = line.text.startIndex
        while let open = line.text.range(of: "{{", range: searchStart..<line.text.endIndex) {
            guard let close = line.text.range(of: "}}", range: open.upperBound..<line.text.endIndex) else {
                throw .unclosedField(line: line.number)
            }
            let inner = line.text[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            result.append((inner, open.lowerBound..<close.upperBound))
            searchStart = close.upperBound
        }
        return result
    }
}
