import CCurl
import FilonCore
import Foundation

/// Sends one message at a time with libcurl's SMTP: `smtp://` with STARTTLS as configured, or
/// `smtps://`; login when a username is set; one recipient; timeouts on the connection and on the
/// whole exchange. `send` blocks until the server has answered, so call it away from a UI loop.
public struct SMTPMailer: Sendable {
    public let settings: SMTPSettings
    private let scheme: String
    private let host: String
    private let port: Int?
    private let path: String

    /// Checks the URL once, so that a typo is reported before any message is merged.
    public init(settings: SMTPSettings) throws(MailError) {
        guard let components = URLComponents(string: settings.url.trimmingCharacters(in: .whitespaces)),
            let scheme = components.scheme?.lowercased(), scheme == "smtp" || scheme == "smtps",
            let host = components.host, !host.isEmpty, components.query == nil
        else { throw .invalidURL(Self.withoutCredentials(settings.url)) }
        self.settings = settings
        self.scheme = scheme
        self.host = host
        port = components.port
        path = components.percentEncodedPath
    }

    /// `host:port` as the messages show it.
    public var server: String { port.map { "\(host):\($0)" } ?? host }

    /// Sends the message to its one recipient. The password never appears in an error or a log:
    /// only the server's replies and the names of the commands are kept from the exchange.
    public func send(_ message: EmailMessage) throws(MailError) -> MailReceipt {
        // libcurl's own process-wide setup, done once however many threads send (swift_once).
        guard Self.libraryReady == CURLE_OK.rawValue else { throw .library("curl_global_init failed") }
        guard let handle = curl_easy_init() else { throw .library("curl_easy_init returned nothing") }
        defer { curl_easy_cleanup(handle) }
        let errorText = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorText.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        defer { errorText.deallocate() }
        let recipients = curl_slist_append(nil, "<\(message.to.address.value)>")
        defer { curl_slist_free_all(recipients) }
        guard recipients != nil else { throw .library("curl_slist_append returned nothing") }

        let exchange = SMTPExchange(Array(message.formatted().utf8))
        let context = Unmanaged.passUnretained(exchange).toOpaque()
        try configure(handle, message: message, recipients: recipients, errorText: errorText, context: context)
        let code = withExtendedLifetime(exchange) { curl_easy_perform(handle) }
        guard code == CURLE_OK else {
            throw failure(code, exchange, message, detail: String(cString: errorText))
        }
        return MailReceipt(
            messageID: message.messageID, recipient: message.to.address.value, subject: message.subject,
            sentAt: Date(), serverReply: exchange.dataReply ?? "")
    }

    // MARK: - Setting up

    private static let libraryReady: UInt32 = curl_global_init(Int(CURL_GLOBAL_DEFAULT)).rawValue

