import Foundation
import Testing

@testable import FilonCore

@Suite struct TemplateLibraryTests {
    /// The repository's root, where `templates/` ships.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    private func temporaryFolder() throws -> String {
        let path = NSTemporaryDirectory() + "filon-templates-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func loadsEveryTextFileByNameAndReportsTheBadOnesWithTheirLine() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let files = [
            "relance.txt": "Subject: Relance {{company}}\n\nBonjour {{first_name|Madame, Monsieur}},\n",
            "b-cassé.txt": "Subject: Bonjour\n\nBonjour {{prenom}},\n",
            "a-premier.txt": "Subject: Premier contact\n\nBonjour,\n",
            "sans-objet.txt": "Bonjour,\n",
            "notes.md": "not a template",
            ".brouillon.txt": "Subject: caché\n\nx\n",
        ]
        for (name, text) in files { try text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8) }
        try Data([0x53, 0x75, 0xFF, 0xFE]).write(to: URL(fileURLWithPath: dir + "/latin1.txt"))

        let library = TemplateLibrary.load(directory: dir)
        #expect(library.directory == dir)
        #expect(library.names == ["a-premier", "relance"])
        #expect(library["relance"]?.fields == [.company, .firstName])
        #expect(library["notes"] == nil)
        #expect(library.problems.map(\.path) == [dir + "/b-cassé.txt", dir + "/latin1.txt", dir + "/sans-objet.txt"])
        #expect(library.problems.map(\.line) == [3, nil, 1])
        #expect("\(library.problems[0])".hasPrefix(dir + "/b-cassé.txt: line 3: {{prenom}} is not a merge field"))
        #expect("\(library.problems[1])" == dir + "/latin1.txt: is not UTF-8 text: save it as UTF-8")
    }

    @Test func aMissingFolderIsOneProblemAndTheFirstExistingFolderWins() throws {
        let missing = TemplateLibrary.load(directory: "/nonexistent-filon/templates")
        #expect(missing.templates.isEmpty && missing.problems.count == 1)
        #expect("\(missing.problems[0])".contains("cannot be listed"))

        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "Subject: A\n\nB\n".write(toFile: dir + "/seul.txt", atomically: true, encoding: .utf8)
        let library = TemplateLibrary.load(searching: ["/nonexistent-filon/a", dir, Self.root + "/templates"])
        #expect(library.directory == dir && library.names == ["seul"])
        #expect(TemplateLibrary.load(searching: ["/nonexistent-filon/a"]) == TemplateLibrary())
    }

    @Test func searchOrder() {
        let dirs = TemplateLibrary.searchDirectories(
            environment: ["FILON_TEMPLATES_DIR": "/srv/modeles"], currentDirectory: "/home/lea",
            executablePath: "/opt/filon/bin/filon", configured: "modeles")
        #expect(
            dirs == ["/srv/modeles", "/home/lea/modeles", "/home/lea/templates", "/opt/filon/share/filon/templates"])
        #expect(
            TemplateLibrary.searchDirectories(
                environment: ["FILON_TEMPLATES_DIR": ""], currentDirectory: "/w", executablePath: nil,
                configured: "/etc/filon/templates") == ["/etc/filon/templates", "/w/templates"])
    }

    /// The shipped templates parse, merge with or without a person's name, and leave the
    /// unsubscribe line to the message.
    @Test func theShippedTemplatesAreUsable() throws {
        let library = TemplateLibrary.load(directory: Self.root + "/templates")
        #expect(library.problems.isEmpty, "\(library.problems)")
        #expect(library.names == ["premier-contact", "relance", "suite-appel"])
        let sender = try SenderIdentity(
            name: "Léa Martin", company: "Atelier Web Martin", postalAddress: "12 rue des Lilas, 69001 Lyon",
            email: EmailAddress("lea@atelier-martin.fr"))
        for entry in library.templates {
            let bare = try entry.template.render(MergeValues(sender: sender, [.company: "ALPHA"]))
            #expect(bare.body.hasPrefix("Bonjour Madame, Monsieur,"), "\(entry.name)")
            #expect(!bare.body.contains("{{") && !bare.subject.contains("{{"))
            #expect(!bare.body.lowercased().contains("désinscri") && !bare.body.contains("STOP"))
            let named = try entry.template.render(
                MergeValues(
                    sender: sender,
                    [.company: "ALPHA", .firstName: "Jean", .websiteVerdict: "vous n'avez pas encore de site internet"])
            )
            #expect(named.body.hasPrefix("Bonjour Jean,"))
        }
    }
}
