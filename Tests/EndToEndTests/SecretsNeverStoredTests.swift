import FilonCore
import Foundation
import GRDB
import TestSupport
import Testing

/// API keys and the SMTP password reach the providers and nothing else: a daemon pass in which
/// every keyed provider answers errors that echo the key back (401, 429, 500, a page that is not
/// JSON) leaves no key in its output, its logs at the most verbose level, the journal, the
/// database file or `filond status`.
@Suite(.serialized) struct SecretsNeverStoredTests {
    /// Distinct and long, so that a hit cannot be a coincidence.
    private static let inFile: [String: String] = [
        "pappers": FakeWeb.pappersKey, "dropcontact": "pk-file-DROPCONTACT-77a1",
        "clearbit": "pk-file-CLEARBIT-0b3e", "sirene_api": "pk-file-INSEE-93c2",
    ]
    private static let inEnvironment: [String: String] = [
        "google_places": FakeWeb.googleKey, "kaspr": "pk-env-KASPR-c210", "societe_com": "pk-env-SOCIETE-6d0f",
        "rne": "rne-user:pk-env-RNE-PASSWORD-12ab",
    ]
    private static let smtpPassword = "pk-file-SMTP-PASSWORD-3f3f"
    private static var secrets: [String] {
        Array(inFile.values) + inEnvironment.values.map { $0.split(separator: ":").last.map(String.init)! }
            + [smtpPassword]
    }

    /// What a careless API does: the request, keys included, copied into the error.
    private static func echo(_ request: FakeRequest, status: Int, headers: [String: String] = [:]) -> FakeResponse {
        let copy =
            request.path + "?" + request.rawQuery + " "
            + request.headers.map { "\($0.key)=\($0.value)" }.joined(separator: " ") + " "
            + String(decoding: request.body, as: UTF8.self)
        let escaped = copy.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "'")
        return .json(#"{"error":"invalid key in request: \#(escaped)"}"#, status: status, headers: headers)
    }

