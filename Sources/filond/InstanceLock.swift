import Foundation

/// One `filond run` per database: an exclusive `flock` on `<database>.lock`, which holds the pid
/// of its owner for the message a second daemon prints. The descriptor stays open until the
/// process ends, and the kernel drops the lock then, however the process died (SIGKILL
/// included), so a stale lock file never blocks a restart.
struct InstanceLock {
    let path: String
    private let descriptor: Int32

    /// Takes the lock of the database at `databasePath`, or says who holds it.
    static func acquire(databasePath: String) throws(InstanceLockError) -> InstanceLock {
        let path = databasePath + ".lock"
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .unusable(path: path, reason: String(cString: strerror(errno))) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let failure = errno
            let owner = failure == EWOULDBLOCK ? readPid(descriptor) : nil
            close(descriptor)
            if failure == EWOULDBLOCK { throw .held(database: databasePath, pid: owner) }
            throw .unusable(path: path, reason: String(cString: strerror(failure)))
        }
        // The file is kept between runs (removing it would let two daemons lock two different
        // files of the same name), so the previous owner's pid is overwritten.
        let pid = Array("\(getpid())\n".utf8)
        guard ftruncate(descriptor, 0) == 0, pwrite(descriptor, pid, pid.count, 0) == pid.count else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw .unusable(path: path, reason: reason)
        }
        return InstanceLock(path: path, descriptor: descriptor)
    }

    private static func readPid(_ descriptor: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = pread(descriptor, &buffer, buffer.count, 0)
        guard count > 0 else { return nil }
        return Int32(String(decoding: buffer[..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}

/// Why `filond run` could not become the database's only daemon.
enum InstanceLockError: Error, CustomStringConvertible {
    /// Another process holds the lock; `pid` is nil when it has not written it yet.
    case held(database: String, pid: Int32?)
    case unusable(path: String, reason: String)

    var description: String {
        switch self {
        case .held(let database, let pid):
            return "another filond run (pid \(pid.map(String.init) ?? "unknown")) is already working on \(database); "
                + "stop it first or use another --db"
        case .unusable(let path, let reason):
            return "cannot lock \(path): \(reason); check that the database folder is writable by this user"
        }
    }
}
