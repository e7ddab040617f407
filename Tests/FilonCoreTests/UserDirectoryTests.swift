import FilonCore
import Foundation
import GRDB
import Testing

/// The team: the first admin, logins that match OS logins, every change by an admin and in the
/// audit log, the load and the day's work of each user.
@Suite struct UserDirectoryTests {
    let db: AppDatabase
    /// Tuesday 2026-12-01, 10:30 in Paris (09:30 UTC).
    let now = Date(timeIntervalSince1970: 1_796_117_400)
    var directory: UserDirectory { UserDirectory(now: now) }

    init() throws {
        db = try AppDatabase.inMemory()
    }

    /// Ada (admin, id 1), Tina and Théo (telepro), Sam (commercial).
    func team() throws {
        try db.writer.write { db in
            try directory.add(login: "ada", name: "Ada Admin", role: .admin, by: nil, db)
            try directory.add(login: "tina", name: "Tina Morel", role: .telepro, by: 1, db)
            try directory.add(login: "theo", name: "Théo Martin", role: .telepro, capacity: 50, by: 1, db)
            try directory.add(login: "sam", name: "Sam Roux", role: .commercial, by: 1, db)
        }
    }

    func audit() throws -> [String] {
        try db.writer.read {
            try Row.fetchAll($0, sql: "SELECT actor, action, target, detail FROM audit_log ORDER BY id").map {
                [$0["actor"], $0["action"], $0["target"], $0["detail"]].compactMap { $0 as String? }
                    .joined(separator: " ")
            }
        }
    }

