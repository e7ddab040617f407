import FilonCore
import Foundation

/// The configuration file as `FilonConfig.load` reads it: UTF-8 text, then `FilonConfig.parse`
/// (the TOML parser and every section's reader). Errors must be `ConfigError`s naming the file.
enum FuzzConfig {
    static let path = "fuzz.toml"

    static func run(_ bytes: Data) throws(FuzzViolation) -> FuzzOutcome {
        // The same test as `load`: a file that is not UTF-8 is refused before parsing.
        guard let text = String(data: bytes, encoding: .utf8) else { return .refused("\(path): is not UTF-8 text") }
        do {
            let config = try FilonConfig.parse(text, path: path)
            return .parsed("\(config.providers.count) providers, secrets: \(config.holdsSecrets)")
        } catch let error as ConfigError {
            guard error.path == path, !error.message.isEmpty else {
                throw FuzzViolation(.config, "the error does not name the file: \(error)")
            }
            if let line = error.line, line < 1 || line > lines(text) {
                throw FuzzViolation(.config, "line \(line) is not in the file: \(error)")
            }
            return .refused(error.description)
        } catch {
            throw FuzzViolation(.config, "untyped error \(type(of: error)): \(error)")
        }
    }

    /// The parser counts LF and CRLF; a line number past the last line would point nowhere.
    private static func lines(_ text: String) -> Int {
        text.reduce(1) { $0 + ($1 == "\n" || $1 == "\r\n" ? 1 : 0) }
    }
}
