import FilonCore
import Foundation
import GRDB

@testable import FilonTUI

/// A telemarketer's day: four users, and Tina's queue holding one of each kind of entry.
enum Workday {
    static let admin = OperatorUser(id: 1, login: "ada", name: "Ada Lovelace", role: .admin)
    static let tina = OperatorUser(id: 2, login: "tina", name: "Tina Morel", role: .telepro)
    static let theo = OperatorUser(id: 3, login: "theo", name: "Théo Martin", role: .telepro)
    static let sam = OperatorUser(id: 4, login: "sam", name: "Sam Roux", role: .commercial)

    static let eleonore = 900_000_001  // Tina's callback, due this morning
    static let gaelle = 900_000_002  // called before, due again
    static let oeuvre = 900_000_003  // Théo's prospect, a shared callback
    static let studio = 900_000_004  // new, tier A
    static let forge = 900_000_005  // ceased: in nobody's queue
    static let boulangerie = 900_000_006  // new, tier B

    /// The golden companies plus a bakery, with users, owners, tiers and scores, two callbacks
    /// and the daemon's last pass.
    static func companies() -> [TestCompany] {
        var companies = TestData.companies
        let queue: [Int: [String: (any DatabaseValueConvertible)?]] = [
            eleonore: ["tier": "B", "score": 42, "owner_id": 2, "route": "telemarketing"],
            gaelle: [
                "tier": "B", "score": 55, "owner_id": 2, "route": "telemarketing", "call_state": "recycle",
                "next_call_at": "2026-12-01T08:00:00Z", "attempts": 1,
            ],
            oeuvre: ["tier": "C", "score": 20, "owner_id": 3, "route": "telemarketing"],
            studio: ["tier": "A", "score": 80, "owner_id": 2, "route": "telemarketing"],
            forge: ["tier": "C", "score": 0, "owner_id": 2, "route": "none"],
        ]
        for index in companies.indices {
            for (column, value) in queue[companies[index].siren] ?? [:] { companies[index].columns[column] = value }
            companies[index].columns["assigned_at"] = "2026-11-30T08:00:00Z"
        }
        companies.append(
            TestCompany(
                boulangerie,
                [
                    "denomination": "Boulangerie Dupain", "legal_form": "5710", "creation_date": "2025-08-01",
                    "city": "LILLE", "tier": "B", "score": 61, "owner_id": 2, "route": "telemarketing",
                    "assigned_at": "2026-11-30T08:00:00Z",
                ]))
        return companies
    }

    static func insertUsers(into database: AppDatabase) throws {
        try database.writer.write { db in
            for user in [admin, tina, theo, sam] {
                try db.execute(
                    sql: "INSERT INTO user (id, login, name, role, created_at) VALUES (?, ?, ?, ?, 'x')",
                    arguments: [user.id, user.login, user.name, user.role.rawValue])
            }
        }
    }

    static func insertCallbacksAndPass(into database: AppDatabase) throws {
        try database.writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO follow_up (siren, owner_id, due_at, shared, created_by, created_at)
                    VALUES (?, 2, '2026-12-01T08:00:00Z', 0, 2, '2026-11-30T10:00:00Z'),
                           (?, 3, '2026-11-30T08:00:00Z', 1, 3, '2026-11-27T10:00:00Z')
                    """, arguments: [eleonore, oeuvre])
            try db.execute(
                sql: """
                    INSERT INTO activity (siren, user_id, kind, detail, created_at)
                    VALUES (?, 2, 'note', 'Gérante en congés, rappeler mardi', '2026-11-30T10:00:00Z')
                    """, arguments: [eleonore])
            try db.execute(
                sql: """
                    INSERT INTO run (source, kind, started_at, finished_at, status)
                    VALUES ('assignment', 'assign', '2026-12-01T08:04:00Z', '2026-12-01T08:05:00Z', 'ok')
                    """)
        }
    }

    /// An in-memory database holding the day.
    static func database() throws -> AppDatabase {
        let database = try AppDatabase.inMemory()
        try fill(database)
        return database
    }

    static func fill(_ database: AppDatabase) throws {
        try insertUsers(into: database)
        try TestData.insert(companies(), into: database)
        try insertCallbacksAndPass(into: database)
    }

    static func app(
        _ database: AppDatabase, as user: OperatorUser = tina, width: Int = 80, height: Int = 24
    ) -> OperatorApp {
        TestData.app(database, width: width, height: height, session: .user(user))
    }
}

extension AppDatabase {
    /// One value from the database, for checks.
    func value<T: DatabaseValueConvertible>(_ sql: String, _ arguments: StatementArguments = []) throws -> T? {
        try writer.read { try T.fetchOne($0, sql: sql, arguments: arguments) }
    }
}
