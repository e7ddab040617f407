import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A listening socket on 127.0.0.1, on a port the kernel picks, that accepts on its own thread:
/// what the fake servers share. Each accepted connection is first handed to `accepted` on the
/// accepting thread (to take a snapshot of the server's settings as the connection starts), and
/// the work it returns runs on a thread of its own, so a slow answer holds up no one.
final class LoopbackListener: @unchecked Sendable {
    let port: Int
    private let fd: Int32
    private let lock = NSLock()
    private var stopped = false

    init(name: String, accepted: @escaping @Sendable (Int32) -> @Sendable () -> Void) throws {
        let (fd, port) = try Self.bindLoopback(name: name)
        guard listen(fd, 128) == 0 else {
            let error = Self.failure(name, "listen")
            close(fd)
            throw error
        }
        self.fd = fd
        self.port = port
        let thread = Thread { [self] in acceptLoop(accepted) }
        thread.name = "\(name):\(port)"
        thread.start()
    }

    /// Stops accepting connections. shutdown(2) wakes the thread blocked in accept(2), which closes
    /// the socket itself, so the descriptor cannot be reused under it.
    func stop() {
        let first = lock.withLock {
            defer { stopped = true }
            return !stopped
        }
        if first { shutdown(fd, Int32(SHUT_RDWR)) }
    }

    /// A port where nothing listens: bound, then closed, so that connecting is refused.
    static func closedPort(name: String) throws -> Int {
        let (fd, port) = try bindLoopback(name: name)
        close(fd)
        return port
    }

    private func acceptLoop(_ accepted: @Sendable (Int32) -> @Sendable () -> Void) {
        while true {
            let connection = accept(fd, nil, nil)
            if connection < 0 {
                if errno == EINTR { continue }
                break
            }
            if lock.withLock({ stopped }) {
                close(connection)
                break
            }
            Thread(block: accepted(connection)).start()
        }
        close(fd)
    }

    #if canImport(Glibc)
        private static let streamType = Int32(SOCK_STREAM.rawValue)
    #else
        private static let streamType = SOCK_STREAM
    #endif

    private static func bindLoopback(name: String) throws -> (Int32, Int) {
        let fd = socket(AF_INET, streamType, 0)
        guard fd >= 0 else { throw failure(name, "socket") }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else {
            let error = failure(name, "bind")
            close(fd)
            throw error
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return (fd, Int(UInt16(bigEndian: address.sin_port)))
    }

    private static func failure(_ name: String, _ call: String) -> NSError {
        NSError(
            domain: NSPOSIXErrorDomain, code: Int(errno),
            userInfo: [NSLocalizedDescriptionKey: "\(name): \(call) failed: \(String(cString: strerror(errno)))"])
    }
}
