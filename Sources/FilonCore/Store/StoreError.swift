import Foundation
import GRDB

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What can go wrong when opening or using the database, with what to do about it.
public enum StoreError: Error, CustomStringConvertible, Equatable {
    case cannotOpen(path: String, reason: String)
    case locked(path: String)
    /// SQLite could not grow the file, its WAL or its shared memory: the file system is full.
    case diskFull(path: String)
    /// The file itself cannot be written (read-only mount, permissions).
    case readOnly(path: String, reason: String)
    /// The file is writable but its folder is not, and WAL mode creates `-wal` and `-shm` files there.
    case readOnlyFolder(path: String, folder: String, reason: String)
    /// The disk or the file system failed a read or a write.
    case ioError(path: String, reason: String)
    /// The file is not a database, or is damaged.
    case corrupt(path: String, reason: String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason):
            return "cannot open the database \(path): \(reason). "
                + "Check that its folder exists and is writable, or pass --db PATH."
        case .locked(let path):
            return "the database \(path) stayed locked by another process for 10 s (a long import?). "
                + "Try again in a moment."
        case .diskFull(let path):
            let folder = (path as NSString).deletingLastPathComponent
            return "the disk is full: cannot write to the database \(path). "
                + "The write that failed was rolled back; what was saved before it is intact. "
                + "Free some space on the disk holding \(folder.isEmpty ? "." : folder) (see `df -h`), "
                + "or move the database elsewhere and pass --db PATH, then run the command again."
        case .readOnly(let path, let reason):
            return "read-only: the database \(path) cannot be written (\(reason)). "
                + "Check the file's permissions and owner (`ls -l`) and that its disk is not mounted read-only "
                + "(`findmnt -T \(path)`), or pass --db PATH."
        case .readOnlyFolder(let path, let folder, let reason):
            return "read-only: the folder \(folder) holding the database \(path) cannot be written (\(reason)); "
                + "SQLite needs to create \((path as NSString).lastPathComponent)-wal and -shm there (and the file itself when it is new). "
                + "Make the folder writable (permissions, or a read-write mount), or move the database and pass --db PATH."
        case .ioError(let path, let reason):
            return "input/output error on the database \(path) (\(reason)). "
                + "Check the disk (`dmesg`, `df -h`) and run the command again; "
                + "`sqlite3 \(path) 'PRAGMA integrity_check'` tells whether the file is damaged."
        case .corrupt(let path, let reason):
            return "the database \(path) is damaged or is not a Filon database (\(reason)). "
                + "Restore it from a backup, or pass --db PATH."
        }
    }

    /// The store error behind a SQLite failure on the database at `path`, or nil when the error is
    /// not one the person running the command can act on (a bug, a constraint).
    public init?(_ error: any Error, path: String) {
        if let error = error as? StoreError {
            self = error
            return
        }
        guard let error = error as? DatabaseError else { return nil }
        let reason = error.message ?? "\(error.resultCode)"
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            self = .locked(path: path)
        case .SQLITE_FULL:
            self = .diskFull(path: path)
        case .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH:
            if let readOnly = Self.writeAccess(path: path) {
                self = readOnly
            } else if error.resultCode == .SQLITE_CANTOPEN {
                self = .cannotOpen(path: path, reason: reason)
            } else {
                self = .readOnly(path: path, reason: reason)
            }
        case .SQLITE_IOERR:
            // SQLite reports a full disk as SQLITE_FULL only for its main writes: growing the shared
            // memory file or syncing fails with an I/O error whose errno it keeps to itself.
            if Self.noSpaceLeft(near: path) {
                self = .diskFull(path: path)
            } else if let readOnly = Self.writeAccess(path: path) {
                self = readOnly
            } else {
                self = .ioError(path: path, reason: reason)
            }
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
            self = .corrupt(path: path, reason: reason)
        default:
            return nil
        }
    }

    /// Why the database file or its folder cannot be read or written, or nil when both can.
    static func writeAccess(path: String) -> StoreError? {
        let folder = Self.folder(of: path)
        // Not even readable: not a read-only file, a file of someone else's.
        if FileManager.default.fileExists(atPath: path), access(path, R_OK) != 0 {
            return .cannotOpen(
                path: path, reason: Self.explain(errno) + "; check the file's owner, group and mode (`ls -l`)")
        }
        if FileManager.default.fileExists(atPath: path), access(path, W_OK) != 0 {
            return .readOnly(path: path, reason: Self.explain(errno))
        }
        // A -wal or -shm file left by another account with a mode that keeps this one out.
        for companion in [path + "-wal", path + "-shm"]
        where FileManager.default.fileExists(atPath: companion) && access(companion, W_OK) != 0 {
            return .readOnly(path: companion, reason: Self.explain(errno))
        }
        if access(folder, W_OK) != 0 {
            return .readOnlyFolder(path: path, folder: folder, reason: Self.explain(errno))
        }
        return nil
    }

    /// Whether the file system holding `path` has no block left for an unprivileged write.
    static func noSpaceLeft(near path: String) -> Bool {
        var stats = statvfs()
        guard statvfs(folder(of: path), &stats) == 0 else { return false }
        // A few pages' worth is as good as none: SQLite writes 16 KiB pages and grows -shm by 32 KiB.
        return UInt64(stats.f_bavail) * UInt64(stats.f_frsize) < 64 * 1024
    }

    static func folder(of path: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        return folder.isEmpty ? "." : folder
    }

    static func explain(_ code: Int32) -> String {
        switch code {
        case EROFS: return "the file system is mounted read-only"
        case EACCES, EPERM: return "permission denied for user \(ProcessInfo.processInfo.userName)"
        default: return String(cString: strerror(code))
        }
    }
}
