/// A merged message before it is sent: what the operator sees, and may change, in `$EDITOR`. The
/// sender's identity and the unsubscribe line are not in it: they are added when the message is
/// built, so that editing cannot remove them.
public struct EmailDraft: Sendable, Equatable {
    public var subject: String
    public var body: String

    public init(subject: String, body: String) {
        self.subject = subject
        self.body = body
    }

    /// The text written to the file `$EDITOR` opens.
    public var editorText: String { "Subject: \(subject)\n\n\(body)\n" }

    /// Reads back the edited file. A `{{field}}` left in it is refused: it would go out as written.
    public init(editorText: String) throws(EmailTemplateError) {
        let (subject, body) = try EditorText.split(editorText)
        for line in [subject] + body {
            if let (inner, _) = try EditorText.fields(in: line).first {
                throw .unmergedField(name: inner, line: line.number)
            }
        }
        self.subject = MIMEEncoding.singleLine(subject.text)
        self.body = body.map(\.text).joined(separator: "\n")
    }
}