    private func configure(
        _ handle: UnsafeMutableRawPointer, message: EmailMessage,
        recipients: UnsafeMutablePointer<curl_slist>?, errorText: UnsafeMutablePointer<CChar>,
        context: UnsafeMutableRawPointer
    ) throws(MailError) {
        func check(_ code: CURLcode, _ option: String) throws(MailError) {
            guard code == CURLE_OK else {
                throw .library("\(option): \(String(cString: curl_easy_strerror(code)))")
            }
        }
        // The URL's path is the name given in EHLO; the sender's domain is what servers expect.
        let ehloPath = path.isEmpty || path == "/" ? "/" + message.sender.email.domain : path
        let url = "\(scheme)://\(host.contains(":") ? "[\(host)]" : host)\(port.map { ":\($0)" } ?? "")\(ehloPath)"
        try check(filon_curl_set_pointer(handle, CURLOPT_ERRORBUFFER, errorText), "CURLOPT_ERRORBUFFER")
        try check(filon_curl_set_string(handle, CURLOPT_URL, url), "CURLOPT_URL")
        try check(
            filon_curl_set_string(handle, CURLOPT_MAIL_FROM, "<\(message.sender.email.value)>"), "CURLOPT_MAIL_FROM")
        try check(filon_curl_set_list(handle, CURLOPT_MAIL_RCPT, recipients), "CURLOPT_MAIL_RCPT")
        try check(filon_curl_set_long(handle, CURLOPT_UPLOAD, 1), "CURLOPT_UPLOAD")
        try check(filon_curl_set_read_function(handle, Self.readMessage), "CURLOPT_READFUNCTION")
        try check(filon_curl_set_pointer(handle, CURLOPT_READDATA, context), "CURLOPT_READDATA")
        // Timeouts otherwise use SIGALRM, which is process-wide and unsafe with threads.
        try check(filon_curl_set_long(handle, CURLOPT_NOSIGNAL, 1), "CURLOPT_NOSIGNAL")
        try check(
            filon_curl_set_long(handle, CURLOPT_TIMEOUT_MS, Self.milliseconds(settings.timeout)), "CURLOPT_TIMEOUT_MS")
        try check(
            filon_curl_set_long(handle, CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(settings.connectTimeout)),
            "CURLOPT_CONNECTTIMEOUT_MS")
        // The QUIT libcurl sends after a failure waits for this, not for CURLOPT_TIMEOUT (120 s by default).
        try check(
            filon_curl_set_long(
                handle, CURLOPT_SERVER_RESPONSE_TIMEOUT, max(1, Int(settings.timeout.rounded(.up)))),
            "CURLOPT_SERVER_RESPONSE_TIMEOUT")
        let tls: curl_usessl
        switch settings.startTLS {
        case .required: tls = CURLUSESSL_ALL
        case .opportunistic: tls = CURLUSESSL_TRY
        case .never: tls = CURLUSESSL_NONE
        }
        if scheme == "smtp" { try check(filon_curl_set_long(handle, CURLOPT_USE_SSL, Int(tls.rawValue)), "USE_SSL") }
        if let username = settings.username, !username.isEmpty {
            try check(filon_curl_set_string(handle, CURLOPT_USERNAME, username), "CURLOPT_USERNAME")
            try check(filon_curl_set_string(handle, CURLOPT_PASSWORD, settings.password ?? ""), "CURLOPT_PASSWORD")
        }
        // Verbose output goes to the callback, not stderr: it is how the server's replies are kept.
        try check(filon_curl_set_long(handle, CURLOPT_VERBOSE, 1), "CURLOPT_VERBOSE")
        try check(filon_curl_set_debug_function(handle, Self.watchExchange), "CURLOPT_DEBUGFUNCTION")
        try check(filon_curl_set_pointer(handle, CURLOPT_DEBUGDATA, context), "CURLOPT_DEBUGDATA")
    }

    private static func milliseconds(_ seconds: Double) -> Int { max(1, Int((seconds * 1000).rounded())) }

    /// Hands libcurl the next bytes of the message; the exchange comes back through the context
    /// pointer, so no state lives outside the call.
    private static let readMessage: curl_read_callback = { buffer, size, count, context in
        guard let buffer, let context else { return 0 }
        return Unmanaged<SMTPExchange>.fromOpaque(context).takeUnretainedValue().read(into: buffer, max: size * count)
    }

    /// Keeps the server's replies and the verbs of the commands sent (never their arguments:
    /// AUTH lines carry the password).
    private static let watchExchange: curl_debug_callback = { _, type, data, size, context in
        guard let data, let context else { return 0 }
        let exchange = Unmanaged<SMTPExchange>.fromOpaque(context).takeUnretainedValue()
        let text = UnsafeRawBufferPointer(start: data, count: size)
        if type == CURLINFO_HEADER_IN {
            exchange.received(String(decoding: text, as: UTF8.self))
        } else if type == CURLINFO_HEADER_OUT {
            exchange.sent(String(decoding: text.prefix(16), as: UTF8.self))
        }
        return 0
    }

    // MARK: - Errors

