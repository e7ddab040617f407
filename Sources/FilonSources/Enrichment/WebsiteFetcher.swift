import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Fetches a business's pages for the audit. Unlike `HTTPClient`, which talks to APIs, it must see
/// what a visitor's browser goes through: every redirect (to catch loops and the move to HTTPS),
/// the kind of failure (a refused certificate is a finding, not an error), the time to the first
/// byte, and a page's weight without keeping more of it than the analysis reads.
final class WebsiteFetcher: Sendable {
    /// How a fetch treats redirects.
    enum Redirects: Sendable {
        /// Follows up to `maxRedirects`; a URL seen twice is a loop.
        case follow
        /// Follows while on http://; stops on the first redirect to https:// (the probe of the
        /// plain-HTTP address only wants to know whether it sends visitors there).
        case untilHTTPS
    }

    struct Limits: Sendable {
        /// Body bytes kept for the analysis.
        var keep: Int
        /// Body bytes counted before giving up reading: a bigger page is "over `count`".
        var count: Int
        /// Seconds without a byte before giving up.
        var idleTimeout: Double
        /// Seconds for the whole fetch, redirects included, however the server trickles.
        var totalTimeout: Double
    }

    struct Page: Sendable {
        /// The URL asked for, then each redirect's target.
        var chain: [URL]
        var url: URL
        var status: Int
        /// Lowercased names.
        var headers: [String: String]
        var body: Data
        /// The body's size: counted, or the declared Content-Length when reading stopped early.
        var bytes: Int
        /// False when reading stopped before the end (enough kept, or over `Limits.count`).
        var complete: Bool
        var milliseconds: Int
    }

    struct Failure: Error, Sendable {
        enum Kind: Sendable, Equatable {
            case timeout, hostNotFound, refused, tls, redirectLoop, tooManyRedirects, badRedirect, other
        }

        var kind: Kind
        /// In words, for the audit's `error`.
        var message: String
        var chain: [URL]
    }

    static let maxRedirects = 10

    private let session: URLSession
    private let delegate: TransferDelegate<Transfer>

    init() {
        delegate = TransferDelegate<Transfer>()
        session = delegate.makeSession(name: "filon.website-audit")
    }

    // The session holds its delegate strongly until invalidated.
    deinit { session.invalidateAndCancel() }

