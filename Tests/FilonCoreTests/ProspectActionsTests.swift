import FilonCore
import Foundation
import GRDB
import Testing

/// Card actions: recorded with user and time, refused with a reason when they must be.
@Suite struct ProspectActionsTests {
    let db: AppDatabase
    let now = Date(timeIntervalSince1970: 1_796_117_400)

    init() throws {
        db = try AppDatabase.inMemory()
        try db.writer.write { db in
            for (id, login, role) in [(1, "admin", "admin"), (2, "tina", "telepro"), (3, "theo", "telepro")] {
                try db.execute(
                    sql: "INSERT INTO user (id, login, name, role, created_at) VALUES (?, ?, ?, ?, 'x')",
                    arguments: [id, login, login.capitalized, role])
            }
            try db.execute(sql: "INSERT INTO company (siren, denomination, row_hash) VALUES (552100554, 'ALPHA', 1)")
            try db.execute(
                sql: "INSERT INTO prospect (siren, owner_id, created_at, updated_at) VALUES (552100554, 2, 'x', 'x')")
        }
    }

    func act(_ user: Int, _ body: (ProspectActions, Database) throws -> Void) throws {
        try db.writer.write { try body(ProspectActions(userID: user, now: now), $0) }
    }

    @Test func theOwnerActsAndEveryActionIsJournaled() throws {
        try act(2) { try $0.addNote(siren: 552_100_554, text: "Rappeler après 14 h", $1) }
        try act(2) { try $0.scheduleFollowUp(siren: 552_100_554, at: now.addingTimeInterval(86_400), $1) }
        try act(2) { try $0.changeStatus(siren: 552_100_554, to: .interesse, $1) }
        let journal = try db.writer.read {
            try Row.fetchAll($0, sql: "SELECT user_id, kind, created_at FROM activity ORDER BY id")
        }
        #expect(journal.map { $0["kind"] as String } == ["note", "follow_up", "status_change"])
        #expect(
            journal.allSatisfy { ($0["user_id"] as Int) == 2 && ($0["created_at"] as String) == "2026-12-01T09:30:00Z" }
        )
        #expect(try db.card(siren: 552_100_554)?.status == .interesse)
        #expect(try db.card(siren: 552_100_554)?.notes == "Rappeler après 14 h")
    }

    @Test func refusalsSayWhy() throws {
        #expect(throws: ActionError.notYourProspect(owner: "Tina")) {
            try act(3) { try $0.addNote(siren: 552_100_554, text: "x", $1) }
        }
        // An admin may.
        try act(1) { try $0.addNote(siren: 552_100_554, text: "vu", $1) }
        try act(2) { try $0.markDoNotContact(siren: 552_100_554, reason: "demande au téléphone", $1) }
        #expect(throws: ActionError.doNotContact(552_100_554)) {
            try act(2) { try $0.scheduleFollowUp(siren: 552_100_554, at: now.addingTimeInterval(3600), $1) }
        }
        try act(2) { try $0.addNote(siren: 552_100_554, text: "ne plus appeler, client d'un concurrent", $1) }
        #expect(throws: ActionError.followUpInThePast("2026-12-01T08:30:00Z")) {
            try act(1) { try $0.scheduleFollowUp(siren: 552_100_554, at: now.addingTimeInterval(-3600), $1) }
        }
    }

    @Test func aChangeMadeMeanwhileIsNeverOverwritten() throws {
        let version = try db.writer.read { try Int.fetchOne($0, sql: "SELECT version FROM prospect")! }
        try act(2) { try $0.changeStatus(siren: 552_100_554, to: .contacte, expectedVersion: version, $1) }
        // A second screen still holds the old version.
        #expect(throws: ActionError.changedMeanwhile(552_100_554)) {
            try act(2) { try $0.changeStatus(siren: 552_100_554, to: .perdu, expectedVersion: version, $1) }
        }
        #expect(try db.card(siren: 552_100_554)?.status == .contacte)
    }
}
