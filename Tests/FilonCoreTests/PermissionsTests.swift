import FilonCore
import Foundation
import GRDB
import Testing

/// The rules hold in the core, whatever a screen shows: a telemarketer cannot reassign, cannot
/// manage users, cannot open the admin screen, and cannot act on another operator's prospect
/// through the card, the call queue or the outbox.
@Suite struct PermissionsTests {
    let db: AppDatabase
    /// Tuesday 2026-12-01, 10:30 in Paris.
    let now = Date(timeIntervalSince1970: 1_796_117_400)
    let tinas = 552_100_554
    let theos = 732_829_320

    init() throws {
        db = try AppDatabase.inMemory()
        try db.writer.write { db in
            for (id, login, role, active) in [
                (1, "ada", "admin", true), (2, "tina", "telepro", true), (3, "theo", "telepro", true),
                (4, "sam", "commercial", true), (5, "old", "admin", false),
            ] {
                try db.execute(
                    sql: "INSERT INTO user (id, login, name, role, active, created_at) VALUES (?, ?, ?, ?, ?, 'x')",
                    arguments: [id, login, login.capitalized, role, active])
            }
            for (siren, owner) in [(tinas, 2), (theos, 3)] {
                try db.execute(
                    sql: "INSERT INTO company (siren, denomination, state, row_hash) VALUES (?, 'X', 'A', 1)",
                    arguments: [siren])
                try db.execute(
                    sql: """
                        INSERT INTO prospect (siren, route, tier, owner_id, created_at, updated_at)
                        VALUES (?, 'telemarketing', 'B', ?, 'x', 'x')
                        """, arguments: [siren, owner])
            }
        }
    }