    @Test func aPassFullOfEchoedKeysLeavesNoneBehind() throws {
        let folder = try Binaries.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let db = try Binaries.demoDatabase(in: folder)
        // The companies the stage takes (its own order), each with a director for Dropcontact.
        let companies = try AppDatabase.open(path: db).writer.write { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT siren, name, postal_code, city FROM company
                    WHERE state = 'A' AND NOT (diffusion = 'P' AND legal_form IS '1000')
                    ORDER BY creation_date DESC, siren DESC LIMIT 60
                    """)
            for row in rows {
                try db.execute(
                    sql: """
                        INSERT INTO person (siren, role, last_name, first_names, source, retrieved_at)
                        VALUES (?, 'Gérant', 'MARTIN', 'Claire', 'rne', '2026-11-01T00:00:00Z')
                        """, arguments: [row["siren"] as Int])
            }
            return rows
        }.map {
            FakeWeb.Company(
                siren: Siren.pad($0["siren"] as Int, 9), name: $0["name"] ?? "", postalCode: $0["postal_code"] ?? "",
                city: $0["city"] ?? "")
        }
        let web = FakeWeb(companies: companies)
        let calls = RequestCounter()
        let server = try FakeHTTPServer()
        server.handle { request in
            switch "/" + (request.path.split(separator: "/").first.map(String.init) ?? "") {
            case "/dropcontact", "/insee", "/rne": return Self.echo(request, status: 401)
            case "/kaspr": return Self.echo(request, status: 429, headers: ["Retry-After": "0"])
            case "/clearbit" where calls.next() % 4 == 0: return Self.echo(request, status: 500)
            case "/clearbit": return Self.echo(request, status: 401)
            case "/societe": return .status(200, body: "<html>quota exceeded for \(request.path)</html>")
            case "/pappers" where calls.next() % 3 == 0: return Self.echo(request, status: 500)
            default: return web.respond(request)
            }
        }

        var toml = "[daemon]\nenrich_per_pass = 60\n"
        for id in ["sirene_stock", "bodacc", "recherche_entreprises"] { toml += "[providers.\(id)]\nenabled = false\n" }
        for (id, key) in Self.inFile.sorted(by: { $0.key < $1.key }) {
            toml += "[providers.\(id)]\napi_key = \"\(key)\"\nmin_score = 0\nrate_per_minute = 60000\n"
        }
        for id in ["kaspr", "societe_com", "google_places", "nominatim", "overpass", "website_audit", "rne"] {
            toml += "[providers.\(id)]\nmin_score = 0\nrate_per_minute = 60000\n"
        }
        toml += "[mail]\nurl = \"smtp://127.0.0.1:9\"\nusername = \"lea\"\npassword = \"\(Self.smtpPassword)\"\n"
        toml += "from = \"lea@atelier-martin.fr\"\nsender_name = \"Léa\"\nsender_company = \"Atelier\"\n"
        toml += "sender_address = \"12 rue des Lilas, 69001 Lyon\"\n"
        let config = folder + "/filon.toml"
        try toml.write(toFile: config, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: config)

        var environment = web.environment(server: server)
        for (id, key) in Self.inEnvironment {
            let prefix = "FILON_" + id.uppercased() + "_"
            environment[prefix + "API_KEY"] = key
        }
        for (id, path) in [
            ("dropcontact", "/dropcontact"), ("kaspr", "/kaspr"), ("clearbit", "/clearbit"),
            ("societe_com", "/societe"), ("sirene_api", "/insee"), ("rne", "/rne"),
        ] {
            environment["FILON_" + id.uppercased() + "_BASE_URL"] = server.baseURL + path
        }
        environment["FILON_PAPPERS_API_KEY"] = nil
        environment["FILON_GOOGLE_PLACES_API_KEY"] = Self.inEnvironment["google_places"]
        environment["FILON_LOG_LEVEL"] = "trace"

        let pass = try Binaries.run(
            "filond", ["run", "--once", "--db", db, "--config", config], environment: environment)
        let status = try Binaries.run("filond", ["status", "--db", db, "--config", config], environment: environment)
        let report = try Binaries.run("filon", ["report", "--json", "--db", db], environment: ["USER": "ada"])

        // The keys did reach the providers: otherwise this test would prove nothing.
        // Clearbit's key travels as HTTP Basic's user name: decoded here to be found.
        let sent = server.requests.map { request in
            let basic = request.header("Authorization").flatMap { value -> String? in
                guard value.hasPrefix("Basic ") else { return nil }
                return Data(base64Encoded: String(value.dropFirst(6))).map { String(decoding: $0, as: UTF8.self) }
            }
            return [request.rawQuery, String(decoding: request.body, as: UTF8.self), basic ?? ""]
                + Array(request.headers.values)
        }.flatMap { $0 }.joined(separator: "\n")
        let asked = Set(server.requests.map { "/" + ($0.path.split(separator: "/").first.map(String.init) ?? "") })
        #expect(asked.isSuperset(of: ["/pappers", "/google", "/dropcontact", "/insee", "/rne"]), "\(asked)")
        for key in ["pappers", "google_places", "dropcontact", "sirene_api"] {
            let secret = Self.inFile[key] ?? Self.inEnvironment[key]!
            #expect(sent.contains(secret), "\(key)'s key never reached its server; the pass said: \(pass.stdout)")
        }

        // Nothing a person or a backup could read holds one.
        var places: [(String, String)] = [
            ("filond run's output", pass.stdout + pass.stderr), ("filond status", status.stdout + status.stderr),
            ("filon report", report.stdout + report.stderr),
        ]
        for suffix in ["", "-wal", "-shm"] {
            if let bytes = FileManager.default.contents(atPath: db + suffix) {
                places.append(("the database file\(suffix)", String(decoding: bytes, as: UTF8.self)))
            }
        }
        #expect(!pass.stderr.isEmpty, "the pass logged nothing at the trace level")
        for secret in Self.secrets {
            for (place, text) in places {
                #expect(!text.contains(secret), "\(secret) found in \(place)")
            }
        }
    }
}
