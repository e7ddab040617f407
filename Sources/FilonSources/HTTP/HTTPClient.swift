import Foundation
import Logging

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The one HTTP client every provider goes through: it paces requests to the provider's rate,
/// retries what is worth retrying (429 and 503 after their `Retry-After`, other 5xx, timeouts and
/// dropped connections, with exponential backoff), bounds bodies, and turns everything else into an
/// `HTTPError` that says what to do. One client per provider, shared by its tasks.
public final class HTTPClient: Sendable {
    public let provider: String
    public let policy: HTTPPolicy
    private let logger: Logger
    private let limiter: RateLimiter
    private let session: URLSession
    private let delegate: TransferDelegate<Transfer>
    private let lock = NSLock()
    nonisolated(unsafe) private var attempts = 0

    public init(provider: String, policy: HTTPPolicy = HTTPPolicy(), logger: Logger = Logger(label: "filon.http")) {
        self.provider = provider
        self.policy = policy
        self.logger = logger
        limiter = RateLimiter(ratePerMinute: policy.ratePerMinute)
        delegate = TransferDelegate<Transfer>()
        session = delegate.makeSession(name: "filon.http.\(provider)", requestTimeout: policy.timeout)
    }

    // The session holds its delegate strongly until invalidated.
    deinit { session.invalidateAndCancel() }

    /// Attempts made so far, retries included (for the run journal).
    public var requestCount: Int { lock.withLock { attempts } }

    /// For a request made outside this client (the website audit fetches with its own session, to
    /// follow redirects itself): waits for its turn at the provider's rate and counts it, so the
    /// pace and the journal's request count hold for it too.
    public func pace() async throws {
        try await limiter.wait()
        lock.withLock { attempts += 1 }
    }

