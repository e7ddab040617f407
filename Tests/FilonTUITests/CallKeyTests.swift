import FilonCore
import Foundation
import GRDB
import Testing

@testable import FilonTUI

/// A clock the test moves forward.
private final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var now = TestData.tuesday

    func read() -> Date { lock.withLock { now } }
    func advance(_ seconds: TimeInterval) { lock.withLock { now += seconds } }
}

@Suite("The call key")
struct CallKeyTests {
    private func app(_ database: AppDatabase, clock: TestClock, services: OperatorServices = .init()) -> OperatorApp {
        OperatorApp(
            database: database, databaseName: "test.sqlite", session: .user(Workday.tina),
            size: TerminalSize(width: 80, height: 24), services: services, clock: { clock.read() })
    }

    @Test("c shows the number and times the call; the outcome key records it with its duration")
    func timedCall() throws {
        let database = try Workday.database()
        let clock = TestClock()
        let app = app(database, clock: clock)
        #expect(app.selectedSiren == Workday.eleonore)
        app.press("c")
        #expect(app.call?.phone == "04 78 00 00 00")
        #expect(
            app.render().line(22).contains(
                "☎ Atelier Éléonore · 04 78 00 00 00 · 00:00 · 1–9 outcome"),
            "\(app.render().line(22))")
        clock.advance(95)
        #expect(app.render().line(22).contains("· 01:35 ·"))
        // The list moves on; the outcome is still the call's, and no second call starts before it.
        app.press("jj")
        app.press("c")
        #expect(app.message?.text == "already calling Atelier Éléonore: give the outcome (1–9) first")
        app.press("5")
        #expect(app.call == nil)
        let call = try database.writer.read { db in
            try Row.fetchOne(
                db, sql: "SELECT siren, disposition, duration_seconds FROM activity WHERE kind = 'call'")
        }
        #expect(call?["siren"] == Workday.eleonore)
        #expect(call?["disposition"] == Disposition.contact.rawValue)
        #expect(call?["duration_seconds"] == 95)
        #expect(app.render().line(22).contains("Atelier Éléonore: \(Disposition.contact.label) (01:35),"))
    }

    @Test("the dial command runs with the number in E.164, never through a shell")
    func dialCommand() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("filon-dial-\(UUID())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let script = folder + "/dial"
        try "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"\(folder)/args\"\n".write(
            toFile: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script)
        let dialer = CallDialer(command: try DialCommand([script, "call", "{phone}"]))
        let database = try Workday.database()
        let app = app(database, clock: TestClock(), services: OperatorServices(dialer: dialer))
        app.press("c")
        #expect(app.call != nil)
        var arguments: String?
        for _ in 0..<100 where arguments == nil {
            arguments = try? String(contentsOfFile: folder + "/args", encoding: .utf8)
            if arguments == nil { Thread.sleep(forTimeInterval: 0.05) }
        }
        #expect(arguments == "call\n+33478000000\n")
        #expect(app.message == nil)
    }

    @Test("a dial command that cannot start says so, and the timer runs for a call dialled by hand")
    func dialFailure() throws {
        let dialer = CallDialer(
            command: try DialCommand(["no-such-sip-client", "{phone}"]), environment: ["PATH": "/nowhere"])
        let database = try Workday.database()
        let app = app(database, clock: TestClock(), services: OperatorServices(dialer: dialer))
        app.press("c")
        #expect(app.call != nil)
        let line = app.render().line(22)
        #expect(line.contains("☎ Atelier Éléonore"), "\(line)")
        #expect(app.message?.text.contains("no-such-sip-client") == true, "\(String(describing: app.message))")
        #expect(app.message?.text.hasSuffix("dial 04 78 00 00 00 by hand, the timer runs") == true)
    }

    @Test("several numbers: c asks which; none: c says so; ne plus contacter: refused")
    func numbers() throws {
        let database = try Workday.database()
        try database.writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO contact_point (siren, kind, value, normalized, source, retrieved_at)
                    VALUES (?, 'phone', '06 12 34 56 78', '+33612345678', 'dropcontact', 'x')
                    """, arguments: [Workday.eleonore])
        }
        let app = app(database, clock: TestClock())
        app.press("c")
        #expect(app.prompt?.choiceLines == ["04 78 00 00 00", "06 12 34 56 78"])
        #expect(app.render().text.contains("Call Atelier Éléonore on"))
        app.press("2")
        #expect(app.call?.phone == "06 12 34 56 78")
        app.press("1")
        #expect(app.call == nil)
        // Le studio has no number.
        let studio = try #require(app.queueRows.firstIndex { $0.siren == Workday.studio })
        app.press("g")
        for _ in 0..<studio { app.press("j") }
        app.press("c")
        #expect(app.call == nil)
        #expect(app.render().line(22).contains("no phone number known for 作 Studio"))
        // Ne plus contacter: out of the queue, found by the search, and never called.
        try database.writer.write { db in
            try db.execute(sql: "UPDATE prospect SET do_not_contact = 1 WHERE siren = ?", arguments: [Workday.eleonore])
        }
        _ = try SearchIndex().refresh(database.writer)
        app.press("/")
        app.press("dur")
        app.press(.enter)
        #expect(app.selectedSiren == Workday.eleonore)
        app.press("c")
        #expect(app.call == nil)
        #expect(app.render().line(22).contains("refused: Atelier Éléonore is \"ne plus contacter\": no call"))
        #expect(app.message?.kind == .refusal)
    }
}
