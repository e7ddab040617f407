import Foundation

/// The email templates of one folder: every `*.txt`, by name (the file name without `.txt`),
/// sorted. A file that cannot be read or parsed is listed in `problems` with its path and line,
/// and the others still load: one bad file must not stop every email.
public struct TemplateLibrary: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var name: String
        public var path: String
        public var template: EmailTemplate
    }

    /// A file left out, with where to fix it.
    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        public var path: String
        /// The line at fault, counting the `Subject:` line as 1; nil when the file as a whole is.
        public var line: Int?
        public var message: String

        public var description: String { "\(path): \(message)" }
    }

    /// The folder the templates came from; nil when none of the places searched exists.
    public var directory: String?
    public var templates: [Entry]
    public var problems: [Problem]

    public init(directory: String? = nil, templates: [Entry] = [], problems: [Problem] = []) {
        self.directory = directory
        self.templates = templates
        self.problems = problems
    }

    public var names: [String] { templates.map(\.name) }

    public subscript(name: String) -> EmailTemplate? { templates.first { $0.name == name }?.template }

    /// Where templates are looked for, in order: `$FILON_TEMPLATES_DIR`, `[mail] templates_dir`,
    /// `./templates`, then `../share/filon/templates` beside the executable.
    public static func searchDirectories(
        environment: [String: String], currentDirectory: String, executablePath: String?, configured: String? = nil
    ) -> [String] {
        ResourceFolders.candidates(
            "templates", variable: "FILON_TEMPLATES_DIR", environment: environment,
            currentDirectory: currentDirectory, executablePath: executablePath, configured: configured)
    }

    /// The templates of the first of `directories` that exists. The folders are not merged: the
    /// one set up for this installation replaces the shipped examples rather than mixing with them.
    public static func load(searching directories: [String]) -> TemplateLibrary {
        for dir in directories {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: dir, isDirectory: &isDirectory), isDirectory.boolValue {
                return load(directory: dir)
            }
        }
        return TemplateLibrary()
    }

    /// Every `*.txt` of `directory`; a folder that cannot be listed is one problem.
    public static func load(directory: String) -> TemplateLibrary {
        var library = TemplateLibrary(directory: directory)
        let files: [String]
        do {
            files = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            library.problems.append(
                Problem(path: directory, line: nil, message: "cannot be listed: check that it exists and may be read"))
            return library
        }
        for file in files.sorted() where file.hasSuffix(".txt") && !file.hasPrefix(".") {
            let path = (directory as NSString).appendingPathComponent(file)
            let name = String(file.dropLast(".txt".count))
            do {
                library.templates.append(Entry(name: name, path: path, template: try read(path: path)))
            } catch {
                library.problems.append(error)
            }
        }
        return library
    }

    /// One template file; the problem names the path and, when it can, the line.
    public static func read(path: String) throws(Problem) -> EmailTemplate {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Problem(path: path, line: nil, message: "cannot be read: check its permissions")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw Problem(path: path, line: nil, message: "is not UTF-8 text: save it as UTF-8")
        }
        do {
            return try EmailTemplate(parsing: text)
        } catch {
            throw Problem(path: path, line: line(of: error), message: error.description)
        }
    }

    private static func line(of error: EmailTemplateError) -> Int? {
        switch error {
        case .missingSubject, .emptySubject: return 1
        case .emptyBody: return nil
        case .unknownField(_, let line), .emptyField(let line), .unclosedField(let line),
            .missingValue(_, let line), .unmergedField(_, let line):
            return line
        }
    }
}
