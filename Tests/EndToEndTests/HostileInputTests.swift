import FilonCore
import Foundation
import GRDB
import Testing

/// Names written to hurt: SQL that would close a string literal, FTS5 syntax, and terminal escape
/// sequences, coming in through the Sirene stock file and through the command line. SQL takes
/// every value as a bound parameter, so each name is stored as written and nothing else changes;
/// nothing a command prints can drive the operator's terminal.
@Suite(.serialized) struct HostileInputTests {
    static let sqlName = "Robert'); DROP TABLE company;--"
    static let quotedName = #"BOULANGERIE "1"="1" OR 1=1; DELETE FROM prospect; % _ \ *"#
    /// Sets the window title, clears the screen, and paints red, on a terminal that obeys.
    static let escapeName = "\u{1b}]0;owned\u{07}\u{1b}[2J\u{1b}[31mGARAGE\u{9b}1mDU PONT"

    private static func sirens(count: Int) -> [Int] {
        (0..<count).map { index in
            (0...9).map { 991_000_000 + index * 10 + $0 }.first { Siren.isValid(Siren.pad($0, 9)) }!
        }
    }

    /// A line of the demo's unit file with another SIREN and name, quoted as CSV wants.
    private static func unitLine(_ template: [String], header: [String], siren: Int, name: String) -> String {
        var fields = template
        fields[header.firstIndex(of: "siren")!] = Siren.pad(siren, 9)
        fields[header.firstIndex(of: "denominationUniteLegale")!] = name
        return fields.map { field in
            field.contains(where: { ",\"\n\r".contains($0) })
                ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
        }.joined(separator: ",")
    }

