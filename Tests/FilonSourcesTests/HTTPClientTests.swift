import Foundation
import Logging
import TestSupport
import Testing

@testable import FilonSources

/// A fast policy: retries 50 ms apart, so the whole suite stays short. The timeout is generous for
/// a loaded CI machine; the tests about timeouts shorten it.
private func makeClient(
    maxAttempts: Int = 4, ratePerMinute: Int? = nil, maxBodyBytes: Int = 64 << 20, timeout: Double = 10
) -> HTTPClient {
    let policy = HTTPPolicy(
        ratePerMinute: ratePerMinute, maxAttempts: maxAttempts, baseDelay: 0.05, maxDelay: 0.2, timeout: timeout,
        maxBodyBytes: maxBodyBytes)
    return HTTPClient(provider: "sirene_api", policy: policy)
}

private func get(_ server: FakeHTTPServer, _ path: String, query: [(String, String)] = []) throws -> HTTPRequest {
    HTTPRequest(url: try HTTPRequest.url(base: server.baseURL, path: path, query: query))
}

/// The HTTPError a call threw, or nil when it succeeded or threw something else.
private func httpError(_ call: () async throws -> HTTPResponse) async -> HTTPError? {
    do {
        _ = try await call()
        return nil
    } catch {
        return error as? HTTPError
    }
}

/// Counts the calls to a handler, to answer differently from one attempt to the next.
private final class Counter: Sendable {
    private let lock = NSLock()
    nonisolated(unsafe) private var value = 0

    func next() -> Int {
        lock.withLock {
            value += 1
            return value
        }
    }
}

private struct Page: Decodable {
    struct Header: Decodable {
        var statut: Int
        var curseurSuivant: String
    }
    var header: Header
    var etablissements: [String]
}

