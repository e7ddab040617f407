import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs a program and reports its wall time and peak resident memory (from `wait4`), which is
/// what the benchmark compares: the real `filond` binary against the `sqlite3` shell.
struct ChildProcess {
    struct Result {
        var status: Int32
        var seconds: Double
        var peakRSSBytes: Int
        var output: String
    }

    static func run(_ executable: String, _ arguments: [String], stdin: String? = nil) throws -> Result {
        let outputPath = NSTemporaryDirectory() + "filon-bench-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).out"
        defer { unlink(outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var inputPath: String?
        if let stdin {
            let path = outputPath + ".in"
            try stdin.write(toFile: path, atomically: true, encoding: .utf8)
            inputPath = path
            posix_spawn_file_actions_addopen(&actions, 0, path, O_RDONLY, 0)
        }
        defer { if let inputPath { unlink(inputPath) } }
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid = pid_t()
        let start = Date()
        let code = posix_spawnp(&pid, executable, &actions, nil, argv, environ)
        guard code == 0 else { throw BenchError("cannot start \(executable): \(String(cString: strerror(code)))") }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let seconds = Date().timeIntervalSince(start)
        let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        let exitStatus = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return Result(status: exitStatus, seconds: seconds, peakRSSBytes: Int(usage.ru_maxrss) * 1024, output: output)
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