    /// Sends a request and returns its answer, a 2xx or a 304, with the body in memory.
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        try await run(request, destination: nil)
    }

    /// Streams the body of a big file to a temporary file next to `destination`, then moves it in
    /// place atomically. The response comes back with an empty body; on a 304, or on any error,
    /// `destination` is left as it was. Bodies here are not limited by `maxBodyBytes`.
    public func download(_ request: HTTPRequest, to destination: URL) async throws -> HTTPResponse {
        try await run(request, destination: destination)
    }

    // MARK: - Attempts

    private func run(_ request: HTTPRequest, destination: URL?) async throws -> HTTPResponse {
        let urlRequest = prepare(request)
        let shownURL = HTTPError.display(request.url)
        let maxAttempts = max(1, policy.maxAttempts)
        var attempt = 0
        while true {
            attempt += 1
            try await limiter.wait()
            lock.withLock { attempts += 1 }
            let failure: HTTPError
            let retryable: Bool
            var serverDelay: Double?
            var status = "-"
            do {
                let received = try await perform(urlRequest, destination: destination, shownURL: shownURL)
                status = "HTTP \(received.status)"
                switch received.status {
                case 200..<300, 304:
                    return try finish(received, destination: destination)
                case 401, 403:
                    (failure, retryable) = (.unauthorized(provider: provider, status: received.status), false)
                case 404:
                    (failure, retryable) = (.notFound(provider: provider, url: shownURL), false)
                case 429:
                    serverDelay = Self.retryAfter(received.headers["retry-after"])
                    (failure, retryable) = (.rateLimited(provider: provider, retryAfter: serverDelay), true)
                case 500..<600:
                    if received.status == 503 { serverDelay = Self.retryAfter(received.headers["retry-after"]) }
                    let excerpt = excerpt(received.body, request: request)
                    (failure, retryable) = (
                        .server(provider: provider, status: received.status, excerpt: excerpt), true
                    )
                default:
                    let excerpt = excerpt(received.body, request: request)
                    (failure, retryable) = (
                        .client(provider: provider, status: received.status, excerpt: excerpt), false
                    )
                }
                if let file = received.file { try? FileManager.default.removeItem(at: file) }
            } catch let error as URLError {
                if error.code == .cancelled, Task.isCancelled { throw CancellationError() }
                if error.code == .timedOut {
                    (failure, status) = (.timeout(provider: provider, url: shownURL), "timeout")
                } else {
                    let detail = Self.describe(error)
                    (failure, status) = (.transport(provider: provider, url: shownURL, detail: detail), detail)
                }
                retryable = true
            } catch let error as ShortBody {
                (failure, status) = (.transport(provider: provider, url: shownURL, detail: error.detail), error.detail)
                retryable = true
            }
            guard retryable, attempt < maxAttempts else { throw failure }
            let delay = serverDelay.map { min($0, policy.maxRetryAfter) } ?? backoff(after: attempt)
            logger.warning(
                "\(provider): \(status) from \(shownURL), retrying in \(String(format: "%.2f", delay)) s",
                metadata: [
                    "provider": "\(provider)", "status": "\(status)", "delay": "\(delay)",
                    "attempt": "\(attempt)/\(maxAttempts)",
                ])
            try await Task.sleep(for: .seconds(delay))
        }
    }

    private func prepare(_ request: HTTPRequest) -> URLRequest {
        var urlRequest = URLRequest(url: request.url)
        urlRequest.httpMethod = request.method
        urlRequest.httpBody = request.body
        urlRequest.cachePolicy = .reloadIgnoringLocalCacheData
        urlRequest.httpShouldHandleCookies = false
        for (name, value) in request.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }
        if request.header("User-Agent") == nil {
            urlRequest.setValue(policy.userAgent, forHTTPHeaderField: "User-Agent")
        }
        if request.header("Accept") == nil { urlRequest.setValue("application/json", forHTTPHeaderField: "Accept") }
        return urlRequest
    }

    /// baseDelay × 2^(attempt-1), ±20 % so that clients started together do not retry together.
    private func backoff(after attempt: Int) -> Double {
        let exponential = policy.baseDelay * pow(2, Double(attempt - 1))
        return min(policy.maxDelay, exponential * Double.random(in: 0.8...1.2))
    }

    private func finish(_ received: Received, destination: URL?) throws -> HTTPResponse {
        var response = HTTPResponse(
            provider: provider, status: received.status, headers: received.headers, body: received.body,
            url: received.url)
        guard let destination else { return response }
        response.body = Data()
        if let file = received.file {
            // rename(2) replaces the destination atomically: readers see the old file or the new one.
            guard rename(file.path, destination.path) == 0 else {
                let code = POSIXErrorCode(rawValue: errno) ?? .EIO
                try? FileManager.default.removeItem(at: file)
                throw POSIXError(code)
            }
        }
        return response
    }

    /// The start of an error body for a message, without any of the request's secrets in it.
    private func excerpt(_ body: Data, request: HTTPRequest) -> String {
        if body.isEmpty { return "" }
        var text = HTTPResponse.excerpt(body, limit: 200)
        let queryItems = URLComponents(url: request.url, resolvingAgainstBaseURL: false)?.queryItems ?? []
        let secrets =
            queryItems.filter { HTTPError.isSecretName($0.name) }.compactMap(\.value)
            + request.headers.filter { HTTPError.isSecretName($0.key) }.map(\.value)
        for secret in secrets where secret.count >= 4 {
            text = text.replacingOccurrences(of: secret, with: "…")
        }
        return text
    }

    /// Seconds to wait from a `Retry-After` value: a number of seconds or an HTTP date.
    static func retryAfter(_ value: String?) -> Double? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let seconds = Double(value) { return max(0, seconds) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: value) else { return nil }
        return max(0, date.timeIntervalSinceNow)
    }

    /// libcurl's own message when there is one ("transfer closed with 997 bytes remaining to read",
    /// "Empty reply from server"), which says more than the URLError code it is folded into.
    private static func describe(_ error: URLError) -> String {
        if let message = error.userInfo[NSLocalizedDescriptionKey] as? String, !message.isEmpty,
            !message.contains("://"), !message.hasPrefix("The operation could not be completed")
        {
            return message
        }
        switch error.code {
        case .cannotConnectToHost: return "connection refused"
        case .networkConnectionLost: return "connection lost"
        case .cannotFindHost, .dnsLookupFailed: return "host not found"
        case .notConnectedToInternet: return "no network"
        case .badServerResponse: return "invalid HTTP answer"
        case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate,
            .serverCertificateNotYetValid, .serverCertificateHasUnknownRoot:
            return "TLS handshake failed"
        default: return "URL error \(error.code.rawValue)"
        }
    }

    // MARK: - One attempt

    /// A finished exchange, whatever its status. For a download answered with a 2xx, the body is in
    /// `file` (a temporary file next to the destination) instead of `body`.
    private struct Received: Sendable {
        var status: Int
        var headers: [String: String]
        var body: Data
        var file: URL?
        var url: URL
    }

    /// The connection closed before the Content-Length announced was received.
    private struct ShortBody: Error {
        var detail: String
    }

    private func perform(_ request: URLRequest, destination: URL?, shownURL: String) async throws -> Received {
        let temporary = destination.map {
            $0.deletingLastPathComponent().appendingPathComponent(
                ".\($0.lastPathComponent).\(UUID().uuidString.prefix(8)).part")
        }
        let transfer = Transfer(
            memoryLimit: policy.maxBodyBytes, file: temporary,
            tooLarge: .tooLarge(provider: provider, url: shownURL, limit: policy.maxBodyBytes))
        let task = session.dataTask(with: request)
        delegate.register(transfer, for: task)
        do {
            let received = try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { continuation in
                    if transfer.start(continuation) { task.resume() }
                }
            } onCancel: {
                transfer.cancel()
                task.cancel()
            }
            try Self.checkLength(received, method: request.httpMethod ?? "GET")
            return received
        } catch {
            delegate.unregister(task)
            if let temporary { try? FileManager.default.removeItem(at: temporary) }
            throw error
        }
    }

    /// libcurl reports a body shorter than its Content-Length as success; a decompressed body has no
    /// comparable length, and HEAD, 204 and 304 answers have no body at all.
    private static func checkLength(_ received: Received, method: String) throws {
        guard method != "HEAD", received.status != 204, received.status != 304,
            let declared = received.headers["content-length"].flatMap({ Int64($0) }),
            (received.headers["content-encoding"] ?? "identity").lowercased() == "identity"
        else { return }
        let count = received.file.flatMap {
            try? FileManager.default.attributesOfItem(atPath: $0.path)[.size] as? Int64
        }
        let actual = count ?? Int64(received.body.count)
        if actual < declared {
            throw ShortBody(detail: "connection closed after \(actual) of \(declared) bytes")
        }
    }

    /// The state of one task, fed by the session's delegate queue and cancelled from any thread.
    private final class Transfer: StreamingTransfer, @unchecked Sendable {
        private let lock = NSLock()
        private let memoryLimit: Int
        private let file: URL?
        private let tooLarge: HTTPError
        private var continuation: CheckedContinuation<Received, any Error>?
        private var cancelled = false
        private var response: HTTPURLResponse?
        private var body = Data()
        private var handle: FileHandle?
        private var pending = Data()
        private var failure: (any Error)?
        /// Error bodies of a download are only kept for the message.
        private static let errorBodyLimit = 64 << 10
        private static let writeChunk = 1 << 20

        init(memoryLimit: Int, file: URL?, tooLarge: HTTPError) {
            self.memoryLimit = memoryLimit
            self.file = file
            self.tooLarge = tooLarge
        }

        /// False when the task was cancelled before it could start: the continuation is resumed here.
        func start(_ continuation: CheckedContinuation<Received, any Error>) -> Bool {
            let go = lock.withLock {
                if !cancelled { self.continuation = continuation }
                return !cancelled
            }
            if !go { continuation.resume(throwing: CancellationError()) }
            return go
        }

        func cancel() { lock.withLock { cancelled = true } }

        /// Whether to go on with the body.
        func receive(_ response: URLResponse) -> Bool {
            lock.withLock {
                guard let http = response as? HTTPURLResponse else {
                    failure = URLError(.badServerResponse)
                    return false
                }
                self.response = http
                if let file, (200..<300).contains(http.statusCode) {
                    do {
                        guard FileManager.default.createFile(atPath: file.path, contents: nil) else {
                            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: file.path])
                        }
                        handle = try FileHandle(forWritingTo: file)
                    } catch {
                        failure = error
                        return false
                    }
                } else if file == nil, http.expectedContentLength > memoryLimit {
                    failure = tooLarge
                    return false
                }
                return true
            }
        }

        /// Whether to go on with the body.
        func receive(_ data: Data) -> Bool {
            lock.withLock {
                if let handle {
                    pending.append(data)
                    guard pending.count >= Self.writeChunk else { return true }
                    do {
                        try handle.write(contentsOf: pending)
                        pending.removeAll(keepingCapacity: true)
                        return true
                    } catch {
                        failure = error
                        return false
                    }
                }
                if file != nil {
                    body.append(data.prefix(max(0, Self.errorBodyLimit - body.count)))
                    return true
                }
                guard body.count + data.count <= memoryLimit else {
                    failure = tooLarge
                    return false
                }
                body.append(data)
                return true
            }
        }

        func complete(_ error: (any Error)?) {
            let (continuation, result) = lock.withLock {
                () -> (CheckedContinuation<Received, any Error>?, Result<Received, any Error>) in
                let continuation = self.continuation
                self.continuation = nil
                if let handle {
                    do {
                        if !pending.isEmpty { try handle.write(contentsOf: pending) }
                        try handle.synchronize()
                        try handle.close()
                    } catch {
                        if failure == nil { failure = error }
                    }
                    self.handle = nil
                }
                if let failure { return (continuation, .failure(failure)) }
                if cancelled { return (continuation, .failure(CancellationError())) }
                if let error { return (continuation, .failure(Self.urlError(error))) }
                guard let response, let url = response.url else {
                    return (continuation, .failure(URLError(.badServerResponse)))
                }
                var headers: [String: String] = [:]
                for (name, value) in response.allHeaderFields {
                    headers[String(describing: name).lowercased()] = String(describing: value)
                }
                let wroteFile = file != nil && (200..<300).contains(response.statusCode)
                return (
                    continuation,
                    .success(
                        Received(
                            status: response.statusCode, headers: headers, body: body,
                            file: wroteFile ? file : nil, url: url))
                )
            }
            continuation?.resume(with: result)
        }

        /// The session's errors as URLError, whether they come typed or as NSError of its domain.
        private static func urlError(_ error: any Error) -> any Error {
            if error is URLError { return error }
            let bridged = error as NSError
            // The initialiser is failable in swift-corelibs-foundation only; the annotation fits both.
            let code: URLError.Code? = URLError.Code(rawValue: bridged.code)
            guard bridged.domain == NSURLErrorDomain, let code else { return error }
            return URLError(code, userInfo: bridged.userInfo)
        }
    }
}