    @Test func theFirstAdminNeedsNobodyThenEveryAddNeedsAnAdmin() throws {
        #expect(throws: UserError.firstUserMustBeAdmin(login: "tina")) {
            try db.writer.write { try directory.add(login: "tina", name: "Tina", role: .telepro, by: nil, $0) }
        }
        let ada = try db.writer.write { try directory.add(login: "ada", name: "Ada Admin", role: .admin, by: nil, $0) }
        #expect(ada == CRMUser(id: 1, login: "ada", name: "Ada Admin", role: .admin))
        // Now an admin must act.
        #expect(throws: PermissionError.noActor(action: "add users")) {
            try db.writer.write { try directory.add(login: "eve", name: "Eve", role: .admin, by: nil, $0) }
        }
        let tina = try db.writer.write { try directory.add(login: "tina", name: "Tina", role: .telepro, by: 1, $0) }
        #expect(throws: PermissionError.notAdmin(login: "tina", action: "add users")) {
            try db.writer.write { try directory.add(login: "eve", name: "Eve", role: .admin, by: tina.id, $0) }
        }
        #expect(
            try audit() == [
                "ada user_added ada admin, capacity 100, first admin", "ada user_added tina telepro, capacity 100",
            ])
    }

    @Test(arguments: ["t", "Tina", "tina morel", "tïna", String(repeating: "a", count: 33), "tina;rm", ""])
    func loginsThatAreNoOSLoginAreRefused(login: String) throws {
        try team()
        #expect(throws: UserError.invalidLogin(login)) {
            try db.writer.write { try directory.add(login: login, name: "X", role: .telepro, by: 1, $0) }
        }
    }

    @Test func validLoginsNamesAndCapacities() throws {
        try team()
        for login in ["j.dupont", "m_martin-2", "ab", String(repeating: "z", count: 32)] {
            #expect(UserDirectory.isValidLogin(login))
        }
        #expect(throws: UserError.loginTaken("tina")) {
            try db.writer.write { try directory.add(login: "tina", name: "Autre Tina", role: .telepro, by: 1, $0) }
        }
        #expect(throws: UserError.negativeCapacity(-1)) {
            try db.writer.write {
                try directory.add(login: "neg", name: "Neg", role: .telepro, capacity: -1, by: 1, $0)
            }
        }
        #expect(throws: UserError.invalidName("")) {
            try db.writer.write { try directory.add(login: "blank", name: "  ", role: .telepro, by: 1, $0) }
        }
        #expect(throws: UserError.invalidName("Eve\u{1B}[2J")) {
            try db.writer.write { try directory.add(login: "esc", name: "Eve\u{1B}[2J", role: .telepro, by: 1, $0) }
        }
        #expect(
            UserError.invalidLogin("Tina").description
                == "the login \"Tina\" is not valid: use 2 to 32 lower-case letters, digits, '.', '_' or '-' "
                + "(the person's OS login, like tina or j.dupont)")
    }

    @Test func theListShowsLoadCapacityAndTodaysWorkInParisTime() throws {
        try team()
        try db.writer.write { db in
            for siren in 1...4 {
                try db.execute(
                    sql: "INSERT INTO company (siren, denomination, state, row_hash) VALUES (?, 'X', 'A', 1)",
                    arguments: [siren])
                // Tina holds three open prospects and a client (not load).
                try db.execute(
                    sql: """
                        INSERT INTO prospect (siren, route, owner_id, pipeline_status, created_at, updated_at)
                        VALUES (?, 'telemarketing', 2, ?, 'x', 'x')
                        """, arguments: [siren, siren == 4 ? "client" : "nouveau"])
            }
            // Midnight in Paris is 23:00 UTC the day before (winter time).
            for (kind, new, at) in [
                ("call", nil, "2026-11-30T23:30:00Z"), ("call", nil, "2026-12-01T08:00:00Z"),
                ("call", nil, "2026-11-30T22:59:59Z"), ("note", nil, "2026-12-01T09:00:00Z"),
                ("email", "queued", "2026-12-01T09:10:00Z"), ("email", "sent", "2026-12-01T09:11:00Z"),
            ] as [(String, String?, String)] {
                try db.execute(
                    sql: "INSERT INTO activity (siren, user_id, kind, new_value, created_at) VALUES (1, 2, ?, ?, ?)",
                    arguments: [kind, new, at])
            }
            try db.execute(sql: "UPDATE user SET absent_until = '2026-12-03T00:00:00Z' WHERE login = 'theo'")
        }
        #expect(directory.startOfToday == Timestamp.date("2026-11-30T23:00:00Z"))
        let list = try db.writer.read { try directory.list($0) }
        #expect(list.map(\.user.login) == ["ada", "sam", "theo", "tina"])
        let tina = try #require(list.last)
        #expect(
            tina
                == UserWorkload(
                    user: CRMUser(id: 2, login: "tina", name: "Tina Morel", role: .telepro), load: 3, callsToday: 2,
                    emailsToday: 1, notesToday: 1))
        let theo = try #require(list.first { $0.user.login == "theo" })
        #expect(theo.user.capacity == 50 && theo.user.isAbsent(at: now))
        #expect(theo.user.absentUntil == Timestamp.date("2026-12-03T00:00:00Z"))
    }

    @Test func disablingGivesTheProspectsAwayAndTheLastAdminStays() throws {
        try team()
        try db.writer.write { db in
            for siren in 1...3 {
                try db.execute(
                    sql: "INSERT INTO company (siren, denomination, state, row_hash) VALUES (?, 'X', 'A', 1)",
                    arguments: [siren])
                try db.execute(
                    sql: """
                        INSERT INTO prospect (siren, route, tier, owner_id, created_at, updated_at)
                        VALUES (?, 'telemarketing', 'B', 2, 'x', 'x')
                        """, arguments: [siren])
            }
        }
        #expect(throws: PermissionError.notAdmin(login: "theo", action: "disable users")) {
            try db.writer.write { try directory.disable(userID: 2, by: 3, $0) }
        }
        let summary = try db.writer.write { try directory.disable(userID: 2, by: 1, $0) }
        #expect(summary.assigned == 3 && summary.byUser == ["theo": 3])
        // Again: nothing to do, nothing written.
        #expect(try db.writer.write { try directory.disable(userID: 2, by: 1, $0) } == AssignmentSummary())
        #expect(throws: UserError.lastAdmin(login: "ada")) {
            try db.writer.write { try directory.disable(userID: 1, by: 1, $0) }
        }
        #expect(throws: UserError.unknownUser(99)) {
            try db.writer.write { try directory.disable(userID: 99, by: 1, $0) }
        }
        #expect(try db.writer.write { try directory.enable(userID: 2, by: 1, $0) })
        #expect(try !db.writer.write { try directory.enable(userID: 2, by: 1, $0) })
        try db.writer.write { try directory.setCapacity(userID: 2, to: 40, by: 1, $0) }
        #expect(throws: UserError.negativeCapacity(-5)) {
            try db.writer.write { try directory.setCapacity(userID: 2, to: -5, by: 1, $0) }
        }
        #expect(throws: PermissionError.notAdmin(login: "tina", action: "change capacities")) {
            try db.writer.write { try directory.setCapacity(userID: 2, to: 400, by: 2, $0) }
        }
        #expect(try db.writer.read { try directory.user(login: "tina", $0) }?.capacity == 40)
        #expect(
            try audit().suffix(3) == [
                "ada user_disabled tina", "ada user_enabled tina", "ada user_capacity tina 100 → 40",
            ])
    }

    @Test func aSecondAdminMayDisableTheFirst() throws {
        try team()
        try db.writer.write { db in
            let eve = try directory.add(login: "eve", name: "Eve", role: .admin, by: 1, db)
            _ = try directory.disable(userID: 1, by: eve.id, db)
        }
        #expect(try db.writer.read { try directory.user(id: 1, $0) }?.active == false)
        // A disabled admin is no admin.
        #expect(throws: PermissionError.inactive(login: "ada")) {
            try db.writer.write { try directory.enable(userID: 1, by: 1, $0) }
        }
    }
}
