import Foundation
import GRDB

@testable import FilonCore

/// A small base for the data-quality tests: Ada (admin 1), Tina (telepro 2), Sam (commercial 3).
struct QualityFixture {
    let db: AppDatabase
    /// Tuesday 2026-12-01, 10:30 in Paris: inside the calling hours.
    let now = Date(timeIntervalSince1970: 1_796_117_400)

    init() throws {
        db = try AppDatabase.inMemory()
        try db.writer.write { db in
            for (id, login, role) in [(1, "ada", "admin"), (2, "tina", "telepro"), (3, "sam", "commercial")] {
                try db.execute(
                    sql: "INSERT INTO user (id, login, name, role, created_at) VALUES (?, ?, ?, ?, 'x')",
                    arguments: [id, login, login.capitalized, role])
            }
        }
    }

    /// A company with a name and, optionally, an address and a person's name (sole trader).
    func company(
        _ siren: Int, _ name: String? = nil, postalCode: String? = nil, number: String? = nil, street: String? = nil,
        legalForm: String? = nil, first: String? = nil, last: String? = nil, cityCode: String? = nil,
        state: String = "A", since: String? = nil
    ) throws {
        try db.writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO company (siren, denomination, postal_code, street_number, street_name, city, legal_form,
                      first_name, last_name, city_code, state, state_since, creation_date, row_hash)
                    VALUES (?, ?, ?, ?, ?, 'LYON', ?, ?, ?, ?, ?, ?, '2020-01-01', 1)
                    """,
                arguments: [siren, name, postalCode, number, street, legalForm, first, last, cityCode, state, since])
        }
    }

    /// A workable prospect of `owner`, routed to telemarketing.
    func prospect(
        _ siren: Int, owner: Int? = 2, status: String = "a_contacter", tier: String = "B", score: Int = 50,
        notes: String? = nil
    ) throws {
        try db.writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO prospect (siren, route, tier, score, owner_id, pipeline_status, notes, assigned_at,
                      created_at, updated_at)
                    VALUES (?, 'telemarketing', ?, ?, ?, ?, ?, '2026-11-01T00:00:00Z', 'x', 'x')
                    """, arguments: [siren, tier, score, owner, status, notes])
        }
    }

    func contact(_ siren: Int, _ kind: String, _ value: String, optedOut: Bool = false) throws {
        let normalized =
            kind == "phone"
            ? ContactNormalizer.normalize(value, kind: .phone) : ContactNormalizer.normalize(value, kind: .email)
        try db.writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO contact_point (siren, kind, value, normalized, source, retrieved_at, opted_out)
                    VALUES (?, ?, ?, ?, 'test', 'x', ?)
                    """, arguments: [siren, kind, value, normalized, optedOut])
        }
    }

    /// Every row of `table` as text, in key order: what "exactly as before" compares.
    func dump(_ table: String, where condition: String = "1") throws -> [String] {
        try db.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM \(table) WHERE \(condition) ORDER BY 1").map { $0.description }
        }
    }
}
