import FilonCore
import Foundation
import Testing

/// A database that cannot be written: on a tmpfs remounted read-only (root ignores `chmod`), or
/// writable itself in a read-only folder where WAL mode cannot create its -wal and -shm files.
/// `filond import`, `filon call` and the operator screen say so, name the file and what to check,
/// exit 1 without a crash, and the file stays intact.
@Suite(.serialized, TmpfsMount.available) struct ReadOnlyDatabaseTests {
    /// The commands that must refuse, with the words that must be in their message.
    func attempts(_ db: String, _ small: SmallDatabase) -> [(label: String, tool: String, arguments: [String])] {
        [
            ("filond import", "filond", ["import", "sirene", "--db", db, small.stock.units]),
            ("filon call", "filon", ["call", Siren.pad(small.siren, 9), "busy", "--db", db]),
            // The operator screen checks its database before it needs a terminal.
            ("filon (the screen)", "filon", ["--db", db]),
        ]
    }

    @Test func aDatabaseOnAReadOnlyMountIsRefusedClearly() throws {
        let folder = try Binaries.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let small = try SmallDatabase.make(in: folder)
        let disk = try TmpfsMount.mount(kibibytes: 8192)
        defer { disk.remove() }
        let db = disk.path + "/filon.sqlite"
        try KillRunner.copyDatabase(small.path, to: db)
        let before = try SmallDatabase.counts(db)
        try disk.remount(readOnly: true)

        for (label, tool, arguments) in attempts(db, small) {
            let result = try Binaries.run(tool, arguments, environment: ["USER": "tina"])
            #expect(result.status == 1, "\(label): \(result.stdout)\n\(result.stderr)")
            #expect(
                result.stderr.contains(
                    "read-only: the database \(db) cannot be written (the file system is mounted read-only)"),
                "\(label): \(result.stderr)")
            #expect(result.stderr.contains("permissions") && result.stderr.contains("mounted read-only"))
            #expect(SmallDatabase.isClear(result.stderr), "\(label): \(result.stderr)")
            print("read-only mount, \(label): \(result.stderr)")
        }
        #expect(try KillRunner.consistency(of: db).isEmpty)
        #expect(try SmallDatabase.counts(db) == before)
    }

    @Test func aWritableDatabaseInAReadOnlyFolderIsRefusedClearly() throws {
        let folder = try Binaries.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let small = try SmallDatabase.make(in: folder)
        // The file lives on a writable tmpfs and is bound over a placeholder in a read-only one.
        let store = try TmpfsMount.mount(kibibytes: 8192)
        defer { store.remove() }
        let shelf = try TmpfsMount.mount(kibibytes: 64)
        defer { shelf.remove() }
        try KillRunner.copyDatabase(small.path, to: store.path + "/filon.sqlite")
        let db = shelf.path + "/filon.sqlite"
        _ = FileManager.default.createFile(atPath: db, contents: nil)
        try shelf.remount(readOnly: true)
        try TmpfsMount.bind(store.path + "/filon.sqlite", onto: db)
        defer { TmpfsMount.unmount(db) }
        #expect(access(db, W_OK) == 0 && access(shelf.path, W_OK) != 0)
        let before = try SmallDatabase.counts(db)

        for (label, tool, arguments) in attempts(db, small) {
            let result = try Binaries.run(tool, arguments, environment: ["USER": "tina"])
            #expect(result.status == 1, "\(label): \(result.stdout)\n\(result.stderr)")
            #expect(
                result.stderr.contains(
                    "read-only: the folder \(shelf.path) holding the database \(db) cannot be written"),
                "\(label): \(result.stderr)")
            #expect(result.stderr.contains("filon.sqlite-wal and -shm"), "\(label): \(result.stderr)")
            #expect(SmallDatabase.isClear(result.stderr), "\(label): \(result.stderr)")
            print("read-only folder, \(label): \(result.stderr)")
        }
        #expect(try KillRunner.consistency(of: db).isEmpty)
        #expect(try SmallDatabase.counts(db) == before)
    }
}