    @Test func hostileNamesAreStoredAsWrittenAndNeverReachTheTerminal() throws {
        let folder = try Binaries.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let db = try Binaries.demoDatabase(in: folder)
        func counts() throws -> [String: Int] {
            try AppDatabase.open(path: db).writer.read { db in
                try Dictionary(
                    uniqueKeysWithValues: ["company", "establishment", "prospect", "person", "user"].map {
                        ($0, try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \($0)")!)
                    })
            }
        }
        let before = try counts()

        // In through the stock file.
        let demo = try String(contentsOfFile: "Fixtures/demo/StockUniteLegale_demo.csv", encoding: .utf8)
        let lines = demo.split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let template = lines[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let names = [Self.sqlName, Self.quotedName, Self.escapeName]
        let sirens = Self.sirens(count: names.count)
        let file = folder + "/StockUniteLegale_hostile.csv"
        try ([lines[0]] + zip(sirens, names).map { Self.unitLine(template, header: header, siren: $0, name: $1) })
            .joined(separator: "\n").appending("\n").write(toFile: file, atomically: true, encoding: .utf8)
        let load = try Binaries.run("filond", ["import", "sirene", "--db", db, file])
        #expect(load.status == 0, "\(load.stderr)")
        #expect(try Binaries.run("filond", ["index", "--db", db]).status == 0)

        // In through the command line: a team whose names are attacks too.
        // Calling hours all day, every day: the queue lists the prospects whenever the test runs.
        let config = folder + "/filon.toml"
        try "[calling]\ncompany_hours = [\"Mo-Su 00:00-23:59\"]\nskip_public_holidays = false\n".write(
            toFile: config, atomically: true, encoding: .utf8)
        let asAda = ["USER": "ada", "FILON_CONFIG": config]
        for (login, role, name) in [("ada", "admin", "Ada"), ("tina", "telepro", Self.sqlName)] {
            let added = try Binaries.run(
                "filon", ["users", "add", login, "--role", role, "--name", name, "--db", db], environment: asAda)
            #expect(added.status == 0, "\(added.stderr)")
        }
        let refusedLogin = try Binaries.run(
            "filon", ["users", "add", "x'); DROP TABLE user;--", "--role", "telepro", "--db", db], environment: asAda)
        #expect(refusedLogin.status != 0 && refusedLogin.stderr.contains("login"), "\(refusedLogin.stderr)")
        // A name with escape sequences is refused, and the refusal that quotes it is cleaned.
        let refusedName = try Binaries.run(
            "filon", ["users", "add", "theo", "--role", "telepro", "--name", Self.escapeName, "--db", db],
            environment: asAda)
        #expect(refusedName.status != 0, "\(refusedName.stdout)")
        try AppDatabase.open(path: db).writer.write { db in
            for siren in sirens {
                try db.execute(
                    sql: """
                        INSERT INTO prospect (siren, tier, score, route, owner_id, assigned_at, created_at, updated_at)
                        VALUES (?, 'A', 90, 'telemarketing', (SELECT id FROM user WHERE login = 'tina'),
                                '2026-01-01T08:00:00Z', 'x', 'x')
                        """, arguments: [siren])
            }
        }
        let asTina = ["USER": "tina", "FILON_CONFIG": config]
        // Her queue, before the calls take the three out of it, shows the names.
        let queue = try Binaries.run("filon", ["queue", "--db", db], environment: asTina)
        for siren in sirens {
            let call = try Binaries.run(
                "filon", ["call", String(siren), "no_answer", "--db", db], environment: asTina)
            #expect(call.status == 0, "\(call.stderr)")
        }

        // Stored as written, and nothing else touched.
        let stored = try AppDatabase.open(path: db).writer.read { db in
            try Dictionary(
                uniqueKeysWithValues: Row.fetchAll(
                    db, sql: "SELECT siren, denomination FROM company WHERE siren >= 991000000"
                ).map { ($0["siren"] as Int, $0["denomination"] as String?) })
        }
        #expect(stored[sirens[0]] == Self.sqlName)
        #expect(stored[sirens[1]] == Self.quotedName)
        let tinaName = try AppDatabase.open(path: db).writer.read {
            try String.fetchOne($0, sql: "SELECT name FROM user WHERE login = 'tina'")
        }
        #expect(tinaName == Self.sqlName)
        var expected = before
        expected["company"]! += names.count
        expected["prospect"]! += names.count
        expected["user"]! += 2
        #expect(try counts() == expected)

        // Hostile lookups find nothing and say so.
        let report = try Binaries.run(
            "filon", ["report", "--user", "' OR '1'='1", "--db", db], environment: asAda)
        #expect(report.status != 0 && !report.stderr.isEmpty, "\(report.stdout)")
        let export = try Binaries.run(
            "filon", ["gdpr", "export", "--siren", String(sirens[0]), "--name", "x' OR 1=1 --", "--db", db],
            environment: asAda)
        #expect(!export.stdout.contains("MARTIN"), "\(export.stdout)")

        // What the commands print, for Ada and for Tina, holds no control character.
        var outputs: [(String, Binaries.Result)] = [("users add's refusal", refusedName)]
        for siren in sirens {
            outputs.append(
                ("history", try Binaries.run("filon", ["history", String(siren), "--db", db], environment: asAda)))
        }
        outputs.append(("queue", queue))
        outputs.append(("report", try Binaries.run("filon", ["report", "--db", db], environment: asAda)))
        outputs.append(("users list", try Binaries.run("filon", ["users", "list", "--db", db], environment: asAda)))
        outputs.append(("duplicates", try Binaries.run("filon", ["duplicates", "--db", db], environment: asAda)))
        outputs.append(("status", try Binaries.run("filond", ["status", "--db", db], environment: asAda)))
        for (command, result) in outputs {
            #expect(result.status == 0 || command == "users add's refusal", "\(command): \(result.stderr)")
            let controls = (result.stdout + result.stderr).unicodeScalars.filter {
                ($0.value < 0x20 && $0.value != 0x0A && $0.value != 0x09) || (0x7F...0x9F).contains($0.value)
            }
            #expect(controls.isEmpty, "\(command) printed control characters: \(controls.map { $0.value })")
        }
        #expect(queue.stdout.contains("GARAGEDU PONT"), "the name is shown, cleaned: \(queue.stdout)")

        let check = try AppDatabase.open(path: db).writer.read {
            try String.fetchAll($0, sql: "PRAGMA integrity_check")
        }
        #expect(check == ["ok"])
    }
}
