import Foundation

/// The built `filon` and `filond` next to the test runner (`swift build` builds them; the
/// project's test script runs it before `swift test`).
enum Binaries {
    static let folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        .deletingLastPathComponent()

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func path(_ name: String) throws -> String {
        // The runner may sit inside an .xctest bundle folder or directly in the build folder.
        for candidate in [
            folder, folder.deletingLastPathComponent(), folder.deletingLastPathComponent().deletingLastPathComponent(),
        ] {
            let path = candidate.appendingPathComponent(name).path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        throw BinaryMissing(name: name, folder: folder.path)
    }

    struct BinaryMissing: Error, CustomStringConvertible {
        let name: String
        let folder: String
        var description: String { "\(name) is not built next to \(folder): run `swift build` before `swift test`" }
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs a binary with no standard input, as CI does.
    static func run(_ name: String, _ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        try run(program: try path(name), arguments, environment: environment)
    }

    /// Runs any program (a script's interpreter, a system tool) the same way, from the clone's root.
    static func run(program: String, _ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.currentDirectoryURL = root
        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { $1 }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    static func temporaryFolder() throws -> String {
        let path = NSTemporaryDirectory() + "filon-e2e-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// A database holding the demo companies, imported by `filond` into `folder`.
    static func demoDatabase(in folder: String) throws -> String {
        let db = folder + "/filon.sqlite"
        let load = try run(
            "filond",
            [
                "import", "sirene", "--db", db, "Fixtures/demo/StockUniteLegale_demo.csv",
                "Fixtures/demo/StockEtablissement_demo.csv",
            ])
        guard load.status == 0 else { throw DemoImportFailed(stderr: load.stderr) }
        // As scripts/demo.sh does: the search works before any daemon pass.
        let index = try run("filond", ["index", "--db", db])
        guard index.status == 0 else { throw DemoImportFailed(stderr: index.stderr) }
        return db
    }

    struct DemoImportFailed: Error, CustomStringConvertible {
        let stderr: String
        var description: String { "filond import or index of the demo failed: \(stderr)" }
    }
}