    /// One page with its redirects. Throws only CancellationError; every other failure is a result.
    func fetch(
        _ url: URL, redirects: Redirects = .follow, limits: Limits, userAgent: String
    ) async throws -> Result<Page, Failure> {
        var request = URLRequest(url: url)
        request.httpMethod = "GET"
        request.cachePolicy = .reloadIgnoringLocalCacheData
        request.httpShouldHandleCookies = false
        // swift-corelibs-foundation keeps whole seconds only.
        request.timeoutInterval = max(1, limits.idleTimeout.rounded(.up))
        request.setValue(userAgent, forHTTPHeaderField: "User-Agent")
        request.setValue("text/html,application/xhtml+xml;q=0.9,*/*;q=0.5", forHTTPHeaderField: "Accept")
        request.setValue("fr-FR,fr;q=0.9,en;q=0.5", forHTTPHeaderField: "Accept-Language")
        let transfer = Transfer(start: url, redirects: redirects, limits: limits)
        let task = session.dataTask(with: request)
        delegate.register(transfer, for: task)
        let deadline = Task {
            try? await Task.sleep(for: .seconds(limits.totalTimeout))
            if !Task.isCancelled, transfer.expire() { task.cancel() }
        }
        defer { deadline.cancel() }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                if transfer.start(continuation) { task.resume() } else { delegate.unregister(task) }
            }
        } onCancel: {
            transfer.cancel()
            task.cancel()
        }
    }

    // MARK: - One fetch

    /// The state of one fetch, fed by the session's delegate queue, cancelled from any thread.
    private final class Transfer: StreamingTransfer, @unchecked Sendable {
        private let lock = NSLock()
        private let redirects: Redirects
        private let limits: Limits
        private let clock = ContinuousClock()
        private let started: ContinuousClock.Instant
        private var continuation: CheckedContinuation<Result<Page, Failure>, any Error>?
        private var chain: [URL]
        private var visited: Set<String>
        private var cancelled = false
        private var expired = false
        /// Set when reading stopped on purpose: the page is what was read so far.
        private var stoppedEarly = false
        private var failure: Failure?
        private var response: HTTPURLResponse?
        private var firstByte: ContinuousClock.Instant?
        private var body = Data()
        private var counted = 0

        init(start: URL, redirects: Redirects, limits: Limits) {
            self.redirects = redirects
            self.limits = limits
            chain = [start]
            visited = [Self.key(start)]
            started = clock.now
        }

        func start(_ continuation: CheckedContinuation<Result<Page, Failure>, any Error>) -> Bool {
            let go = lock.withLock {
                if !cancelled { self.continuation = continuation }
                return !cancelled
            }
            if !go { continuation.resume(throwing: CancellationError()) }
            return go
        }

        func cancel() { lock.withLock { cancelled = true } }

        /// True when the fetch was still running: the caller cancels its task.
        func expire() -> Bool {
            lock.withLock {
                guard continuation != nil, !stoppedEarly else { return false }
                expired = true
                return true
            }
        }

        /// The request to follow, or nil to stop at this redirect.
        func redirect(to request: URLRequest) -> URLRequest? {
            lock.withLock {
                guard let target = request.url else {
                    failure = Failure(kind: .badRedirect, message: "redirect without a usable address", chain: chain)
                    return nil
                }
                let scheme = target.scheme?.lowercased()
                guard scheme == "http" || scheme == "https", target.host?.isEmpty == false else {
                    failure = Failure(
                        kind: .badRedirect, message: "redirect to an unsupported address", chain: chain + [target])
                    return nil
                }
                chain.append(target)
                if case .untilHTTPS = redirects, scheme == "https" { return nil }
                if !visited.insert(Self.key(target)).inserted {
                    let path = chain.suffix(4).map(\.absoluteString).joined(separator: " → ")
                    failure = Failure(kind: .redirectLoop, message: "redirect loop (\(path))", chain: chain)
                    return nil
                }
                if chain.count - 1 > WebsiteFetcher.maxRedirects {
                    failure = Failure(
                        kind: .tooManyRedirects,
                        message: "too many redirects (more than \(WebsiteFetcher.maxRedirects))", chain: chain)
                    return nil
                }
                return request
            }
        }

        /// Whether to read the body.
        func receive(_ response: URLResponse) -> Bool {
            lock.withLock {
                if firstByte == nil { firstByte = clock.now }
                guard let http = response as? HTTPURLResponse else {
                    failure = Failure(kind: .other, message: "not an HTTP answer", chain: chain)
                    return false
                }
                self.response = http
                if limits.keep == 0 || failure != nil {
                    stoppedEarly = failure == nil
                    return false
                }
                return true
            }
        }

        /// Whether to go on reading.
        func receive(_ data: Data) -> Bool {
            lock.withLock {
                if body.count < limits.keep { body.append(data.prefix(limits.keep - body.count)) }
                counted += data.count
                // With a declared length, the weight is known once the analysed part is in.
                let enough = body.count >= limits.keep && declaredLength != nil
                if enough || counted > limits.count {
                    stoppedEarly = true
                    return false
                }
                return true
            }
        }

        /// Content-Length when it is the size on the wire of an uncompressed body.
        private var declaredLength: Int? {
            guard let response else { return nil }
            let encoding = (response.value(forHTTPHeaderField: "Content-Encoding") ?? "identity").lowercased()
            guard encoding == "identity" else { return nil }
            return response.value(forHTTPHeaderField: "Content-Length").flatMap { Int($0) }
        }

        func complete(_ error: (any Error)?) {
            let (continuation, result) = lock.withLock {
                () -> (CheckedContinuation<Result<Page, Failure>, any Error>?, Result<Result<Page, Failure>, any Error>)
                in
                let continuation = self.continuation
                self.continuation = nil
                if cancelled { return (continuation, .failure(CancellationError())) }
                return (continuation, .success(outcome(error)))
            }
            continuation?.resume(with: result)
        }

        /// Called under the lock.
        private func outcome(_ error: (any Error)?) -> Result<Page, Failure> {
            if let failure { return .failure(failure) }
            if expired {
                return .failure(
                    Failure(
                        kind: .timeout, message: "timed out after \(Self.seconds(limits.totalTimeout)) in all",
                        chain: chain))
            }
            if let error, !stoppedEarly { return .failure(Self.describe(error, chain: chain, limits: limits)) }
            guard let response, let url = response.url else {
                return .failure(Failure(kind: .other, message: "no HTTP answer", chain: chain))
            }
            var headers: [String: String] = [:]
            for (name, value) in response.allHeaderFields {
                headers[String(describing: name).lowercased()] = String(describing: value)
            }
            let milliseconds = firstByte.map { started.duration(to: $0) } ?? .zero
            let complete = !stoppedEarly
            let bytes = complete ? counted : max(counted, declaredLength ?? 0)
            return .success(
                Page(
                    chain: chain, url: url, status: response.statusCode, headers: headers, body: body, bytes: bytes,
                    complete: complete, milliseconds: Int(milliseconds / .milliseconds(1))))
        }

        /// A transfer error in words, and whether it is the certificate's or the handshake's.
        private static func describe(_ error: any Error, chain: [URL], limits: Limits) -> Failure {
            let nsError = error as NSError
            // The initialiser is failable in swift-corelibs-foundation only; the annotation fits both.
            let code: URLError.Code? = URLError.Code(rawValue: nsError.code)
            let detail = (nsError.userInfo[NSLocalizedDescriptionKey] as? String) ?? ""
            let lastScheme = chain.last?.scheme?.lowercased()
            let tlsCodes: Set<URLError.Code> = [
                .secureConnectionFailed, .serverCertificateHasBadDate, .serverCertificateUntrusted,
                .serverCertificateHasUnknownRoot, .serverCertificateNotYetValid, .clientCertificateRejected,
                .clientCertificateRequired,
            ]
            // libcurl's TLS failures often come as an unknown error with OpenSSL's message.
            let tlsWords = ["ssl", "tls", "certificate", "openssl"]
            if nsError.domain == NSURLErrorDomain,
                code.map(tlsCodes.contains) == true
                    || (lastScheme == "https" && tlsWords.contains { detail.lowercased().contains($0) })
            {
                return Failure(kind: .tls, message: "TLS handshake failed" + Self.detail(detail), chain: chain)
            }
            switch code {
            case .timedOut?:
                return Failure(
                    kind: .timeout, message: "timed out (no answer within \(seconds(limits.idleTimeout)))",
                    chain: chain)
            case .cannotFindHost?, .dnsLookupFailed?:
                return Failure(kind: .hostNotFound, message: "host not found (DNS)", chain: chain)
            case .cannotConnectToHost?:
                return Failure(kind: .refused, message: "connection refused", chain: chain)
            case .httpTooManyRedirects?:
                return Failure(kind: .tooManyRedirects, message: "too many redirects", chain: chain)
            case .networkConnectionLost?:
                return Failure(kind: .other, message: "connection lost" + Self.detail(detail), chain: chain)
            case .notConnectedToInternet?:
                return Failure(kind: .other, message: "no network", chain: chain)
            case .badServerResponse?:
                return Failure(kind: .other, message: "invalid HTTP answer" + Self.detail(detail), chain: chain)
            default:
                let words = detail.isEmpty ? "connection failed (error \(nsError.code))" : "connection failed"
                return Failure(kind: .other, message: words + Self.detail(detail), chain: chain)
            }
        }

        /// libcurl's message, short and without "; " (the separator of the maturity reasons).
        private static func detail(_ text: String) -> String {
            let cleaned = text.replacingOccurrences(of: ";", with: ",").trimmingCharacters(in: .whitespaces)
            guard !cleaned.isEmpty, !cleaned.hasPrefix("The operation could not be completed") else { return "" }
            return " (" + String(cleaned.prefix(160)) + ")"
        }

        private static func seconds(_ value: Double) -> String {
            value == value.rounded() ? "\(Int(value)) s" : String(format: "%.1f s", value)
        }

        /// A URL for spotting a loop: lowercased, without its fragment.
        private static func key(_ url: URL) -> String {
            var components = URLComponents(url: url, resolvingAgainstBaseURL: true)
            components?.fragment = nil
            return components?.string?.lowercased() ?? url.absoluteString.lowercased()
        }
    }
}
