import FilonCore
import Foundation
import Logging
import TestSupport
import Testing

@testable import FilonSources

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// "Today" for every test: © years and CMS ages are judged against it.
private let today = ISO8601DateFormatter().date(from: "2026-11-20T12:00:00Z")!

private func fixture(_ name: String) throws -> Data {
    try Data(contentsOf: URL(fileURLWithPath: TestSupport.fixture("web/" + name)))
}

private let html = ["Content-Type": "text/html; charset=UTF-8"]

/// Drives the provider as the stage does, with a two-second timeout.
private func audit(
    _ website: String?, siren: Int = 812_345_676, timeout: Double = 2, stop: StopSignal = StopSignal()
) async throws -> EnrichmentResult? {
    let call = ProviderCall(
        client: HTTPClient(
            provider: "website_audit", policy: HTTPPolicy(ratePerMinute: nil, maxAttempts: 1, timeout: timeout)),
        baseURL: "", apiKey: nil, settings: ProviderSettings(), logger: Logger(label: "t"), stop: stop)
    let profile = CompanyProfile(siren: siren, name: "Test", websites: website.map { [$0] } ?? [])
    return try await WebsiteAuditProvider(now: { today }).enrich([profile], call)[siren]
}

/// A port nothing listens on: bound by us, then closed.
private func closedPort() throws -> Int {
    let fd = socket(AF_INET, streamType, 0)
    #expect(fd >= 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
            bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
        }
    }
    #expect(bound)
    return Int(UInt16(bigEndian: address.sin_port))
}

#if canImport(Glibc)
    private let streamType = Int32(SOCK_STREAM.rawValue)
#else
    private let streamType = SOCK_STREAM
#endif

/// A server that answers in plain HTTP whatever it is sent, as any web server does on its HTTP
/// port: a TLS client's hello gets "400 Bad Request" in clear and its handshake fails at once
/// (FakeHTTPServer waits for the end of a request's headers, which a hello never sends, so the
/// handshake would only time out). A GET gets `answer`.
private final class PlainHTTPServer: @unchecked Sendable {
    let port: Int
    private let listener: Int32

    init(answer: String) throws {
        let fd = socket(AF_INET, streamType, 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ready = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0 && listen(fd, 16) == 0
            }
        }
        guard fd >= 0, ready else { throw POSIXError(.EADDRNOTAVAIL) }
        listener = fd
        port = Int(UInt16(bigEndian: address.sin_port))
        let reply = Data(answer.utf8)
        let refusal = Data("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".utf8)
        Thread {
            while true {
                let connection = accept(fd, nil, nil)
                if connection < 0 {
                    if errno == EINTR { continue }
                    break
                }
                var buffer = [UInt8](repeating: 0, count: 16 << 10)
                let n = recv(connection, &buffer, buffer.count, 0)
                let isGet = n >= 4 && buffer[0..<4].elementsEqual("GET ".utf8)
                let out = isGet ? reply : refusal
                out.withUnsafeBytes { raw in
                    var offset = 0
                    while offset < raw.count {
                        let sent = send(connection, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
                        guard sent > 0 else { break }
                        offset += sent
                    }
                }
                close(connection)
            }
            close(fd)
        }.start()
    }

    deinit { shutdown(listener, Int32(SHUT_RDWR)) }

    static func page(_ body: String) -> String {
        "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n"
            + body
    }

    static let notFound = "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
}

// MARK: - Against servers

