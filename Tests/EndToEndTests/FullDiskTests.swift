import FilonCore
import Foundation
import GRDB
import Testing

/// The database on a 2 MiB tmpfs that fills up: `filond import` and `filon call` stop with a
/// message that names the file, says the disk is full and what to do, exit 1, and leave what was
/// stored before intact (`PRAGMA integrity_check`, the same rows).
@Suite(.serialized, TmpfsMount.available) struct FullDiskTests {
    static let diskKiB = 2048

    @Test func anImportThatFillsTheDiskSaysSoAndKeepsWhatWasStored() throws {
        let folder = try Binaries.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let small = try SmallDatabase.make(in: folder)
        try FileManager.default.createDirectory(atPath: folder + "/big", withIntermediateDirectories: true)
        let big = try GeneratedStock(units: 12_000, seed: 20_261_126).write(in: folder + "/big")
        let disk = try TmpfsMount.mount(kibibytes: Self.diskKiB)
        defer { disk.remove() }
        let db = disk.path + "/filon.sqlite"
        try KillRunner.copyDatabase(small.path, to: db)
        let before = try SmallDatabase.counts(db)
        let companies = try Snapshot(path: small.path).tables["company"]

        let runsBefore = try KillRunner.inspect(db) { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM run")! }
        let result = try Binaries.run("filond", ["import", "sirene", "--db", db, big.units, big.establishments])
        #expect(result.status == 1, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stderr.contains("the disk is full: cannot write to the database \(db)"), "\(result.stderr)")
        #expect(result.stderr.contains("Free some space"), "\(result.stderr)")
        #expect(SmallDatabase.isClear(result.stderr), "\(result.stderr)")
        print("full disk, filond import: \(result.stderr)")

        #expect(try KillRunner.consistency(of: db).isEmpty)
        #expect(try SmallDatabase.counts(db) == before)
        // The disk filled during the import, not when opening: its run was journaled.
        #expect(try KillRunner.inspect(db) { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM run")! } > runsBefore)
        // One transaction per file (the default batch): the failed file left no row behind.
        try KillRunner.copyDatabase(db, to: folder + "/after.sqlite")
        #expect(try Snapshot(path: folder + "/after.sqlite").tables["company"] == companies)
    }

    @Test(arguments: [false, true])
    func operatorCommandsOnAFullDiskSaySoAndExitNonZero(connectionOpen: Bool) throws {
        let folder = try Binaries.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let small = try SmallDatabase.make(in: folder)
        let disk = try TmpfsMount.mount(kibibytes: Self.diskKiB)
        defer { disk.remove() }
        let db = disk.path + "/filon.sqlite"
        try KillRunner.copyDatabase(small.path, to: db)
        let before = try SmallDatabase.counts(db)
        // With a connection open, -wal and -shm exist: opening works and the write is what fails.
        // Without, the command cannot even create its shared memory.
        let holder = try connectionOpen ? DatabaseQueue(path: db) : nil
        if let holder { _ = try holder.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM company") } }
        _ = try disk.fill()

        let siren = Siren.pad(small.siren, 9)
        for arguments in [["call", siren, "busy"], ["call", siren, "no_answer", "--note", "rappeler lundi"]] {
            let result = try Binaries.run("filon", arguments + ["--db", db], environment: ["USER": "tina"])
            let label = "\(arguments.joined(separator: " ")) (connection open: \(connectionOpen))"
            #expect(result.status == 1, "\(label): \(result.stdout)\n\(result.stderr)")
            #expect(
                result.stderr.contains("the disk is full: cannot write to the database \(db)"),
                "\(label): \(result.stderr)")
            #expect(SmallDatabase.isClear(result.stderr), "\(label): \(result.stderr)")
            print("full disk, filon \(label): \(result.stderr)")
        }
        try holder?.close()
        #expect(try KillRunner.consistency(of: db).isEmpty)
        #expect(try SmallDatabase.counts(db) == before)
    }

    /// A daemon pass on a full disk says so in the same words as the commands (each failed step
    /// too), exits 1, and the file stays whole: with no room at all (it stops at once), and with a
    /// little room, where the steps that write more than that fail one after the other.
    @Test(arguments: [0, 224])
    func aDaemonPassOnAFullDiskSaysSoAtEachStep(roomKiB: Int) throws {
        let folder = try Binaries.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // The demo's 6 000 companies: scoring them writes more than the room left.
        let source = try Binaries.demoDatabase(in: folder)
        let size = try #require(try FileManager.default.attributesOfItem(atPath: source)[.size] as? NSNumber)
        // Room for the -wal and -shm files a reader makes, then `roomKiB` more.
        let disk = try TmpfsMount.mount(kibibytes: size.intValue / 1024 + roomKiB + 96)
        defer { disk.remove() }
        let db = disk.path + "/filon.sqlite"
        try KillRunner.copyDatabase(source, to: db)
        let before = try SmallDatabase.counts(db)
        // No provider at all: the pass only scores, assigns and indexes, all of which write.
        let config = folder + "/filon.toml"
        try ProviderID.allCases.map { "[providers.\($0.rawValue)]\nenabled = false\n" }.joined()
            .write(toFile: config, atomically: true, encoding: .utf8)
        let holder = try DatabaseQueue(path: db)
        _ = try holder.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM company") }
        if roomKiB == 0 { _ = try disk.fill() }

        let pass = try Binaries.run("filond", ["run", "--once", "--db", db, "--config", config])
        #expect(pass.status == 1, "\(pass.stdout)\n\(pass.stderr)")
        // Whether it stops at once (no room for its lock) or step after step, it says why.
        #expect(
            (pass.stdout + pass.stderr).contains("the disk is full: cannot write to the database \(db)"),
            "\(pass.stdout)\n\(pass.stderr)")
        let failed = pass.stdout.split(separator: "\n").filter { $0.contains(": failed — ") }
        print(
            "full disk, filond run with \(roomKiB) KiB free: \(failed.count) steps failed; \(pass.stderr.suffix(300))")
        for line in failed {
            #expect(line.contains("the disk is full: cannot write to the database \(db)"), "\(line)")
        }
        #expect(SmallDatabase.isClear(pass.stdout + pass.stderr), "\(pass.stdout)\n\(pass.stderr)")
        try holder.close()
        #expect(try KillRunner.consistency(of: db).isEmpty)
        // What a step committed before the disk filled is kept; nothing else moved.
        let after = try SmallDatabase.counts(db)
        #expect(after["company"] == before["company"] && after["user"] == before["user"], "\(after)")
    }
}
