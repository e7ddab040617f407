import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A local SMTP sink on 127.0.0.1, on a port the kernel picks, for tests. It speaks enough SMTP
/// for libcurl: greeting, EHLO/HELO, AUTH PLAIN and LOGIN when told to require a login, MAIL FROM,
/// RCPT TO (with chosen addresses refused), DATA up to the lone dot (dot-stuffing undone), RSET,
/// NOOP, QUIT. No TLS: STARTTLS is neither offered nor accepted. Each connection has its own
/// thread; every accepted message is kept in `messages`. A fault makes it drop the connection or
/// stop answering at a chosen step.
public final class FakeSMTPServer: @unchecked Sendable {
    /// The steps of a session, where a fault can strike: on arrival (before the greeting), or on
    /// receiving a command, before answering it.
    public enum Step: Sendable, Equatable {
        case greeting, hello, auth, mailFrom, recipient, data
        /// The whole message has arrived, the final reply is not sent yet.
        case endOfData
    }

    public enum Fault: Sendable, Equatable {
        /// Close the connection without a word.
        case drop(at: Step)
        /// Read and ignore everything until the client gives up.
        case stall(at: Step)
    }

    public struct Message: Sendable, Equatable {
        public var mailFrom: String
        public var recipients: [String]
        /// The bytes between DATA and the final dot, dot-stuffing undone: the message as the
        /// client formatted it.
        public var data: Data
        /// The login used, or nil when the session did not authenticate.
        public var user: String?
        public var text: String { String(decoding: data, as: UTF8.self) }
    }

    private let listener: LoopbackListener
    private let state = State()

    public var port: Int { listener.port }
    /// The URL to give the mailer.
    public var url: String { "smtp://127.0.0.1:\(port)" }

    public init() throws {
        // The threads hold the state, not the server, so that dropping the server stops it.
        let state = state
        listener = try LoopbackListener(name: "FakeSMTPServer") { connection in
            // The settings of the moment the connection starts.
            let setup = state.lock.withLock {
                Setup(login: state.login, refused: state.refused, fault: state.fault)
            }
            return {
                var session = Session(fd: connection, state: state, setup: setup)
                session.run()
                close(connection)
            }
        }
    }

    deinit { stop() }

    /// A port where nothing listens: bound, then closed, so that connecting is refused.
    public static func closedPort() throws -> Int { try LoopbackListener.closedPort(name: "FakeSMTPServer") }

    /// Asks for a login before MAIL FROM, offering these mechanisms in EHLO.
    public func requireLogin(user: String, password: String, mechanisms: [String] = ["PLAIN", "LOGIN"]) {
        state.lock.withLock { state.login = (user, password, mechanisms) }
    }

    /// Answers RCPT TO for this address with this code (550: mailbox unavailable).
    public func refuseRecipient(_ address: String, code: Int = 550, reply: String = "5.1.1 Mailbox unavailable") {
        state.lock.withLock { state.refused[address.lowercased()] = "\(code) \(reply)" }
    }

    /// The fault for the connections that start from now on; nil for a well-behaved server.
    public func inject(_ fault: Fault?) {
        state.lock.withLock { state.fault = fault }
    }

    /// The messages accepted so far, in order.
    public var messages: [Message] { state.lock.withLock { state.messages } }

    /// The commands received so far, across sessions ("EHLO example.fr", "AUTH PLAIN", "MAIL",
    /// "RCPT"…): verbs only, but for the EHLO name and the AUTH mechanism (never the credentials).
    public var commands: [String] { state.lock.withLock { state.commands } }

    /// Stops accepting connections.
    public func stop() { listener.stop() }

    // MARK: - Serving

    private final class State: @unchecked Sendable {
        let lock = NSLock()
        var login: (user: String, password: String, mechanisms: [String])?
        var refused: [String: String] = [:]
        var fault: Fault?
        var messages: [Message] = []
        var commands: [String] = []
    }

    /// One connection's settings, read when it starts.
    private struct Setup {
        var login: (user: String, password: String, mechanisms: [String])?
        var refused: [String: String]
        var fault: Fault?
    }

