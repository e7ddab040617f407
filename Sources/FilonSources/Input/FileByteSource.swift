#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a file with plain `read(2)` calls: no memory mapping, so memory stays flat whatever the size.
public final class FileByteSource: ByteSource {
    public let path: String
    private let fd: Int32
    private let size: Int64?
    private var consumed: Int64 = 0

    public init(path: String) throws {
        self.path = path
        fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw InputError(path: path, "cannot open: \(String(cString: strerror(errno)))")
        }
        var info = stat()
        size = fstat(fd, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG ? Int64(info.st_size) : nil
        if let size, size >= 0 {
            _ = posix_fadvise(fd, 0, 0, Int32(POSIX_FADV_SEQUENTIAL))
        }
    }

    deinit { close(fd) }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            let n = Glibc.read(fd, base, buffer.count)
            if n >= 0 {
                consumed += Int64(n)
                return n
            }
            if errno == EINTR { continue }
            throw InputError(path: path, "read failed: \(String(cString: strerror(errno)))")
        }
    }

    /// Reads exactly `count` bytes or fewer at the end of the file.
    public func readFully(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        var total = 0
        while total < buffer.count {
            let n = try read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[total...]))
            if n == 0 { break }
            total += n
        }
        return total
    }

    public var progress: (consumed: Int64, total: Int64?) { (consumed, size) }
}
