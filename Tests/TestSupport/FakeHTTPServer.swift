import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A fake provider server on 127.0.0.1, on a port the kernel picks, for tests. It serves one
/// request per connection (`Connection: close`), each on its own thread, so a delayed answer does
/// not hold up the others. Tests publish new data by swapping the handler or by changing what the
/// handler reads; every request received is kept in `requests`, in order.
public final class FakeHTTPServer: @unchecked Sendable {
    private let listener: LoopbackListener
    private let state = State()

    public var port: Int { listener.port }
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    public init() throws {
        // The threads hold the state, not the server, so that dropping the server stops it.
        let state = state
        listener = try LoopbackListener(name: "FakeHTTPServer") { connection in
            { Self.serve(connection, state) }
        }
    }

    deinit { stop() }

    /// Replaces the handler; connections already being served keep the one they started with.
    public func handle(_ handler: @escaping @Sendable (FakeRequest) -> FakeResponse) {
        state.lock.withLock { state.handler = handler }
    }

    /// The requests received so far, in order of arrival.
    public var requests: [FakeRequest] { state.lock.withLock { state.log } }

    /// Stops accepting connections.
    public func stop() { listener.stop() }

    // MARK: - Serving

    private final class State: @unchecked Sendable {
        let lock = NSLock()
        var handler: @Sendable (FakeRequest) -> FakeResponse = { _ in .noRoute }
        var log: [FakeRequest] = []
    }

    private static func serve(_ fd: Int32, _ state: State) {
        defer { close(fd) }
        guard let request = readRequest(fd) else { return }
        let handler = state.lock.withLock {
            state.log.append(request)
            return state.handler
        }
        write(handler(request), to: fd, method: request.method)
    }

    private static func readRequest(_ fd: Int32) -> FakeRequest? {
        var buffer = Data()
        var chunk = [UInt8](repeating: 0, count: 16 << 10)
        let separator = Data("\r\n\r\n".utf8)
        var headerEnd: Range<Data.Index>?
        while headerEnd == nil {
            let n = recv(fd, &chunk, chunk.count, 0)
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { return nil }
            buffer.append(contentsOf: chunk[0..<n])
            headerEnd = buffer.range(of: separator)
        }
        guard let headerEnd else { return nil }
        let head = String(decoding: buffer[..<headerEnd.lowerBound], as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ")
        guard requestLine.count >= 2 else { return nil }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            headers[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        if headers["expect"]?.lowercased() == "100-continue" {
            sendAll(fd, Data("HTTP/1.1 100 Continue\r\n\r\n".utf8))
        }
        var body = Data(buffer[headerEnd.upperBound...])
        let length = headers["content-length"].flatMap { Int($0) } ?? 0
        while body.count < length {
            let n = recv(fd, &chunk, min(chunk.count, length - body.count), 0)
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { return nil }
            body.append(contentsOf: chunk[0..<n])
        }
        let target = FakeRequest.splitTarget(String(requestLine[1]))
        return FakeRequest(
            method: String(requestLine[0]), path: target.path, query: target.query, rawQuery: target.rawQuery,
            headers: headers, body: body)
    }

    private static func write(_ response: FakeResponse, to fd: Int32, method: String) {
        switch response {
        case .bytes(let body, let status, let headers):
            sendAll(fd, head(status, headers, length: body.count))
            if method != "HEAD" { sendAll(fd, body) }
        case .delayed(let seconds, let inner):
            Thread.sleep(forTimeInterval: seconds)
            write(inner, to: fd, method: method)
        case .truncated(let status, let declaredLength, let partialBody):
            sendAll(fd, head(status, [:], length: declaredLength))
            sendAll(fd, Data(partialBody.utf8))
        case .hangUp:
            break
        case .trickle(let body, let chunks, let interval, let status, let headers):
            sendAll(fd, head(status, headers, length: body.count))
            let size = max(1, (body.count + max(1, chunks) - 1) / max(1, chunks))
            var offset = 0
            while offset < body.count {
                Thread.sleep(forTimeInterval: interval)
                let end = min(body.count, offset + size)
                guard sendAll(fd, body[offset..<end]) else { return }
                offset = end
            }
        }
    }

    private static func head(_ status: Int, _ headers: [String: String], length: Int) -> Data {
        var text = "HTTP/1.1 \(status) \(reason(status))\r\n"
        let overridden = Set(headers.keys.map { $0.lowercased() })
        if !overridden.contains("content-length") { text += "Content-Length: \(length)\r\n" }
        text += "Connection: close\r\n"
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { text += "\(name): \(value)\r\n" }
        return Data((text + "\r\n").utf8)
    }

    private static func reason(_ status: Int) -> String {
        switch status {
        case 200: return "OK"
        case 304: return "Not Modified"
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 429: return "Too Many Requests"
        case 500: return "Internal Server Error"
        case 503: return "Service Unavailable"
        default: return "Status"
        }
    }

    /// Writes everything, without SIGPIPE when the client has gone (MSG_NOSIGNAL). False on failure.
    @discardableResult
    private static func sendAll(_ fd: Int32, _ data: Data) -> Bool {
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = send(fd, raw.baseAddress! + offset, raw.count - offset, Self.noSignal)
                if n < 0, errno == EINTR { continue }
                guard n > 0 else { return false }
                offset += n
            }
            return true
        }
    }

    #if canImport(Glibc)
        private static let noSignal = Int32(MSG_NOSIGNAL)
    #else
        private static let noSignal: Int32 = 0
    #endif
}
