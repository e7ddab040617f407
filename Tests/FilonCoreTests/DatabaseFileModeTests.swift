import FilonCore
import Foundation
import Testing

/// A new database holds personal data: its owner and their group read it, other accounts never,
/// whatever the process's umask; its -wal and -shm files follow.
@Suite struct DatabaseFileModeTests {
    @Test func aNewDatabaseIsForItsOwnerAndGroupOnly() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("filon-mode-\(UUID().uuidString)")
            .path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/filon.sqlite"
        let database = try AppDatabase.open(path: path)
        try database.writer.write {
            try $0.execute(sql: "INSERT INTO user (login, name, role, created_at) VALUES ('ada', 'Ada', 'admin', 'x')")
        }
        for file in [path, path + "-wal", path + "-shm"] where FileManager.default.fileExists(atPath: file) {
            let mode = try #require(
                try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? NSNumber)
            #expect(mode.intValue & 0o007 == 0, "\(file): mode \(String(mode.intValue, radix: 8))")
            #expect(mode.intValue & 0o660 == 0o660, "\(file): mode \(String(mode.intValue, radix: 8))")
        }
        #expect(FileManager.default.fileExists(atPath: path + "-wal"))
    }
}
