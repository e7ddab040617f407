import Foundation
import Testing

/// `scripts/install-server.sh` on this machine, into a temporary prefix: the group, the daemon's
/// account, the folders and files with the modes docs/RELIABILITY.md gives, and a database whose
/// -wal and -shm files, created by SQLite as the daemon writes, stay within the group.
@Suite(.serialized, .enabled(if: getuid() == 0, "the install script creates a group and a user: root only"))
struct InstallServerTests {
    /// Mode bits, owner and group of a file.
    private static func stat(_ path: String) -> (mode: Int, owner: String, group: String)? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let mode = attributes[.posixPermissions] as? NSNumber,
            let owner = attributes[.ownerAccountName] as? String,
            let group = attributes[.groupOwnerAccountName] as? String
        else { return nil }
        return (mode.intValue, owner, group)
    }

    @Test func theScriptSetsOwnersAndModesForATeam() throws {
        let folder = try Binaries.temporaryFolder()
        // Names of this run only, removed after.
        let group = "filont\(getpid() % 100_000)"
        let daemon = "filondt\(getpid() % 100_000)"
        defer {
            _ = try? Binaries.run(program: "/usr/sbin/userdel", [daemon])
            _ = try? Binaries.run(program: "/usr/sbin/groupdel", [group])
            try? FileManager.default.removeItem(atPath: folder)
        }
        // The temporary folder must be reachable by the daemon's account.
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder)
        let bin = URL(fileURLWithPath: try Binaries.path("filond")).deletingLastPathComponent().path
        let arguments = [
            "scripts/install-server.sh", "--prefix", folder + "/usr", "--data", folder + "/data", "--etc",
            folder + "/etc", "--group", group, "--daemon-user", daemon, "--bin", bin, "--no-systemd", "--profile",
            "none",
        ]
        let install = try Binaries.run(program: "/bin/bash", arguments)
        #expect(install.status == 0, "\(install.stdout)\(install.stderr)")

        let db = folder + "/data/filon.sqlite"
        let expected: [(String, Int, String, String)] = [
            (folder + "/data", 0o2770, daemon, group), (db, 0o660, daemon, group),
            (folder + "/etc", 0o750, "root", group), (folder + "/etc/filon.toml", 0o640, "root", group),
            (folder + "/etc/keys.env", 0o600, "root", "root"), (folder + "/usr/bin/filon", 0o755, "root", "root"),
        ]
        for (path, mode, owner, groupName) in expected {
            let found = Self.stat(path)
            #expect(found?.mode == mode, "\(path): mode \(String(found?.mode ?? 0, radix: 8))")
            #expect(found?.owner == owner && found?.group == groupName, "\(path): \(String(describing: found))")
        }

        // A copy the daemon's account can read: the clone may sit in a private folder.
        let stock = folder + "/StockUniteLegale_demo.csv"
        try FileManager.default.copyItem(
            atPath: Binaries.root.path + "/Fixtures/demo/StockUniteLegale_demo.csv", toPath: stock)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: stock)
        // The daemon writes (a stock import, as its own account): SQLite's -wal and -shm files
        // take the database's mode and the folder's group.
        let importRun = try Binaries.run(
            program:
                "/usr/bin/setpriv",
            [
                "--reuid=\(daemon)", "--regid=\(group)", "--init-groups", folder + "/usr/bin/filond", "import",
                "sirene",
                "--db", db, stock,
            ])
        #expect(importRun.status == 0, "\(importRun.stdout)\(importRun.stderr)")
        for suffix in ["-wal", "-shm"] where FileManager.default.fileExists(atPath: db + suffix) {
            let found = Self.stat(db + suffix)
            #expect(found?.mode == 0o660 && found?.group == group, "\(suffix): \(String(describing: found))")
        }
        #expect(Self.stat(db)?.mode == 0o660)

        // Run again: nothing lost, modes mended.
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: folder + "/etc/keys.env")
        let again = try Binaries.run(program: "/bin/bash", arguments)
        #expect(again.status == 0, "\(again.stdout)\(again.stderr)")
        #expect(Self.stat(folder + "/etc/keys.env")?.mode == 0o600)
        let count = try Binaries.run("filond", ["status", "--db", db])
        #expect(count.stdout.contains("Companies: "), "\(count.stdout)\(count.stderr)")
    }
}
