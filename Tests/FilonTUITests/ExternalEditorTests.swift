import Foundation
import Testing

@testable import FilonTUI

@Suite("$EDITOR")
struct ExternalEditorTests {
    @Test("VISUAL, then EDITOR, then vi; the line may carry options; the saved file comes back")
    func edits() throws {
        #expect(ExternalEditor(environment: ["VISUAL": "nano", "EDITOR": "vim"]).command == "nano")
        #expect(ExternalEditor(environment: ["EDITOR": "vim"]).command == "vim")
        #expect(ExternalEditor(environment: ["EDITOR": "  "]).command == "vi")
        let editor = ExternalEditor(environment: ["EDITOR": "sed -i s/Bonjour/Salut/", "PATH": "/usr/bin:/bin"])
        #expect(try editor.edit("Subject: x\n\nBonjour\n") == "Subject: x\n\nSalut\n")
    }

    @Test("an editor that fails or cannot be found: a clear error, nothing comes back")
    func failures() {
        let failing = ExternalEditor(environment: ["EDITOR": "false", "PATH": "/usr/bin:/bin"])
        #expect(throws: EditorError.failed(editor: "false", status: 1)) { try failing.edit("x") }
        let missing = ExternalEditor(environment: ["EDITOR": "no-such-editor", "PATH": "/usr/bin:/bin"])
        #expect(throws: EditorError.couldNotStart(editor: "no-such-editor", reason: "not found")) {
            try missing.edit("x")
        }
    }
}
