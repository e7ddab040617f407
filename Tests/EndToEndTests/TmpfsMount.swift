import Foundation
import Testing

/// A small tmpfs the test mounts itself, to fill a disk or turn one read-only without touching the
/// machine's real disks. Needs root (CI runs the suite as root in its container).
struct TmpfsMount {
    let path: String

    /// Mounts a tmpfs of `kibibytes` at a new temporary folder.
    static func mount(kibibytes: Int) throws -> TmpfsMount {
        let path = NSTemporaryDirectory() + "filon-tmpfs-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        do {
            try run("/usr/bin/mount", ["-t", "tmpfs", "-o", "size=\(kibibytes)k,mode=0755", "tmpfs", path])
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw error
        }
        return TmpfsMount(path: path)
    }

    func remount(readOnly: Bool) throws {
        try Self.run("/usr/bin/mount", ["-o", readOnly ? "remount,ro" : "remount,rw", path])
    }

    /// Mounts `source` (a file) over `target`, so that the file keeps its own mount's rights.
    static func bind(_ source: String, onto target: String) throws {
        try run("/usr/bin/mount", ["--bind", source, target])
    }

    static func unmount(_ path: String) {
        try? run("/usr/bin/umount", [path])
    }

    /// Unmounts and removes the folder; for a `defer`.
    func remove() {
        Self.unmount(path)
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Fills what is left of the file system with one file, so that the next write finds no room.
    func fill() throws -> String {
        let filler = path + "/filler"
        _ = FileManager.default.createFile(atPath: filler, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: filler))
        defer { try? handle.close() }
        let block = Data(count: 4096)
        while (try? handle.write(contentsOf: block)) != nil {}
        return filler
    }

    struct Failure: Error, CustomStringConvertible {
        let command: String
        let output: String
        var description: String { "\(command) failed: \(output)" }
    }

    private static func run(_ tool: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(command: ([tool] + arguments).joined(separator: " "), output: text)
        }
    }

    /// Why these tests cannot run here, or nil when a tmpfs can be mounted (tried once).
    static let unavailableReason: String? = {
        guard getuid() == 0 else { return "mounting a tmpfs needs root; run the fault tests as root (CI does)" }
        do {
            try mount(kibibytes: 64).remove()
            return nil
        } catch {
            return "this machine refuses to mount a tmpfs (\(error)); a container needs CAP_SYS_ADMIN"
        }
    }()

    /// Skips a test, with the reason printed, where no tmpfs can be mounted.
    static var available: ConditionTrait {
        .enabled(if: unavailableReason == nil, Comment(rawValue: unavailableReason ?? "tmpfs available"))
    }
}
