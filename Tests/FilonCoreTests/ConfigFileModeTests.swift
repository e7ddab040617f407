import FilonCore
import Foundation
import Testing

/// A settings file holding keys that others can read, or that others can change, is refused
/// with the command that mends it; a group of operators may read it.
@Suite struct ConfigFileModeTests {
    private let folder: String = {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("filon-mode-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }()

    private func write(_ text: String, mode: Int) throws -> String {
        let path = folder + "/filon.toml"
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        return path
    }

    private func load(_ path: String) -> Result<FilonConfig, ConfigError> {
        Result { try FilonConfig.load(explicitPath: path, environment: [:]) }.mapError { $0 as! ConfigError }
    }

    private static let withKey = "[providers.pappers]\napi_key = \"pk_live_7f3a\"\n"
    private static let withPassword = "[mail]\nurl = \"smtp://mail.example.fr:587\"\npassword = \"s3cret\"\n"
    private static let withoutSecrets = "[ui]\ntheme = \"light\"\n"

    @Test(arguments: [withKey, withPassword])
    func secretsReadableByOthersAreRefused(text: String) throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = try write(text, mode: 0o644)
        guard case .failure(let error) = load(path) else {
            Issue.record("a file with secrets readable by others was accepted")
            return
        }
        #expect(error.path == path)
        #expect(error.message.contains("mode 644") && error.message.contains("chmod 600 \(path)"))
        #expect(!error.description.contains("pk_live_7f3a") && !error.description.contains("s3cret"))
    }

    @Test(arguments: [0o600, 0o640, 0o400])
    func secretsForTheOwnerOrTheGroupAreRead(mode: Int) throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let config = try load(try write(Self.withKey, mode: mode)).get()
        #expect(config.providers[.pappers]?.apiKey == "pk_live_7f3a")
    }

    @Test func aFileWithoutSecretsMayBeReadByAll() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(try load(try write(Self.withoutSecrets, mode: 0o644)).get().theme == "light")
    }

    /// `dial_command` runs as the operator: nobody else may change it.
    @Test func aFileOthersCanWriteIsRefusedEvenWithoutSecrets() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = try write(Self.withoutSecrets, mode: 0o666)
        guard case .failure(let error) = load(path) else {
            Issue.record("a file anyone can write was accepted")
            return
        }
        #expect(error.message.contains("chmod o-w \(path)"))
    }

    /// Keys from the environment say nothing about the file: it stays readable.
    @Test func keysFromTheEnvironmentLeaveTheFileFree() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = try write(Self.withoutSecrets, mode: 0o644)
        let config = try FilonConfig.load(explicitPath: path, environment: ["FILON_PAPPERS_API_KEY": "pk_env"])
        #expect(config.providers[.pappers]?.apiKey == "pk_env")
    }
}