    /// One SMTP conversation.
    private struct Session {
        let fd: Int32
        let state: State
        let setup: Setup
        var buffer: [UInt8] = []
        var user: String?
        var mailFrom: String?
        var recipients: [String] = []

        init(fd: Int32, state: State, setup: Setup) {
            self.fd = fd
            self.state = state
            self.setup = setup
        }

        /// True when the fault says to stop here; a stall first waits for the client to leave.
        func faulted(at step: Step) -> Bool {
            switch setup.fault {
            case .drop(let at) where at == step: return true
            case .stall(let at) where at == step:
                var chunk = [UInt8](repeating: 0, count: 4096)
                // Ten seconds at most, so a client that never gives up cannot keep the thread.
                var timeout = timeval(tv_sec: 10, tv_usec: 0)
                setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
                while recv(fd, &chunk, chunk.count, 0) > 0 {}
                return true
            default: return false
            }
        }

        mutating func run() {
            guard !faulted(at: .greeting) else { return }
            reply("220 fake.smtp ESMTP FakeSMTPServer")
            while let line = readLine() {
                let text = String(decoding: line, as: UTF8.self)
                let verb = text.prefix { $0 != " " && $0 != ":" }.uppercased()
                // AUTH keeps its mechanism only (what follows is the password); EHLO keeps its name.
                record(["AUTH", "EHLO", "HELO"].contains(verb) ? verb + " " + Self.word(text, 1) : verb)
                switch verb {
                case "EHLO", "HELO":
                    guard !faulted(at: .hello) else { return }
                    resetTransaction()
                    if verb == "HELO" {
                        reply("250 fake.smtp")
                    } else if let login = setup.login {
                        reply("250-fake.smtp", "250-AUTH " + login.mechanisms.joined(separator: " "), "250 8BITMIME")
                    } else {
                        reply("250-fake.smtp", "250 8BITMIME")
                    }
                case "AUTH":
                    guard !faulted(at: .auth) else { return }
                    guard authenticate(text) else { return }
                case "MAIL":
                    guard !faulted(at: .mailFrom) else { return }
                    if setup.login != nil, user == nil {
                        reply("530 5.7.0 Authentication required")
                    } else if let address = Self.address(text) {
                        resetTransaction()
                        mailFrom = address
                        reply("250 2.1.0 Ok")
                    } else {
                        reply("501 5.1.7 Bad sender address syntax")
                    }
                case "RCPT":
                    guard !faulted(at: .recipient) else { return }
                    guard mailFrom != nil else {
                        reply("503 5.5.1 Need MAIL first")
                        continue
                    }
                    guard let address = Self.address(text) else {
                        reply("501 5.1.3 Bad recipient address syntax")
                        continue
                    }
                    if let refusal = setup.refused[address.lowercased()] {
                        reply(refusal)
                    } else {
                        recipients.append(address)
                        reply("250 2.1.5 Ok")
                    }
                case "DATA":
                    guard !faulted(at: .data) else { return }
                    guard let from = mailFrom, !recipients.isEmpty else {
                        reply("503 5.5.1 Need RCPT first")
                        continue
                    }
                    reply("354 End data with <CR><LF>.<CR><LF>")
                    guard let data = readData(), !faulted(at: .endOfData) else { return }
                    let message = Message(mailFrom: from, recipients: recipients, data: data, user: user)
                    let number = state.lock.withLock {
                        state.messages.append(message)
                        return state.messages.count
                    }
                    resetTransaction()
                    reply("250 2.0.0 Ok: queued as FAKE\(number)")
                case "RSET":
                    resetTransaction()
                    reply("250 2.0.0 Ok")
                case "NOOP": reply("250 2.0.0 Ok")
                case "QUIT":
                    reply("221 2.0.0 Bye")
                    return
                case "STARTTLS": reply("454 4.7.0 TLS not available")
                default: reply("502 5.5.2 Command not recognized")
                }
            }
        }