@Suite struct HTTPClientTests {
    @Test func decodesJSONAndIgnoresUnknownFields() async throws {
        let server = try FakeHTTPServer()
        server.handle { _ in
            .json(#"{"header":{"statut":200,"curseurSuivant":"AoE","total":3},"etablissements":["a"],"extra":{}}"#)
        }
        let response = try await makeClient().send(try get(server, "/siret", query: [("nombre", "20")]))
        let page = try response.decode(Page.self)
        #expect(response.status == 200)
        #expect(response.header("Content-Type") == "application/json")
        #expect(page.header.curseurSuivant == "AoE")
        #expect(page.etablissements == ["a"])
        let request = try #require(server.requests.first)
        #expect(request.path == "/siret")
        #expect(request.query == ["nombre": "20"])
        #expect(request.header("Accept") == "application/json")
        #expect(request.header("User-Agent")?.hasPrefix("Filon/") == true)
    }

    @Test func requestHeadersWinOverDefaults() async throws {
        let server = try FakeHTTPServer()
        server.handle { _ in .json("{}") }
        var request = try get(server, "/zip")
        request.headers = ["accept": "application/zip", "User-Agent": "custom"]
        _ = try await makeClient().send(request)
        #expect(server.requests.first?.header("accept") == "application/zip")
        #expect(server.requests.first?.header("user-agent") == "custom")
    }

    @Test func malformedJSONNamesTheFieldPath() async throws {
        let server = try FakeHTTPServer()
        server.handle { _ in .json(#"{"header":{"statut":200,"curseurSuivant":12},"etablissements":[]}"#) }
        let response = try await makeClient().send(try get(server, "/siret"))
        #expect(throws: HTTPError.self) { try response.decode(Page.self) }
        do {
            _ = try response.decode(Page.self)
        } catch {
            guard case .malformed(let provider, let url, let detail) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(provider == "sirene_api")
            #expect(url == "/siret")
            #expect(detail == "header.curseurSuivant: expected String, found number")
        }
    }

    @Test func missingFieldAndNotJSON() async throws {
        let server = try FakeHTTPServer()
        server.handle { request in
            request.path == "/html"
                ? .status(200, body: "<html>\n<body>Maintenance\u{0}</body></html>")
                : .json(#"{"header":{"statut":1}}"#)
        }
        let client = makeClient()
        let missing = try await client.send(try get(server, "/json"))
        #expect(
            throws: HTTPError.malformed(provider: "sirene_api", url: "/json", detail: "header.curseurSuivant: missing")
        ) {
            try missing.decode(Page.self)
        }
        let html = try await client.send(try get(server, "/html"))
        let expected = HTTPError.malformed(
            provider: "sirene_api", url: "/html", detail: "not JSON: <html> <body>Maintenance </body></html>")
        #expect(throws: expected) { try html.decode(Page.self) }
    }

    @Test func unauthorizedIsNotRetried() async throws {
        let server = try FakeHTTPServer()
        server.handle { _ in .json(#"{"fault":"Invalid Credentials"}"#, status: 401) }
        let client = makeClient()
        let error = await httpError { try await client.send(try get(server, "/siret")) }
        #expect(error == .unauthorized(provider: "sirene_api", status: 401))
        #expect(error?.description.contains("FILON_SIRENE_API_API_KEY") == true)
        #expect(server.requests.count == 1)
        #expect(client.requestCount == 1)
    }

    @Test func notFound() async throws {
        let server = try FakeHTTPServer()
        let error = await httpError { try await makeClient().send(try get(server, "/siren/000000000")) }
        #expect(error == .notFound(provider: "sirene_api", url: "/siren/000000000"))
        #expect(server.requests.count == 1)
    }

    @Test func otherClientErrorIsNotRetried() async throws {
        let server = try FakeHTTPServer()
        server.handle { _ in .json(#"{"message":"bad q"}"#, status: 400) }
        let error = await httpError { try await makeClient().send(try get(server, "/siret")) }
        #expect(error == .client(provider: "sirene_api", status: 400, excerpt: #"{"message":"bad q"}"#))
        #expect(server.requests.count == 1)
    }

    @Test func tooManyRequestsWaitsForRetryAfter() async throws {
        let server = try FakeHTTPServer()
        let counter = Counter()
        server.handle { _ in
            counter.next() == 1 ? .status(429, headers: ["Retry-After": "1"]) : .json(#"{"ok":true}"#)
        }
        let client = makeClient()
        let start = ContinuousClock.now
        let response = try await client.send(try get(server, "/siret"))
        #expect(response.status == 200)
        #expect(ContinuousClock.now - start >= .milliseconds(950))
        #expect(server.requests.count == 2)
        #expect(client.requestCount == 2)
    }

    @Test func tooManyRequestsForeverIsRateLimited() async throws {
        let server = try FakeHTTPServer()
        server.handle { _ in .status(429, headers: ["Retry-After": "0"]) }
        let error = await httpError { try await makeClient().send(try get(server, "/siret")) }
        #expect(error == .rateLimited(provider: "sirene_api", retryAfter: 0))
        #expect(server.requests.count == 4)
    }

    @Test func serverErrorThenSuccess() async throws {
        let server = try FakeHTTPServer()
        let counter = Counter()
        server.handle { _ in counter.next() == 1 ? .status(500, body: "oops") : .json("{}") }
        let response = try await makeClient().send(try get(server, "/siret"))
        #expect(response.status == 200)
        #expect(server.requests.count == 2)
    }

    @Test func unavailableForeverIsServerError() async throws {
        let server = try FakeHTTPServer()
        server.handle { _ in .status(503, body: "<h1>Service\nUnavailable</h1>") }
        let error = await httpError { try await makeClient(maxAttempts: 3).send(try get(server, "/siret")) }
        #expect(error == .server(provider: "sirene_api", status: 503, excerpt: "<h1>Service Unavailable</h1>"))
        #expect(server.requests.count == 3)
    }

    @Test func slowAnswerTimesOut() async throws {
        let server = try FakeHTTPServer()
        server.handle { _ in .delayed(seconds: 4, .json("{}")) }
        let error = await httpError {
            try await makeClient(maxAttempts: 2, timeout: 0.5).send(try get(server, "/siret"))
        }
        #expect(error == .timeout(provider: "sirene_api", url: "/siret"))
        #expect(server.requests.count == 2)
    }

    @Test func bodyCutShortIsTransportError() async throws {
        let server = try FakeHTTPServer()
        server.handle { _ in .truncated(declaredLength: 1000, partialBody: #"{"header":"#) }
        let error = await httpError { try await makeClient(maxAttempts: 2).send(try get(server, "/siret")) }
        guard case .transport(let provider, let url, _) = error else {
            Issue.record("expected a transport error, got \(String(describing: error))")
            return
        }
        #expect(provider == "sirene_api" && url == "/siret")
        #expect(server.requests.count == 2)
    }

    @Test func hangUpIsTransportError() async throws {
        let server = try FakeHTTPServer()
        server.handle { _ in .hangUp }
        let error = await httpError { try await makeClient(maxAttempts: 2).send(try get(server, "/siret")) }
        guard case .transport = error else {
            Issue.record("expected a transport error, got \(String(describing: error))")
            return
        }
        #expect(server.requests.count == 2)
    }

    @Test func refusedConnectionIsTransportError() async throws {
        let server = try FakeHTTPServer()
        let base = server.baseURL
        server.stop()
        try await Task.sleep(for: .milliseconds(50))
        let request = HTTPRequest(url: try HTTPRequest.url(base: base, path: "/siret", query: []))
        let error = await httpError { try await makeClient(maxAttempts: 1).send(request) }
        guard case .transport = error else {
            Issue.record("expected a transport error, got \(String(describing: error))")
            return
        }
    }

    @Test func bodyOverTheLimitIsTooLarge() async throws {
        let server = try FakeHTTPServer()
        server.handle { _ in .json(String(repeating: " ", count: 5000) + "{}") }
        let error = await httpError { try await makeClient(maxBodyBytes: 1000).send(try get(server, "/siret")) }
        #expect(error == .tooLarge(provider: "sirene_api", url: "/siret", limit: 1000))
        #expect(server.requests.count == 1)
    }

    @Test func rateLimiterSpacesRequests() async throws {
        let server = try FakeHTTPServer()
        server.handle { _ in .json("{}") }
        let client = makeClient(ratePerMinute: 600)
        let start = ContinuousClock.now
        for _ in 0..<3 { _ = try await client.send(try get(server, "/siret")) }
        #expect(ContinuousClock.now - start >= .milliseconds(200))
        #expect(server.requests.count == 3)
    }

    @Test func cancellationStopsAWaitingRequest() async throws {
        let server = try FakeHTTPServer()
        // Only the cancellation can end it early: the answer would come after 5 s.
        server.handle { _ in .delayed(seconds: 5, .json("{}")) }
        let client = makeClient()
        let request = try get(server, "/siret")
        let task = Task { try await client.send(request) }
        try await Task.sleep(for: .milliseconds(200))
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
    }

    @Test func urlEncodesALuceneQuery() throws {
        let url = try HTTPRequest.url(
            base: "https://api.insee.fr/api-sirene/3.11/", path: "siret",
            query: [("q", #"dateCreationUniteLegale:[2026-11-01 TO *] AND denomination:"A+B""#), ("nombre", "1000")])
        #expect(
            url.absoluteString
                == "https://api.insee.fr/api-sirene/3.11/siret?q=dateCreationUniteLegale%3A%5B2026-11-01%20TO%20%2A%5D%20AND%20denomination%3A%22A%2BB%22&nombre=1000"
        )
        let noSlash = try HTTPRequest.url(base: "https://api.insee.fr/api-sirene/3.11", path: "/siren/123", query: [])
        #expect(noSlash.absoluteString == "https://api.insee.fr/api-sirene/3.11/siren/123")
        #expect(throws: HTTPError.badURL(provider: "bodacc", url: "ftp://example.org")) {
            try HTTPRequest.url(base: "ftp://example.org", path: "/x", query: [], provider: "bodacc")
        }
        #expect(throws: HTTPError.self) { try HTTPRequest.url(base: "not a url", path: "/x", query: []) }
    }

    @Test func luceneQueryReachesTheServerIntact() async throws {
        let server = try FakeHTTPServer()
        server.handle { _ in .json("{}") }
        let lucene = #"dateCreationUniteLegale:[2026-11-01 TO *] AND nom:"A+B""#
        _ = try await makeClient().send(try get(server, "/siret", query: [("q", lucene)]))
        #expect(server.requests.first?.query["q"] == lucene)
    }

    @Test func downloadWritesTheFileAndA304LeavesIt() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("filon-http-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let destination = folder.appendingPathComponent("StockEtablissement.zip")
        let content = Data((0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 7) })
        let server = try FakeHTTPServer()
        server.handle { request in
            request.header("If-None-Match") == "\"v1\""
                ? .status(304) : .bytes(content, headers: ["ETag": "\"v1\"", "Content-Type": "application/zip"])
        }
        let client = makeClient()
        let first = try await client.download(try get(server, "/stock.zip"), to: destination)
        #expect(first.status == 200)
        #expect(first.header("etag") == "\"v1\"")
        #expect(first.body.isEmpty)
        #expect(try Data(contentsOf: destination) == content)

        var conditional = try get(server, "/stock.zip")
        conditional.headers["If-None-Match"] = "\"v1\""
        let second = try await client.download(conditional, to: destination)
        #expect(second.status == 304)
        #expect(try Data(contentsOf: destination) == content)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["StockEtablissement.zip"])
    }

    @Test func failedDownloadLeavesTheOldFile() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("filon-http-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let destination = folder.appendingPathComponent("stock.zip")
        try Data("old".utf8).write(to: destination)
        let server = try FakeHTTPServer()
        server.handle { _ in .truncated(declaredLength: 100_000, partialBody: "PK partial") }
        let error = await httpError {
            try await makeClient(maxAttempts: 2).download(try get(server, "/stock.zip"), to: destination)
        }
        guard case .transport = error else {
            Issue.record("expected a transport error, got \(String(describing: error))")
            return
        }
        #expect(try Data(contentsOf: destination) == Data("old".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["stock.zip"])
    }

    /// The timeout is an idle timeout: a download that keeps sending outlives it.
    @Test func slowButLiveDownloadIsNotCutByTheTimeout() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("filon-http-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let destination = folder.appendingPathComponent("stock.zip")
        let content = Data(repeating: 0x41, count: 4000)
        let server = try FakeHTTPServer()
        // 3.2 s in all, a chunk every 0.4 s: longer than the 2.5 s timeout, never idle that long.
        server.handle { _ in .trickle(content, chunks: 8, interval: 0.4) }
        _ = try await makeClient(maxAttempts: 1, timeout: 2.5).download(try get(server, "/stock.zip"), to: destination)
        #expect(try Data(contentsOf: destination) == content)
    }

    @Test func errorsNeverShowTheKey() async throws {
        let server = try FakeHTTPServer()
        server.handle { request in
            switch request.path {
            case "/echo": return .json(#"{"error":"bad token S3CR3T-K3Y"}"#, status: 400)
            case "/refused": return .status(401)
            default: return .noRoute
            }
        }
        let client = makeClient()
        var errors: [HTTPError] = []
        for path in ["/missing", "/echo", "/refused"] {
            var request = try get(
                server, path, query: [("q", "x"), ("api_token", "S3CR3T-K3Y"), ("apiKey", "S3CR3T-K3Y")])
            request.headers["X-INSEE-Api-Key-Integration"] = "S3CR3T-K3Y"
            if let error = await httpError({ try await client.send(request) }) { errors.append(error) }
        }
        #expect(errors.count == 3)
        #expect(errors.first == .notFound(provider: "sirene_api", url: "/missing?q=x"))
        for error in errors {
            #expect(!error.description.contains("S3CR3T"), "\(error)")
        }
        #expect(HTTPError.redacted("https://user:pw@h.example/a?key=1&b=2") == "/a?b=2")
        #expect(HTTPError.badURL(provider: "p", url: "ftp://h/?token=S3CR3T").description.contains("S3CR3T") == false)
    }

    @Test func retryAfterAcceptsSecondsAndDates() {
        #expect(HTTPClient.retryAfter("3") == 3)
        #expect(HTTPClient.retryAfter(nil) == nil)
        #expect(HTTPClient.retryAfter("soon") == nil)
        #expect(HTTPClient.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT") == 0)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        let later = HTTPClient.retryAfter(formatter.string(from: Date().addingTimeInterval(120))) ?? 0
        #expect(later > 100 && later <= 120)
    }
}