@Suite struct WebsiteAuditProviderTests {
    @Test func modernSiteShowsEverythingButHTTPS() async throws {
        let server = try FakeHTTPServer()
        let (home, legal) = (try fixture("modern.html"), try fixture("mentions-legales.html"))
        server.handle { request in
            switch request.path {
            case "/": return .bytes(home, headers: html)
            case "/mentions-legales/": return .bytes(legal, headers: html)
            default: return .status(404)
            }
        }
        let site = server.baseURL + "/"
        let result = try #require(try await audit(site))
        let report = try #require(result.audit)
        #expect(report.url == site)
        #expect(report.finalURL == site)
        #expect(report.reachable && report.httpStatus == 200 && report.error == nil)
        #expect(!report.https && report.certificateValid == nil && !report.redirectsToHTTPS)
        #expect(report.hasViewport)
        #expect(report.cms == "WordPress 6.6.2")
        #expect(report.copyrightYear == 2026)
        #expect(report.title == "Boulangerie Martin – Pains au levain & viennoiseries à Lyon 7e")
        #expect(report.description?.contains("pâtisseries maison") == true)
        #expect(report.hasLocalBusinessSchema)
        #expect(
            report.socialLinks == [
                "https://www.facebook.com/boulangeriemartinlyon/", "https://www.instagram.com/boulangerie.martin.lyon/",
                "https://www.linkedin.com/company/boulangerie-martin-lyon/",
            ])
        #expect(report.legalNoticeHasSiren == true)
        #expect(!report.parked)
        #expect(report.bytes == home.count)
        #expect(report.responseMilliseconds.map { $0 >= 0 && $0 < 2_000 } == true)
        // Everything a good site needs but HTTPS, which the fake cannot serve.
        #expect(report.maturity == DigitalMaturity(level: .weak, reasons: ["no HTTPS"]))
        #expect(result.found && result.creditsSpent == 0)
        #expect(result.webPresence == WebPresenceFinding(website: site))
        #expect(result.signals == [EnrichmentResult.Signal(kind: "cms", detail: "WordPress 6.6.2")])
        #expect(result.contacts.first == ContactFinding(kind: .website, value: site))
        #expect(
            result.contacts.contains(
                ContactFinding(
                    kind: .linkedin, value: "https://www.linkedin.com/company/boulangerie-martin-lyon/",
                    subtype: .company, label: "linkedin")))
        #expect(result.contacts.filter { $0.kind == .other }.count == 2)
        #expect(server.requests.map(\.path) == ["/", "/mentions-legales/"])
        #expect(server.requests.first?.header("accept")?.hasPrefix("text/html") == true)
    }

    @Test func wordpressFrom2012IsWeak() async throws {
        let server = try FakeHTTPServer()
        let page = try fixture("wordpress-2012.html")
        // Served as the old site did: ISO-8859-1, with no charset in the header.
        server.handle { _ in .bytes(page, headers: ["Content-Type": "text/html", "X-Powered-By": "PHP/5.2.17"]) }
        let report = try #require(try await audit(server.baseURL).flatMap(\.audit))
        #expect(report.reachable)
        #expect(report.cms == "WordPress 3.4")
        #expect(report.copyrightYear == 2012)
        #expect(!report.hasViewport)
        #expect(report.title == "Garage Dupré | Réparation et entretien automobile à Vierzon")
        #expect(
            report.description == "Garage Dupré à Vierzon : mécanique, carrosserie, vidange, pneus. Devis gratuit !")
        #expect(report.legalNoticeHasSiren == nil)
        #expect(
            report.maturity
                == DigitalMaturity(
                    level: .weak,
                    reasons: ["no HTTPS", "no mobile viewport", "© 2012", "WordPress 3.4", "no legal notice"]))
    }

    @Test func wixSiteIsRecognised() async throws {
        let server = try FakeHTTPServer()
        let page = try fixture("wix.html")
        server.handle { _ in .bytes(page, headers: html) }
        let result = try #require(try await audit(server.baseURL + "/"))
        let report = try #require(result.audit)
        #expect(report.cms == "Wix")
        #expect(report.hasViewport && report.copyrightYear == 2025 && !report.parked)
        #expect(report.socialLinks == ["https://www.instagram.com/institutzenbeaute/"])
        #expect(result.contacts.contains { $0.kind == .other && $0.label == "instagram" && $0.subtype == .company })
    }

    @Test func parkedDomainCountsAsNoWebsite() async throws {
        let server = try FakeHTTPServer()
        let page = try fixture("parked.html")
        server.handle { _ in .bytes(page, headers: html) }
        let result = try #require(try await audit(server.baseURL))
        let report = try #require(result.audit)
        #expect(report.reachable && report.parked)
        #expect(report.maturity == DigitalMaturity(level: .none, reasons: ["parked domain"]))
        #expect(!result.contacts.contains { $0.kind == .website })
        // The parking company's legal notice is not fetched.
        #expect(server.requests.count == 1)
    }

    @Test func deadHostIsUnreachable() async throws {
        let site = "http://127.0.0.1:\(try closedPort())/"
        let result = try #require(try await audit(site))
        let report = try #require(result.audit)
        #expect(!report.reachable && report.httpStatus == nil)
        #expect(report.error == "connection refused")
        #expect(report.maturity == DigitalMaturity(level: .none, reasons: ["unreachable: connection refused"]))
        #expect(result.contacts.isEmpty)
        #expect(result.webPresence?.website == site)
    }

    @Test func redirectLoopIsUnreachable() async throws {
        let server = try FakeHTTPServer()
        server.handle { request in
            request.path == "/a"
                ? .status(302, headers: ["Location": "/b"]) : .status(301, headers: ["Location": "/a"])
        }
        let report = try #require(try await audit(server.baseURL + "/a").flatMap(\.audit))
        #expect(!report.reachable)
        #expect(report.error?.hasPrefix("redirect loop") == true)
        #expect(report.maturity.level == .none)
        #expect(report.maturity.reasons.first?.hasPrefix("unreachable: redirect loop") == true)
        #expect(server.requests.map(\.path) == ["/a", "/b"])
    }

    @Test func longRedirectChainIsCut() async throws {
        let server = try FakeHTTPServer()
        server.handle { request in
            let step = Int(request.path.dropFirst(3)) ?? 0
            return .status(302, headers: ["Location": "/r/\(step + 1)"])
        }
        let report = try #require(try await audit(server.baseURL + "/r/0").flatMap(\.audit))
        #expect(report.error == "too many redirects (more than 10)")
        #expect(!report.reachable && report.maturity.level == .none)
        #expect(server.requests.count == 11)
    }

    @Test func redirectsAreFollowedAndLegalNoticeWithoutSirenIsSaid() async throws {
        let server = try FakeHTTPServer()
        let home = """
            <html><head><meta name="viewport" content="width=device-width"><title>Cabinet Lefèvre</title></head>
            <body><p>Expertise comptable à Rennes.</p><p>© 2026 Cabinet Lefèvre</p>
            <a href="/mentions-legales#editeur">Mentions légales</a></body></html>
            """
        server.handle { request in
            switch request.path {
            case "/": return .status(301, headers: ["Location": "/accueil"])
            case "/accueil": return .bytes(Data(home.utf8), headers: html)
            case "/mentions-legales": return .bytes(Data("<p>Éditeur : Cabinet Lefèvre, Rennes.</p>".utf8))
            default: return .status(404)
            }
        }
        let report = try #require(try await audit(server.baseURL).flatMap(\.audit))
        #expect(report.finalURL == server.baseURL + "/accueil")
        #expect(report.reachable && !report.redirectsToHTTPS)
        #expect(report.legalNoticeHasSiren == false)
        #expect(report.maturity == DigitalMaturity(level: .weak, reasons: ["no HTTPS", "legal notice without SIREN"]))

        // A legal notice that cannot be read is no legal notice.
        server.handle { request in
            request.path == "/" ? .bytes(Data(home.utf8), headers: html) : .status(404)
        }
        let broken = try #require(try await audit(server.baseURL).flatMap(\.audit))
        #expect(broken.legalNoticeHasSiren == nil)
    }

    @Test func heavyPageIsWeakAndReadOnlyInPart() async throws {
        let server = try FakeHTTPServer()
        let head = """
            <html><head><meta name="viewport" content="width=device-width"><title>Catalogue</title></head><body>
            <p>© 2026 Meubles Bernard</p>
            """
        let row = "<p>Table en chêne massif, 180 cm, finition huilée – référence 2026-TB-180</p>\n"
        let body = Data((head + String(repeating: row, count: 5_500_000 / row.utf8.count) + "</body></html>").utf8)
        server.handle { _ in .bytes(body, headers: html) }
        let report = try #require(try await audit(server.baseURL).flatMap(\.audit))
        #expect(report.reachable)
        #expect(report.bytes == body.count)
        #expect(report.maturity.level == .weak)
        #expect(report.maturity.reasons.contains("heavy page (\(MaturityRating.megabytes(body.count)))"))

        // Only the analysed part is kept in memory; the weight comes from Content-Length.
        let limits = WebsiteFetcher.Limits(
            keep: HomepageAnalysis.analysedBytes, count: 8_000_000, idleTimeout: 2, totalTimeout: 6)
        let fetched = try await WebsiteFetcher().fetch(
            URL(string: server.baseURL + "/")!, limits: limits, userAgent: "t"
        ).get()
        #expect(fetched.body.count == HomepageAnalysis.analysedBytes)
        #expect(fetched.bytes == body.count && !fetched.complete)
    }

    @Test func pageWithoutLengthIsCountedUpToTheLimit() async throws {
        // No Content-Length: the connection's close ends the body.
        let body = String(repeating: "<p>Promotions de la semaine</p>\n", count: 100_000)
        let server = try PlainHTTPServer(answer: "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n" + body)
        let limits = WebsiteFetcher.Limits(keep: 1_000, count: 2_000_000, idleTimeout: 2, totalTimeout: 6)
        let fetched = try await WebsiteFetcher().fetch(
            URL(string: "http://127.0.0.1:\(server.port)/")!, limits: limits, userAgent: "t"
        ).get()
        #expect(fetched.body.count == 1_000)
        #expect(fetched.bytes > 2_000_000 && !fetched.complete)
    }

    @Test func binaryAnswerDoesNotBreakTheAudit() async throws {
        let server = try FakeHTTPServer()
        var generator = SystemRandomNumberGenerator()
        let noise = Data((0..<300_000).map { _ in UInt8.random(in: 0...255, using: &generator) })
        server.handle { _ in .bytes(noise, headers: ["Content-Type": "application/octet-stream"]) }
        let report = try #require(try await audit(server.baseURL).flatMap(\.audit))
        #expect(report.reachable)
        #expect(report.bytes == noise.count)
    }

    @Test func tlsFailureIsAnInvalidCertificate() async throws {
        let plain = try PlainHTTPServer(answer: PlainHTTPServer.notFound)
        let site = "https://127.0.0.1:\(plain.port)/"
        let report = try #require(try await audit(site).flatMap(\.audit))
        #expect(!report.reachable)
        #expect(report.https && report.certificateValid == false)
        #expect(report.error?.hasPrefix("TLS handshake failed") == true)
        #expect(report.maturity.level == .none)
        #expect(report.maturity.reasons.first?.hasPrefix("unreachable: TLS handshake failed") == true)
    }

    @Test func siteWithoutTLSIsAuditedOverPlainHTTP() async throws {
        let old =
            "<html><head><title>Menuiserie Robin</title></head><body><p>Menuiserie Robin, escaliers et "
            + "fenêtres sur mesure à Angers depuis 1978.</p><p>© 2014 Menuiserie Robin</p></body></html>"
        let plain = try PlainHTTPServer(answer: PlainHTTPServer.page(old))
        let report = try #require(try await audit("127.0.0.1:\(plain.port)").flatMap(\.audit))
        #expect(report.reachable)
        #expect(report.finalURL == "http://127.0.0.1:\(plain.port)/")
        #expect(!report.https && report.certificateValid == false && !report.redirectsToHTTPS)
        #expect(report.title == "Menuiserie Robin")
        #expect(report.maturity.level == .weak)
        #expect(
            report.maturity.reasons.starts(with: ["no HTTPS", "invalid certificate", "no mobile viewport", "© 2014"]))
    }

    @Test func plainHTTPAddressOfAnHTTPSSiteIsProbedOnce() async throws {
        let plain = try PlainHTTPServer(
            answer: "HTTP/1.1 301 Moved Permanently\r\nLocation: https://127.0.0.1:0/\r\nContent-Length: 0\r\n\r\n")
        let report = try #require(try await audit("https://127.0.0.1:\(plain.port)/").flatMap(\.audit))
        #expect(report.redirectsToHTTPS)
        #expect(!report.reachable && report.certificateValid == false)
    }

    @Test func redirectToHTTPSIsSeenInTheChain() async throws {
        let plain = try PlainHTTPServer(answer: PlainHTTPServer.notFound)
        let server = try FakeHTTPServer()
        let target = "https://127.0.0.1:\(plain.port)/"
        server.handle { _ in .status(301, headers: ["Location": target]) }
        let report = try #require(try await audit(server.baseURL + "/").flatMap(\.audit))
        #expect(report.redirectsToHTTPS)
        #expect(report.finalURL == target)
        #expect(report.https && report.certificateValid == false && !report.reachable)
    }

    @Test func hangingServerTimesOut() async throws {
        let server = try FakeHTTPServer()
        server.handle { _ in .delayed(seconds: 4, .bytes(Data("<html></html>".utf8), headers: html)) }
        // The answer would come after 4 s; "timed out" says the 1 s limit cut it (no timing assert).
        let report = try #require(try await audit(server.baseURL, timeout: 1).flatMap(\.audit))
        #expect(!report.reachable)
        #expect(report.error?.hasPrefix("timed out") == true)
        #expect(report.maturity.level == .none)
    }

    @Test func errorStatusIsUnreachable() async throws {
        let server = try FakeHTTPServer()
        server.handle { _ in .status(500, body: "<h1>Internal Server Error</h1>") }
        let report = try #require(try await audit(server.baseURL).flatMap(\.audit))
        #expect(!report.reachable && report.httpStatus == 500)
        #expect(report.error?.hasPrefix("HTTP 500") == true)
        #expect(report.maturity.level == .none)
    }

    @Test func noOrInvalidWebsiteIsNotFound() async throws {
        #expect(try await audit(nil) == .notFound())
        let invalid = try #require(try await audit("mailto:contact@garage.fr"))
        #expect(!invalid.found && invalid.audit == nil)
        #expect(try await audit("http://", siren: 1) == EnrichmentResult(found: false))
    }

    @Test func stopSignalEndsTheCall() async throws {
        let stop = StopSignal()
        stop.request()
        #expect(try await audit("http://127.0.0.1:9/", stop: stop) == nil)
    }
}