        mutating func resetTransaction() {
            mailFrom = nil
            recipients = []
        }

        /// AUTH PLAIN or LOGIN, with or without an initial response. False when the client left.
        mutating func authenticate(_ text: String) -> Bool {
            let mechanism = Self.word(text, 1).uppercased()
            let initial = Self.word(text, 2)
            guard let login = setup.login, login.mechanisms.contains(mechanism) else {
                reply("504 5.5.4 Unrecognized authentication type")
                return true
            }
            var user: String?
            var password: String?
            switch mechanism {
            case "PLAIN":
                guard let response = initial.isEmpty ? challenge("") : initial else { return false }
                // authzid NUL authcid NUL password
                let parts = Self.decode(response).split(separator: "\0", omittingEmptySubsequences: false)
                if parts.count == 3 {
                    user = String(parts[1])
                    password = String(parts[2])
                }
            default:
                let first = initial.isEmpty ? challenge("VXNlcm5hbWU6") : initial
                guard let first, let second = challenge("UGFzc3dvcmQ6") else { return false }
                user = Self.decode(first)
                password = Self.decode(second)
            }
            if user == login.user, password == login.password {
                self.user = user
                reply("235 2.7.0 Authentication successful")
            } else {
                reply("535 5.7.8 Authentication credentials invalid")
            }
            return true
        }

        /// Sends a 334 challenge and reads the answer; nil when the client left or cancelled.
        mutating func challenge(_ text: String) -> String? {
            reply("334 " + text)
            guard let line = readLine() else { return nil }
            let answer = String(decoding: line, as: UTF8.self)
            return answer == "*" ? nil : answer
        }

        /// The lines up to the lone dot, each given back its CRLF, with a leading dot removed from
        /// lines the client stuffed.
        mutating func readData() -> Data? {
            var data = Data()
            while let line = readLine() {
                if line == [UInt8(ascii: ".")] { return data }
                data.append(contentsOf: line.first == UInt8(ascii: ".") ? line.dropFirst() : line[...])
                data.append(contentsOf: [13, 10])
            }
            return nil
        }

        /// The next line without its CRLF (a bare LF is accepted), or nil when the client left.
        mutating func readLine() -> [UInt8]? {
            var chunk = [UInt8](repeating: 0, count: 16 << 10)
            while true {
                if let newline = buffer.firstIndex(of: 10) {
                    var line = Array(buffer[..<newline])
                    buffer.removeSubrange(...newline)
                    if line.last == 13 { line.removeLast() }
                    return line
                }
                let n = recv(fd, &chunk, chunk.count, 0)
                if n < 0, errno == EINTR { continue }
                guard n > 0 else { return nil }
                buffer.append(contentsOf: chunk[0..<n])
            }
        }

        func reply(_ lines: String...) {
            let text = lines.map { $0 + "\r\n" }.joined()
            Array(text.utf8).withUnsafeBytes { raw in
                var offset = 0
                while offset < raw.count {
                    let n = send(fd, raw.baseAddress! + offset, raw.count - offset, FakeSMTPServer.noSignal)
                    if n < 0, errno == EINTR { continue }
                    guard n > 0 else { return }
                    offset += n
                }
            }
        }

        func record(_ command: String) {
            state.lock.withLock { state.commands.append(command) }
        }

        static func word(_ text: String, _ index: Int) -> String {
            let words = text.split(separator: " ")
            return index < words.count ? String(words[index]) : ""
        }

        static func address(_ text: String) -> String? {
            guard let open = text.firstIndex(of: "<"), let close = text[open...].firstIndex(of: ">") else {
                return nil
            }
            return String(text[text.index(after: open)..<close])
        }

        static func decode(_ base64: String) -> String {
            Data(base64Encoded: base64).map { String(decoding: $0, as: UTF8.self) } ?? ""
        }
    }

    // MARK: - Sockets

    #if canImport(Glibc)
        fileprivate static let noSignal = Int32(MSG_NOSIGNAL)
    #else
        fileprivate static let noSignal: Int32 = 0
    #endif
}