    private func failure(_ code: CURLcode, _ exchange: SMTPExchange, _ message: EmailMessage, detail: String)
        -> MailError
    {
        let detail = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
        switch code {
        case CURLE_COULDNT_RESOLVE_HOST: return .hostNotFound(server: server)
        case CURLE_COULDNT_CONNECT: return .connectionRefused(server: server)
        case CURLE_OPERATION_TIMEDOUT:
            let connecting = exchange.lastCommand == nil && !exchange.greeted
            return .timeout(
                server: server, seconds: connecting ? settings.connectTimeout : settings.timeout,
                afterMessage: exchange.uploadFinished)
        case CURLE_USE_SSL_FAILED: return .startTLSUnavailable(server: server)
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM,
            CURLE_SSL_CACERT_BADFILE:
            return .tlsFailed(server: server, detail: detail)
        case CURLE_LOGIN_DENIED:
            return .authenticationFailed(username: settings.username ?? "", reply: exchange.refusal?.reply ?? detail)
        default: break
        }
        // Otherwise the server's first refusal is the best account of what happened.
        guard let (command, reply, replyCode) = exchange.refusal else {
            return .connectionLost(server: server, detail: detail)
        }
        switch command {
        case "RCPT": return .recipientRefused(address: message.to.address.value, code: replyCode, reply: reply)
        case "MAIL":
            return replyCode == 530
                ? .authenticationRequired(server: server, reply: reply)
                : .senderRefused(address: message.sender.email.value, reply: reply)
        case "AUTH": return .authenticationFailed(username: settings.username ?? "", reply: reply)
        case "DATA" where exchange.refusedAfterMessage: return .messageRefused(reply: reply)
        case let command?: return .refused(command: command, reply: reply)
        case nil: return .refused(command: "the connection", reply: reply)
        }
    }

    private static func withoutCredentials(_ url: String) -> String {
        guard var components = URLComponents(string: url) else { return String(url.prefix { $0 != "@" }) }
        components.user = nil
        components.password = nil
        return components.string ?? url
    }
}

/// One transfer's state, reached from libcurl's callbacks through their context pointer. Only
/// the thread inside curl_easy_perform touches it.
private final class SMTPExchange {
    private let message: [UInt8]
    private var offset = 0
    /// libcurl has read the whole message (what follows is the end-of-data dot).
    private(set) var uploadFinished = false
    /// The verb of the last command sent: EHLO, AUTH, MAIL, RCPT, DATA, QUIT…
    private(set) var lastCommand: String?
    /// The lines the server sent since that command.
    private var replies: [String] = []
    private(set) var greeted = false
    /// The server's answer to the end of the message: `250 … queued as …`.
    private(set) var dataReply: String?
    /// The first 4xx or 5xx reply and the verb it answered (nil for the greeting). Kept apart
    /// because libcurl still sends QUIT after a failure, and its reply must not hide the cause.
    private(set) var refusal: (command: String?, reply: String, code: Int)?
    private(set) var refusedAfterMessage = false

    private static let verbs: Set<String> = [
        "EHLO", "HELO", "STARTTLS", "AUTH", "MAIL", "RCPT", "DATA", "QUIT", "RSET", "NOOP", "VRFY",
    ]

    init(_ message: [UInt8]) { self.message = message }

    func read(into buffer: UnsafeMutablePointer<CChar>, max capacity: Int) -> Int {
        let count = min(capacity, message.count - offset)
        guard count > 0 else {
            uploadFinished = true
            return 0
        }
        message.withUnsafeBytes { bytes in
            UnsafeMutableRawPointer(buffer).copyMemory(from: bytes.baseAddress! + offset, byteCount: count)
        }
        offset += count
        return count
    }

    func received(_ text: String) {
        for line in text.split(whereSeparator: \.isNewline) where !line.isEmpty {
            greeted = true
            replies.append(String(line))
            // "550-…" continues a reply; "550 …" ends it.
            guard line.count < 4 || line[line.index(line.startIndex, offsetBy: 3)] != "-" else { continue }
            if uploadFinished, dataReply == nil { dataReply = String(line) }
            if refusal == nil, let code = Int(line.prefix(3)), code >= 400 {
                refusal = (lastCommand, replies.joined(separator: " "), code)
                refusedAfterMessage = uploadFinished
            }
        }
    }

    func sent(_ start: String) {
        let verb = String(start.prefix { $0.isLetter }).uppercased()
        // AUTH continuation lines (base64 credentials) are not verbs: they keep the AUTH step.
        if Self.verbs.contains(verb) { lastCommand = verb }
        replies = []
    }
}