// MARK: - Pure analysis

@Suite struct HomepageAnalysisTests {
    private func analyse(_ page: String, headers: [String: String] = [:]) -> HomepageAnalysis {
        HomepageAnalysis(body: Data(page.utf8), headers: headers, currentYear: 2026)
    }

    @Test func cmsFromGeneratorHeadersAndMarkup() {
        let cases: [(String, [String: String], String?)] = [
            (#"<meta name="generator" content="WordPress 3.4" />"#, [:], "WordPress 3.4"),
            (#"<META NAME=generator CONTENT="Joomla! 1.5 - Open Source Content Management">"#, [:], "Joomla 1.5"),
            (#"<meta name="Generator" content="Drupal 7 (http://drupal.org)">"#, [:], "Drupal 7"),
            (#"<meta name="generator" content="Elementor 3.18"><link href="/wp-content/a.css">"#, [:], "WordPress"),
            (#"<link href="https://static.wixstatic.com/x.css">"#, [:], "Wix"),
            (#"<script src="//cdn.shopify.com/s/files/1/theme.js"></script>"#, [:], "Shopify"),
            (#"<img src="https://image.jimdo.com/a.png">"#, [:], "Jimdo"),
            ("<p>Boutique</p>", ["x-powered-by": "PrestaShop"], "PrestaShop"),
            ("<p>Mairie</p>", ["x-generator": "Drupal 8 (https://www.drupal.org)"], "Drupal 8"),
            ("<p>Site</p>", ["x-powered-by": "PHP/7.4.33"], nil),
            (#"<meta name="generator" content="Microsoft FrontPage 4.0">"#, [:], "Microsoft FrontPage 4.0"),
            (#"<link href="https://assets.squarespace.com/x.css">"#, [:], "Squarespace"),
            (#"<html data-wf-site="5f2" class="webflow">"#, [:], "Webflow"),
            (#"<script src="/media/jui/js/jquery.min.js"></script>"#, [:], "Joomla"),
        ]
        for (page, headers, expected) in cases {
            #expect(analyse(page, headers: headers).cms == expected, "\(page)")
        }
    }

    @Test func copyrightTakesTheLatestPlausibleYearOfTheVisibleText() {
        #expect(analyse("<footer>© 2012-2019 Garage</footer>").copyrightYear == 2019)
        #expect(analyse("<footer>&copy; 2015 Hôtel du Parc</footer>").copyrightYear == 2015)
        #expect(analyse("<p>COPYRIGHT 2008 - Tous droits réservés</p>").copyrightYear == 2008)
        #expect(analyse("<p>&#169;2021 SARL Dupont</p>").copyrightYear == 2021)
        #expect(analyse("<p>Copyright © Menuiserie Robin 2017</p>").copyrightYear == 2017)
        // Out of range, a postal code, and years in scripts or comments do not count.
        #expect(analyse("<p>© 2099 Futur</p>").copyrightYear == nil)
        #expect(analyse("<p>© 1990 Ancien</p>").copyrightYear == nil)
        #expect(analyse("<p>© Boulangerie 75011 Paris</p>").copyrightYear == nil)
        #expect(
            analyse("<script>/* (c) Copyright 2013 jQuery */</script><!-- © 2011 --><p>Accueil</p>").copyrightYear
                == nil)
        #expect(analyse("<p>Ouvert depuis 2005</p>").copyrightYear == nil)
    }

    @Test func titleAndDescriptionAreDecoded() {
        let page = """
            <title>
              Caf&eacute; de la Gare &amp; Brasserie &#8211; Tours</title>
            <meta content="L&#39;adresse &quot;incontournable&quot; &agrave; Tours&nbsp;!" name="description">
            """
        let analysis = analyse(page)
        #expect(analysis.title == "Café de la Gare & Brasserie – Tours")
        #expect(analysis.description == "L'adresse \"incontournable\" à Tours !")
        #expect(analyse("<title></title><p>x</p>").title == nil)
    }

    @Test func viewportIsFoundWhateverTheSpelling() {
        #expect(analyse(#"<meta name="viewport" content="width=device-width">"#).hasViewport)
        #expect(analyse(#"<META content='width=device-width' NAME='Viewport'>"#).hasViewport)
        #expect(!analyse(#"<meta name="description" content="viewport">"#).hasViewport)
    }

    @Test func localBusinessSchema() {
        let graph =
            #"<script type="application/ld+json">{"@graph":[{"@type":"WebSite"},{"@type":"Restaurant"}]}</script>"#
        #expect(analyse(graph).hasLocalBusinessSchema)
        let list = #"<script type='application/ld+json'>[{"@type":["Organization","LocalBusiness"]}]</script>"#
        #expect(analyse(list).hasLocalBusinessSchema)
        let url = #"<script type="application/ld+json">{"@type":"https://schema.org/HardwareStore"}</script>"#
        #expect(analyse(url).hasLocalBusinessSchema)
        let broken = #"<script type="application/ld+json">{"@type": "Plumber", "name": "Durand",}</script>"#
        #expect(analyse(broken).hasLocalBusinessSchema)
        #expect(analyse(#"<div itemscope itemtype="http://schema.org/BeautySalon">x</div>"#).hasLocalBusinessSchema)
        let organisation = #"<script type="application/ld+json">{"@type":"Organization","name":"X"}</script>"#
        #expect(!analyse(organisation).hasLocalBusinessSchema)
        #expect(!analyse(#"<p>"@type":"LocalBusiness" written in the text</p>"#).hasLocalBusinessSchema)
    }

    @Test func socialLinksAreTheBusinessPagesOnly() {
        let page = """
            <a href="https://www.facebook.com/garagedupre18">fb</a>
            <a href="https://facebook.com/garagedupre18/">again</a>
            <a href="https://www.facebook.com/sharer/sharer.php?u=x">share</a>
            <a href="https://twitter.com/intent/tweet?text=x">tweet</a>
            <a href="https://x.com/garagedupre">x</a>
            <a href="https://www.linkedin.com/in/jean-dupre-123/">the boss</a>
            <a href="https://fr.linkedin.com/company/garage-dupre">company</a>
            <a href="//www.instagram.com/garagedupre/">insta</a>
            <a href="/contact">contact</a>
            """
        #expect(
            analyse(page).socialLinks == [
                "https://www.facebook.com/garagedupre18", "https://x.com/garagedupre",
                "https://fr.linkedin.com/company/garage-dupre", "https://www.instagram.com/garagedupre/",
            ])
    }

    @Test func legalNoticeLinkPrefersMentionsLegales() {
        #expect(
            analyse(#"<a href="/legal/cookies">Cookies</a><a href="/page-12">Mentions l&eacute;gales</a>"#)
                .legalNoticeLink == "/page-12")
        #expect(analyse(#"<a href="/mentions-legales.html">Infos</a>"#).legalNoticeLink == "/mentions-legales.html")
        #expect(analyse(#"<a href="/legal-notice">Legal notice</a>"#).legalNoticeLink == "/legal-notice")
        #expect(analyse(#"<a href="mailto:legal@x.fr">Mentions légales</a>"#).legalNoticeLink == nil)
        #expect(analyse(#"<a href="/contact">Contact</a>"#).legalNoticeLink == nil)
    }

    @Test func parkedAndPlaceholderPages() throws {
        let ovh = HomepageAnalysis(body: try fixture("ovh-construction.html"), currentYear: 2026)
        #expect(ovh.parked)
        #expect(analyse("<html><head><title>Apache2 Debian Default Page: It works</title></head></html>").parked)
        #expect(analyse("<html><body><h1>Welcome to nginx!</h1><p>If you see this page…</p></body></html>").parked)
        #expect(analyse("<html><body><h1>It works!</h1></body></html>").parked)
        #expect(analyse("<html><body><img src='flyer.jpg'></body></html>").parked)
        #expect(analyse("<html><body>Bientôt en ligne !</body></html>").parked)
        // An application shell has no text but scripts; a real page may say "parking".
        #expect(!analyse("<html><body><div id='root'></div><script src='/app.js'></script></body></html>").parked)
        let restaurant =
            "<html><title>Le Relais</title><body><p>Parking gratuit. Menu du jour 14,50 €.</p>"
            + String(repeating: "<p>Cuisine traditionnelle, produits frais du marché.</p>", count: 5) + "</body></html>"
        #expect(!analyse(restaurant).parked)
        let longConstruction =
            "<p>Page travaux en cours de construction.</p>"
            + String(repeating: "<p>Nos réalisations de charpente et de couverture en Bretagne.</p>", count: 40)
        #expect(!analyse(longConstruction).parked)
    }

    @Test func sirenIsFoundHoweverItIsWritten() {
        #expect(HomepageAnalysis.containsSiren(812_345_676, in: "RCS Lyon 812 345 676"))
        #expect(HomepageAnalysis.containsSiren(812_345_676, in: "SIREN\u{A0}: 812\u{A0}345\u{A0}676."))
        #expect(HomepageAnalysis.containsSiren(812_345_676, in: "SIRET 81234567600018"))
        #expect(HomepageAnalysis.containsSiren(812_345_676, in: "TVA FR23812345676"))
        #expect(HomepageAnalysis.containsSiren(12_345_678, in: "SIREN 012 345 678"))
        #expect(!HomepageAnalysis.containsSiren(812_345_676, in: "RCS Lyon 812 345 677"))
        #expect(!HomepageAnalysis.containsSiren(812_345_676, in: "812-345 and 676"))
    }

    @Test func decodingFallsBackToWindows1252() {
        let latin1 = Data([0x43, 0x61, 0x66, 0xE9, 0x20, 0x92, 0x20, 0x80])  // "Café ’ €"
        #expect(HomepageAnalysis.decode(latin1) == "Café ’ €")
        let utf8 = Data("Crêperie".utf8)
        #expect(HomepageAnalysis.decode(utf8) == "Crêperie")
        // A page that says it is UTF-8 keeps UTF-8, a stray byte aside.
        let declared = Data("<meta charset=\"utf-8\"><p>Crêpe ".utf8) + Data([0xFF]) + Data("</p>".utf8)
        #expect(HomepageAnalysis.decode(declared).contains("Crêpe \u{FFFD}"))
        // A character cut by the 2 MB limit is dropped, not a reason to read the page as Latin-1.
        let cut = Data("é".utf8).prefix(1)
        #expect(HomepageAnalysis.decode(Data("ok".utf8) + cut) == "ok")
    }

    @Test func malformedMarkupDoesNotBreakTheScan() {
        let pages = [
            "<", "<<<>>>", "<!--", "<!-- never closed <title>x</title>", "<title>never closed",
            "<a href=\"unterminated>text", "<script>never closed", "<meta name=viewport", "&#xFFFFFFFF; &#0; &#; &",
            "<a href='/mentions-legales'><a href='/x'>nested</a>", String(repeating: "<div>", count: 10_000),
            "<p attr=\"a\" attr2='b' attr3=c attr4 / >text</p>", "\u{0}\u{1}<\u{0}>",
        ]
        for page in pages {
            _ = analyse(page)
        }
        #expect(analyse("<a href='/mentions-legales'><a href='/x'>nested</a>").legalNoticeLink == "/mentions-legales")
    }

    @Test func scanCollectsTextLinksAndMetas() {
        let scan = HTMLScan(
            """
            <!DOCTYPE html><html><head><style>p { color: red }</style>
            <meta property="og:title" content="Chez Maïté"></head>
            <body><p>Bonjour</p><p>et&nbsp;bienvenue</p><a href="/carte">La <b>carte</b></a>
            <script>var x = "<p>not text</p>";</script></body></html>
            """)
        #expect(scan.text == "Bonjour et bienvenue La carte")
        #expect(scan.links == [HTMLScan.Link(href: "/carte", text: "La carte")])
        #expect(scan.meta("og:title") == "Chez Maïté")
    }
}

// MARK: - Maturity rules

@Suite struct MaturityRatingTests {
    /// A good site: what every test changes one thing of.
    private func goodReport() -> WebsiteAuditReport {
        var report = WebsiteAuditReport(
            url: "https://www.boulangerie-martin-lyon.fr/", maturity: DigitalMaturity(level: .none, reasons: []))
        report.finalURL = report.url
        report.reachable = true
        report.httpStatus = 200
        report.https = true
        report.certificateValid = true
        report.redirectsToHTTPS = true
        report.hasViewport = true
        report.cms = "WordPress 6.6.2"
        report.copyrightYear = 2026
        report.bytes = 85_000
        report.responseMilliseconds = 240
        report.title = "Boulangerie Martin"
        report.legalNoticeHasSiren = true
        return report
    }

    private func rate(_ change: (inout WebsiteAuditReport) -> Void) -> DigitalMaturity {
        var report = goodReport()
        change(&report)
        return MaturityRating.rate(report, now: today)
    }

    @Test func goodSiteIsGood() {
        #expect(rate { _ in } == DigitalMaturity(level: .good, reasons: []))
        #expect(rate { $0.copyrightYear = 2025 }.level == .good)
        #expect(rate { $0.cms = "Wix" }.level == .good)
    }

    @Test func minorIssuesMakeItFair() {
        #expect(rate { $0.legalNoticeHasSiren = nil } == DigitalMaturity(level: .fair, reasons: ["no legal notice"]))
        #expect(
            rate {
                $0.legalNoticeHasSiren = false
                $0.copyrightYear = 2023
            } == DigitalMaturity(level: .fair, reasons: ["© 2023", "legal notice without SIREN"]))
        #expect(rate { $0.copyrightYear = nil } == DigitalMaturity(level: .fair, reasons: ["no recent date"]))
        #expect(rate { $0.bytes = 2_500_000 }.reasons == ["large page (2.5 MB)"])
        #expect(rate { $0.responseMilliseconds = 2_000 }.reasons == ["response in 2.0 s"])
    }

    @Test func recentLastModifiedStandsForAnOldishCopyright() {
        #expect(
            rate {
                $0.copyrightYear = 2023
                $0.lastModified = "Mon, 02 Nov 2026 10:00:00 GMT"
            }.level == .good)
        #expect(
            rate {
                $0.copyrightYear = nil
                $0.lastModified = "Tue, 15 Nov 2022 08:12:31 GMT"
            }.reasons == ["no recent date"])
    }

    @Test func threeMinorIssuesMakeItWeak() {
        let maturity = rate {
            $0.legalNoticeHasSiren = nil
            $0.title = nil
            $0.copyrightYear = nil
        }
        #expect(maturity == DigitalMaturity(level: .weak, reasons: ["no recent date", "no legal notice", "no title"]))
    }

    @Test func majorIssuesMakeItWeak() {
        #expect(rate { $0.https = false } == DigitalMaturity(level: .weak, reasons: ["no HTTPS"]))
        #expect(rate { $0.hasViewport = false }.reasons == ["no mobile viewport"])
        #expect(rate { $0.copyrightYear = 2012 }.reasons == ["© 2012"])
        #expect(rate { $0.copyrightYear = 2021 }.reasons == ["© 2021"])
        #expect(rate { $0.copyrightYear = 2022 }.level == .fair)
        #expect(rate { $0.cms = "WordPress 3.4" }.reasons == ["WordPress 3.4"])
        #expect(rate { $0.cms = "WordPress 4.9.8" }.reasons == ["WordPress 4.9.8"])
        #expect(rate { $0.cms = "Joomla 1.5" }.reasons == ["Joomla 1.5"])
        #expect(rate { $0.cms = "Drupal 7" }.reasons == ["Drupal 7"])
        #expect(rate { $0.cms = "PrestaShop 1.6.1.24" }.reasons == ["PrestaShop 1.6.1.24"])
        #expect(rate { $0.cms = "WordPress 6.1" }.level == .good)
        #expect(rate { $0.bytes = 5_600_000 }.reasons == ["heavy page (5.6 MB)"])
        #expect(rate { $0.responseMilliseconds = 3_400 }.reasons == ["slow response (3.4 s)"])
        #expect(
            rate {
                $0.certificateValid = false
                $0.https = false
            }.reasons == ["no HTTPS", "invalid certificate"])
        let old = rate {
            $0.https = false
            $0.hasViewport = false
            $0.copyrightYear = 2012
            $0.cms = "WordPress 3.4"
            $0.legalNoticeHasSiren = nil
        }
        #expect(
            old
                == DigitalMaturity(
                    level: .weak,
                    reasons: ["no HTTPS", "no mobile viewport", "© 2012", "WordPress 3.4", "no legal notice"]))
    }

    @Test func noUsableSiteIsNone() {
        #expect(
            rate {
                $0.reachable = false
                $0.error = "host not found (DNS)"
            } == DigitalMaturity(level: .none, reasons: ["unreachable: host not found (DNS)"]))
        #expect(
            rate {
                $0.parked = true
                $0.hasViewport = false
            } == DigitalMaturity(level: .none, reasons: ["parked domain"]))
    }

    @Test func cmsReleaseYears() {
        #expect(MaturityRating.releaseYear(of: "WordPress 3.4") == 2012)
        #expect(MaturityRating.releaseYear(of: "WordPress 5.0.3") == 2018)
        #expect(MaturityRating.releaseYear(of: "WordPress 6.8") == 2025)
        #expect(MaturityRating.releaseYear(of: "Drupal 10") == 2022)
        #expect(MaturityRating.releaseYear(of: "WordPress") == nil)
        #expect(MaturityRating.releaseYear(of: "Wix") == nil)
        #expect(MaturityRating.releaseYear(of: "Microsoft FrontPage 4.0") == nil)
    }
}

@Suite struct WebsiteAuditURLTests {
    @Test func websitesAreNormalised() {
        let cases: [(String, String?)] = [
            ("boulangerie-martin.fr", "https://boulangerie-martin.fr/"),
            ("  WWW.Garage-Dupre.FR/accueil ", "https://www.garage-dupre.fr/accueil"),
            ("http://www.hotel-du-parc.fr", "http://www.hotel-du-parc.fr/"),
            ("HTTPS://example.fr/#top", "https://example.fr/"),
            ("//cdn.example.fr", "https://cdn.example.fr/"),
            ("mailto:contact@garage.fr", nil),
            ("tel:+33248751234", nil),
            ("ftp://example.fr", nil),
            ("Boulangerie Martin", nil),
            ("http://", nil),
            ("", nil),
        ]
        for (site, expected) in cases {
            #expect(WebsiteAuditProvider.normalise(site)?.absoluteString == expected, "\(site)")
        }
        let https = URL(string: "https://127.0.0.1:8443/page?x=1")!
        #expect(WebsiteAuditProvider.plainHTTP(https)?.absoluteString == "http://127.0.0.1:8443/")
        let base = URL(string: "https://www.example.fr/fr/accueil")!
        #expect(
            WebsiteAuditProvider.resolve("../mentions-légales", against: base)?.absoluteString
                == "https://www.example.fr/mentions-l%C3%A9gales")
        #expect(WebsiteAuditProvider.resolve("javascript:void(0)", against: base) == nil)
        #expect(WebsiteAuditProvider.sameSite(URL(string: "https://example.fr/a")!, base))
        #expect(!WebsiteAuditProvider.sameSite(URL(string: "https://sedo.com/legal")!, base))
    }
}