    /// The dashboard's figures: an operator's own, the team's and anyone's for an admin.
    @Test func aTelemarketerReadsOnlyHerOwnFigures() throws {
        try db.writer.read { (db: Database) throws -> Void in
            #expect(try Permissions.reportScope(viewer: "ada", requested: nil, db) == nil)
            #expect(try Permissions.reportScope(viewer: "ada", requested: "tina", db) == "tina")
            #expect(try Permissions.reportScope(viewer: "tina", requested: nil, db) == "tina")
            #expect(try Permissions.reportScope(viewer: "tina", requested: "tina", db) == "tina")
            #expect(throws: PermissionError.notAdmin(login: "sam", action: "read another user's or the team's figures"))
            {
                try Permissions.reportScope(viewer: "sam", requested: "tina", db)
            }
            #expect(throws: PermissionError.inactive(login: "old")) {
                try Permissions.reportScope(viewer: "old", requested: nil, db)
            }
            #expect(throws: PermissionError.unknownLogin("mallory")) {
                try Permissions.reportScope(viewer: "mallory", requested: nil, db)
            }
        }
    }

    /// Before the team has an admin, one person trying Filon reads everything.
    @Test func withoutAnAdminTheFiguresAreOpen() throws {
        let alone = try AppDatabase.inMemory()
        try alone.writer.read { (db: Database) throws -> Void in
            #expect(try Permissions.reportScope(viewer: "lea", requested: nil, db) == nil)
            #expect(try Permissions.reportScope(viewer: "lea", requested: "tina", db) == "tina")
        }
    }

    @Test func aTelemarketerCannotReassign() throws {
        let reassignment = Reassignment(now: now)
        #expect(throws: PermissionError.notAdmin(login: "tina", action: "reassign prospects")) {
            try db.writer.write { try reassignment.reassign(sirens: [theos], to: 2, by: 2, $0) }
        }
        #expect(throws: PermissionError.notAdmin(login: "tina", action: "reassign prospects")) {
            try db.writer.write { try reassignment.reassignAll(from: 3, to: 2, by: 2, $0) }
        }
        #expect(throws: PermissionError.notAdmin(login: "tina", action: "rebalance the team")) {
            try db.writer.write { try reassignment.rebalance(by: 2, $0) }
        }
        #expect(throws: AssignmentError.notAdmin(2)) {
            try db.writer.write { try AssignmentEngine(now: now).assign(siren: theos, to: 2, by: 2, $0) }
        }
        // A disabled admin is no admin either.
        #expect(throws: PermissionError.inactive(login: "old")) {
            try db.writer.write { try reassignment.reassign(sirens: [theos], to: 2, by: 5, $0) }
        }
        #expect(try owner(theos) == 3)
        #expect(
            PermissionError.notAdmin(login: "tina", action: "reassign prospects").description
                == "only an admin can reassign prospects; tina is not an active admin: ask an admin")
    }

    @Test func aTelemarketerCannotManageUsers() throws {
        let directory = UserDirectory(now: now)
        #expect(throws: PermissionError.notAdmin(login: "tina", action: "add users")) {
            try db.writer.write { try directory.add(login: "eve", name: "Eve", role: .telepro, by: 2, $0) }
        }
        #expect(throws: PermissionError.notAdmin(login: "tina", action: "disable users")) {
            try db.writer.write { try directory.disable(userID: 3, by: 2, $0) }
        }
        #expect(throws: PermissionError.notAdmin(login: "sam", action: "enable users")) {
            try db.writer.write { try directory.enable(userID: 5, by: 4, $0) }
        }
    }

    @Test func onlyAnActiveAdminOpensTheAdminScreen() throws {
        let allowed = try db.writer.read { db in
            try [1, 2, 3, 4, 5, 99].map { try Permissions.canOpenAdminScreen($0, db) }
        }
        #expect(allowed == [true, false, false, false, false, false])
        #expect(throws: PermissionError.unknownUser(99)) { try db.writer.read { try Permissions.requireActor(99, $0) } }
        #expect(try db.writer.read { try Permissions.requireAdmin(1, $0) }.login == "ada")
    }

    @Test func aTelemarketerCannotActOnAnotherOperatorsProspect() throws {
        let refused = ActionError.notYourProspect(owner: "Theo")
        #expect(throws: refused) {
            try db.writer.write { try ProspectActions(userID: 2, now: now).addNote(siren: theos, text: "vu", $0) }
        }
        #expect(throws: refused) {
            try db.writer.write {
                try ProspectActions(userID: 2, now: now).changeStatus(siren: theos, to: .perdu, $0)
            }
        }
        #expect(throws: refused) {
            try db.writer.write {
                try CallQueue(policy: CallingPolicy(), now: now).record(.notInterested, siren: theos, by: 2, $0)
            }
        }
        #expect(throws: refused) {
            try db.writer.write { db in
                try EmailOutbox().queue(
                    siren: theos, userID: 2, to: Mailbox(name: nil, address: try EmailAddress("contact@x.fr")),
                    draft: EmailDraft(subject: "Bonjour", body: "Une idée."), now: now, db)
            }
        }
        #expect(try db.writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM activity") } == 0)
        // Her own prospect, and anyone's for an admin.
        let queue = CallQueue(policy: CallingPolicy(), now: now)
        _ = try db.writer.write { try queue.record(.noAnswer, siren: tinas, by: 2, $0) }
        _ = try db.writer.write { try queue.record(.noAnswer, siren: theos, by: 1, $0) }
    }

    @Test func theQueueMayHandSomeoneElsesProspect() throws {
        let queue = CallQueue(policy: CallingPolicy(), now: now)
        // Reserved for Tina by the queue (a shared callback it served): she records the outcome.
        try db.writer.write { db in
            try db.execute(
                sql: "UPDATE prospect SET reserved_by = 2, reserved_until = ? WHERE siren = ?",
                arguments: [Timestamp.string(now.addingTimeInterval(600)), theos])
        }
        _ = try db.writer.write { try queue.record(.noAnswer, siren: theos, by: 2, $0) }
        // Released by the outcome: a second one is hers no more…
        #expect(throws: ActionError.notYourProspect(owner: "Theo")) {
            _ = try db.writer.write { try queue.record(.noAnswer, siren: theos, by: 2, $0) }
        }
        // …unless a shared callback is pending: anyone of the team may make it.
        try db.writer.write { db in
            try db.execute(
                sql: "INSERT INTO follow_up (siren, owner_id, due_at, shared, created_at) VALUES (?, 3, ?, 1, 'x')",
                arguments: [theos, Timestamp.string(now.addingTimeInterval(3600))])
        }
        _ = try db.writer.write { try queue.record(.noAnswer, siren: theos, by: 2, $0) }
    }

    @Test func aDisabledUserCannotCallAndHasNoQueue() throws {
        try db.writer.write { db in try db.execute(sql: "UPDATE user SET active = 0 WHERE id = 2") }
        let queue = CallQueue(policy: CallingPolicy(), now: now)
        #expect(throws: ActionError.inactiveUser(2)) {
            try db.writer.write { try queue.record(.noAnswer, siren: tinas, by: 2, $0) }
        }
        #expect(try db.writer.read { try queue.items(for: 2, limit: 10, $0) }.isEmpty)
        #expect(throws: PermissionError.inactive(login: "tina")) {
            try db.writer.read { try Permissions.requireActor(2, $0) }
        }
    }

    func owner(_ siren: Int) throws -> Int? {
        try db.writer.read {
            try Int.fetchOne($0, sql: "SELECT owner_id FROM prospect WHERE siren = ?", arguments: [siren])
        }
    }
}
