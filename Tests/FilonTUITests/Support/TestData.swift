import FilonCore
import Foundation
import GRDB

@testable import FilonTUI

/// A company row for tests, inserted with plain SQL so that the tests do not depend on the importer.
struct TestCompany {
    var siren: Int
    var columns: [String: (any DatabaseValueConvertible)?]

    init(_ siren: Int, _ columns: [String: (any DatabaseValueConvertible)?]) {
        self.siren = siren
        self.columns = columns
    }
}

enum TestData {
    /// The five companies of the golden screens, newest first.
    static var companies: [TestCompany] {
        [
            TestCompany(
                900_000_001,
                [
                    "denomination": "Atelier Éléonore", "legal_form": "5499", "creation_date": "2025-11-20",
                    "head_office_nic": "00012", "street_number": "12", "street_type": "RUE",
                    "street_name": "DE LA RÉPUBLIQUE", "postal_code": "69003", "city": "LYON 3",
                    "naf_code": "62.01Z",
                    "size_band": "11", "website": "atelier-eleonore.fr", "notes": "Rappeler après 14 h",
                    "score": 42,
                ]),
            TestCompany(
                900_000_002,
                [
                    "first_name": "Gaëlle", "last_name": "MARTIN", "legal_form": "1000",
                    "creation_date": "2025-11-18",
                    "postal_code": "44000", "city": "NANTES", "pipeline_status": "a_contacter",
                ]),
            TestCompany(
                900_000_003,
                [
                    "denomination": "Œuvre Commune", "legal_form": "9220", "creation_date": "2025-10-02",
                    "city": "PARIS 11",
                    "pipeline_status": "contacte", "diffusion": "P",
                ]),
            TestCompany(
                900_000_004,
                [
                    "denomination": "作 Studio", "creation_date": "2025-09-15", "city": "MARSEILLE",
                    "pipeline_status": "interesse",
                ]
            ),
            TestCompany(
                900_000_005,
                [
                    "denomination": "Vieille Forge", "creation_date": "1998-05-04", "state": "C",
                    "state_since": "2020-01-01",
                    "city": "SAINT-ÉTIENNE", "pipeline_status": "perdu",
                ]),
        ]
    }

    /// Inserts companies with plain SQL. Each column goes to the table that has it (company, prospect
    /// or web_presence), so the helper follows the schema; all come from one import run.
    static func insert(_ companies: [TestCompany], into database: AppDatabase) throws {
        try database.writer.write { db in
            func columns(_ table: String) throws -> Set<String> {
                Set(
                    try Row.fetchAll(db, sql: "SELECT name FROM pragma_table_xinfo(?)", arguments: [table])
                        .map { $0["name"] })
            }
            func insertRow(_ table: String, _ values: [String: (any DatabaseValueConvertible)?]) throws {
                let names = values.keys.sorted()
                try db.execute(
                    sql: """
                        INSERT INTO \(table) (\(names.joined(separator: ", ")))
                        VALUES (\(names.map { _ in "?" }.joined(separator: ", ")))
                        """,
                    arguments: StatementArguments(names.map { values[$0]! }))
            }
            let stamp = "2025-11-21T08:00:00Z"
            let tables = ["company", "prospect", "web_presence"]
            let known = try Dictionary(uniqueKeysWithValues: tables.map { ($0, try columns($0)) })
            let runID = 1
            try db.execute(
                sql: """
                    INSERT OR IGNORE INTO run (id, source, kind, started_at, finished_at, status)
                    VALUES (?, 'sirene_stock', 'import', ?, ?, 'ok')
                    """, arguments: [runID, stamp, stamp])
            for company in companies {
                var rows: [String: [String: (any DatabaseValueConvertible)?]] = [:]
                for (name, value) in company.columns {
                    guard let table = tables.first(where: { known[$0]!.contains(name) }) else {
                        throw DatabaseError(message: "no table has a column \(name)")
                    }
                    rows[table, default: [:]][name] = value
                }
                var row = rows["company"] ?? [:]
                row["siren"] = company.siren
                row["row_hash"] = company.siren
                if known["company"]!.contains("first_run_id") { row["first_run_id"] = runID }
                if known["company"]!.contains("imported_at") { row["imported_at"] = stamp }
                if known["company"]!.contains("updated_at") { row["updated_at"] = stamp }
                try insertRow("company", row)
                for table in ["prospect", "web_presence"] {
                    guard var extra = rows[table] else { continue }
                    extra["siren"] = company.siren
                    if known[table]!.contains("created_at") { extra["created_at"] = stamp }
                    extra["updated_at"] = stamp
                    try insertRow(table, extra)
                }
            }
            // The first company's director and phone.
            if companies.contains(where: { $0.siren == 900_000_001 }) {
                try db.execute(
                    sql: """
                        INSERT INTO person (siren, role, last_name, first_names, source, retrieved_at)
                        VALUES (900000001, 'Gérante', 'DURAND', 'Éléonore', 'rne', ?)
                        """, arguments: [stamp])
                try db.execute(
                    sql: """
                        INSERT INTO contact_point (siren, kind, value, normalized, source, retrieved_at)
                        VALUES (900000001, 'phone', '04 78 00 00 00', '+33478000000', 'google_places', ?)
                        """, arguments: [stamp])
            }
        }
    }

    /// An in-memory database holding `companies`.
    static func database(_ companies: [TestCompany] = TestData.companies) throws -> AppDatabase {
        let database = try AppDatabase.inMemory()
        try insert(companies, into: database)
        return database
    }

    /// `count` plain companies, the first one the newest.
    static func many(_ count: Int, startingAt siren: Int = 800_000_000) -> [TestCompany] {
        (0..<count).map { i in
            let day = 1 + i % 28
            let month = 12 - (i / 28) % 12
            let year = 2025 - i / (28 * 12)
            let date = String(format: "%04d-%02d-%02d", year, month, 28 - day + 1)
            return TestCompany(
                siren + i, ["denomination": "Company \(i)", "creation_date": date, "city": "PARIS"])
        }
    }

    /// The screen as someone who is not a CRM user: the newest companies, read-only.
    static func app(
        _ database: AppDatabase, width: Int = 80, height: Int = 24, pageSize: Int = 200,
        mode: LoaderMode = .inline, session: OperatorSession = .unknown(login: "alice")
    ) -> OperatorApp {
        OperatorApp(
            database: database, databaseName: "test.sqlite", session: session,
            size: TerminalSize(width: width, height: height), mode: mode, pageSize: pageSize,
            clock: { TestData.tuesday })
    }

    /// Tuesday 1 December 2026, 10:30 in Paris: inside every calling window.
    static let tuesday = Date(timeIntervalSince1970: 1_796_117_400)

    /// A fresh temporary folder.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "filon-tui-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The repository's root folder (for `themes/`).
    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
    }
}

extension OperatorApp {
    func press(_ keys: Key...) {
        for key in keys { handle(.key(key)) }
    }

    func press(_ text: String) {
        for character in text { handle(.key(.character(character))) }
    }
}

extension CellGrid {
    /// The row whose text contains `text`.
    func row(containing text: String) -> Int? {
        (0..<size.height).first { line($0).contains(text) }
    }
}
