import FilonSources
import Foundation

/// The committed seeds of a target (`Fixtures/fuzz/<target>/`), in name order, and where the
/// suite keeps the input it is working on so that a crash leaves it behind.
enum FuzzCorpus {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/fuzz")

    static func seeds(_ target: FuzzTarget) throws -> [(name: String, bytes: [UInt8])] {
        let folder = root.appendingPathComponent(target.rawValue)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        return try names.map { ($0, [UInt8](try Data(contentsOf: folder.appendingPathComponent($0)))) }
    }

    /// A folder of the system's temporary directory for inputs in progress and failing inputs.
    static let scratch: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("filon-fuzz")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    static func inFlight(_ target: FuzzTarget) -> URL { scratch.appendingPathComponent("\(target.rawValue).inflight") }

    /// Keeps an input for `swift run filon-fuzz TARGET PATH`; returns its path.
    static func keep(_ bytes: [UInt8], as name: String) -> String {
        let url = scratch.appendingPathComponent(name)
        try? Data(bytes).write(to: url)
        return url.path
    }

    /// The input as a Swift string literal would show it, cut to `limit` bytes.
    static func shown(_ bytes: [UInt8], limit: Int = 600) -> String {
        let text = String(decoding: bytes.prefix(limit), as: UTF8.self)
        return text.debugDescription + (bytes.count > limit ? "… (\(bytes.count) bytes)" : "")
    }
}
