import Foundation
import GRDB
import Testing

@testable import FilonCore

/// Merging two records: fields chosen one by one, everything moved, journalled, undone exactly,
/// refused when it makes no sense or the user is no admin.
@Suite struct RecordMergeTests {
    let base: QualityFixture
    var merge: RecordMerge { RecordMerge(now: base.now) }

    /// 100 (winner: Tina's, interested, tier A) and 200 (loser: Sam's, to call, tier C), each
    /// with history, a follow-up, contact points (one shared) and an email.
    init() throws {
        base = try QualityFixture()
        try base.company(100, "Dupont SARL")
        try base.company(200, "Dupont SAS")
        try base.prospect(100, owner: 2, status: "interesse", tier: "A", score: 80, notes: "Call after 2 pm")
        try base.prospect(200, owner: 3, status: "a_contacter", tier: "C", score: 30, notes: "Speaks to Marie")
        try base.contact(100, "phone", "0472000001")
        try base.contact(200, "phone", "04 72 00 00 01", optedOut: true)
        try base.contact(200, "email", "marie@dupont.fr")
        try base.db.writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO activity (siren, user_id, kind, detail, created_at) VALUES
                      (100, 2, 'note', 'winner note', '2026-11-20T10:00:00Z'),
                      (200, 3, 'call', 'loser call', '2026-11-25T10:00:00Z');
                    INSERT INTO follow_up (siren, owner_id, due_at, created_by, created_at)
                      VALUES (200, 3, '2026-12-02T09:00:00Z', 3, 'x');
                    INSERT INTO email_outbox (siren, user_id, to_address, subject, body, next_attempt_at, created_at)
                      VALUES (200, 3, 'marie@dupont.fr', 'Bonjour', 'Texte', 'x', 'x');
                    INSERT INTO privacy_notice (siren, channel, notice_version, notified_at)
                      VALUES (200, 'email', '1', '2026-11-25T10:00:00Z');
                    UPDATE prospect SET last_inbound_contact_at = '2026-11-25T10:00:00Z' WHERE siren = 200;
                    """)
            try SuppressionList(now: base.now).add(.siren, "200", reason: "objection", by: 1, db)
        }
    }

    /// The rows a merge may touch, all of them.
    func state() throws -> [String] {
        try ["prospect", "contact_point", "follow_up", "email_outbox", "suppression", "privacy_notice"].flatMap {
            try base.dump($0)
        }
            + base.dump("activity", where: "kind != 'merge'")
    }

    @Test func fieldsChosenOneByOne() throws {
        let plan = try base.db.writer.write {
            try merge.merge(loser: 200, into: 100, choices: [.owner: .loser, .tier: .loser], by: 1, $0)
        }
        #expect(plan.mergeID == 1)
        let row = try base.db.writer.read {
            try Row.fetchOne(
                $0,
                sql:
                    "SELECT pipeline_status, owner_id, tier, score, notes, do_not_contact FROM prospect WHERE siren = 100"
            )
        }
        #expect(row?["pipeline_status"] as String? == "interesse")
        #expect(row?["owner_id"] as Int? == 3 && row?["tier"] as String? == "C" && row?["score"] as Int? == 80)
        #expect(row?["notes"] as String? == "Call after 2 pm\n\nSpeaks to Marie")
        // The loser's objection holds for the winner.
        #expect(row?["do_not_contact"] as Bool? == true)
    }

    @Test func everythingMovesAndTheLoserIsArchived() throws {
        try base.db.writer.write { _ = try merge.merge(loser: 200, into: 100, by: 1, $0) }
        try base.db.writer.read { db in
            #expect(
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM activity WHERE siren = 200 AND kind != 'merge'") == 0)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM follow_up WHERE siren = 100") == 1)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM email_outbox WHERE siren = 100") == 1)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM privacy_notice WHERE siren = 100") == 1)
            #expect(
                try String.fetchOne(db, sql: "SELECT last_inbound_contact_at FROM prospect WHERE siren = 100")
                    == "2026-11-25T10:00:00Z")
            // The shared phone is one contact point, opted out as the loser's was.
            let contacts = try Row.fetchAll(
                db, sql: "SELECT siren, kind, opted_out FROM contact_point ORDER BY kind"
            ).map {
                "\($0["siren"] as Int) \($0["kind"] as String) \($0["opted_out"] as Int)"
            }
            #expect(contacts == ["100 email 0", "100 phone 1"])
            let loser = try Row.fetchOne(db, sql: "SELECT archived_at, merged_into FROM prospect WHERE siren = 200")
            #expect(loser?["archived_at"] as String? == "2026-12-01T09:30:00Z" && loser?["merged_into"] as Int? == 100)
            #expect(try SuppressionList.contains(siren: 100, db))
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM activity WHERE kind = 'merge'") == 2)
            #expect(try String.fetchOne(db, sql: "SELECT action FROM audit_log WHERE action = 'merge'") == "merge")
        }
    }

    @Test func undoRestoresTheExactRows() throws {
        // Without the objection, which outlives an undo (below).
        try base.db.writer.write { db in
            try db.execute(sql: "DELETE FROM suppression; UPDATE prospect SET do_not_contact = 0, call_state = 'fresh'")
            try db.execute(sql: "UPDATE contact_point SET opted_out = 0")
        }
        let before = try state()
        let plan = try base.db.writer.write {
            try merge.merge(loser: 200, into: 100, choices: [.status: .loser, .tier: .loser], by: 1, $0)
        }
        #expect(try state() != before)
        try base.db.writer.write { try merge.undo(mergeID: plan.mergeID!, by: 1, $0) }
        #expect(try state() == before)
        #expect(throws: RecordMergeError.alreadyUndone(1)) {
            try base.db.writer.write { try merge.undo(mergeID: 1, by: 1, $0) }
        }
        // Both timelines say what happened.
        #expect(try base.dump("activity", where: "kind = 'merge'").count == 4)
    }

    @Test func objectionsOutliveAnUndo() throws {
        let plan = try base.db.writer.write { try merge.merge(loser: 200, into: 100, by: 1, $0) }
        try base.db.writer.write { try merge.undo(mergeID: plan.mergeID!, by: 1, $0) }
        try base.db.writer.read { db throws in
            #expect(try SuppressionList.contains(siren: 100, db))
            #expect(try Bool.fetchOne(db, sql: "SELECT do_not_contact FROM prospect WHERE siren = 100") == true)
            // The shared phone is back on both cards, opted out on both.
            #expect(try Int.fetchAll(db, sql: "SELECT opted_out FROM contact_point WHERE kind = 'phone'") == [1, 1])
            // Everything else is back: the loser's card and rows, the winner's fields.
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM contact_point WHERE siren = 200") == 2)
            #expect(try String.fetchOne(db, sql: "SELECT notes FROM prospect WHERE siren = 100") == "Call after 2 pm")
            #expect(try String.fetchOne(db, sql: "SELECT archived_at FROM prospect WHERE siren = 200") == nil)
        }
    }

    @Test func undoRefusedWhenARecordChangedSince() throws {
        let plan = try base.db.writer.write { try merge.merge(loser: 200, into: 100, by: 1, $0) }
        try base.db.writer.write { try $0.execute(sql: "UPDATE prospect SET version = version + 1 WHERE siren = 100") }
        #expect(throws: RecordMergeError.changedSinceMerge(mergeID: 1, siren: 100)) {
            try base.db.writer.write { try merge.undo(mergeID: plan.mergeID!, by: 1, $0) }
        }
    }

    @Test func undoKeepsWhatWasDoneSince() throws {
        let plan = try base.db.writer.write { try merge.merge(loser: 200, into: 100, by: 1, $0) }
        // Since the merge: the callback was made, the email sent, and the nightly scoring sent the
        // archived loser nowhere.
        try base.db.writer.write { db in
            try db.execute(
                sql: """
                    UPDATE follow_up SET done_at = '2026-12-02T09:05:00Z';
                    UPDATE email_outbox SET status = 'sent', sent_at = '2026-12-01T09:31:00Z';
                    UPDATE prospect SET tier = NULL, route = 'nowhere' WHERE siren = 200;
                    """)
        }
        try base.db.writer.write { try merge.undo(mergeID: plan.mergeID!, by: 1, $0) }
        try base.db.writer.read { db throws in
            #expect(
                try String.fetchOne(db, sql: "SELECT siren || ' ' || done_at FROM follow_up")
                    == "200 2026-12-02T09:05:00Z")
            #expect(try String.fetchOne(db, sql: "SELECT siren || ' ' || status FROM email_outbox") == "200 sent")
            #expect(
                try String.fetchOne(db, sql: "SELECT tier || ' ' || route FROM prospect WHERE siren = 200")
                    == "C telemarketing")
        }
    }

    @Test func undoRefusedWhenAMovedRowMovedAgain() throws {
        try base.company(300, "Other")
        let plan = try base.db.writer.write { try merge.merge(loser: 200, into: 100, by: 1, $0) }
        let id = try base.db.writer.write { db -> Int in
            try db.execute(sql: "UPDATE activity SET siren = 300 WHERE detail = 'loser call'")
            return try Int.fetchOne(db, sql: "SELECT id FROM activity WHERE detail = 'loser call'")!
        }
        #expect(throws: RecordMergeError.rowChangedSinceMerge(mergeID: 1, table: "activity", id: id)) {
            try base.db.writer.write { try merge.undo(mergeID: plan.mergeID!, by: 1, $0) }
        }
    }

    @Test func refusals() throws {
        #expect(throws: RecordMergeError.sameRecord(100)) {
            try base.db.writer.write { try merge.merge(loser: 100, into: 100, by: 1, $0) }
        }
        #expect(throws: PermissionError.notAdmin(login: "tina", action: "merge records")) {
            try base.db.writer.write { try merge.merge(loser: 200, into: 100, by: 2, $0) }
        }
        #expect(throws: RecordMergeError.unknownCompany(999)) {
            try base.db.writer.write { try merge.merge(loser: 999, into: 100, by: 1, $0) }
        }
        try base.db.writer.write { try ArchiveActions(now: base.now).archive(siren: 100, reason: "test", by: 1, $0) }
        #expect(throws: RecordMergeError.archivedWinner(100)) {
            try base.db.writer.write { try merge.merge(loser: 200, into: 100, by: 1, $0) }
        }
        #expect(throws: PermissionError.notAdmin(login: "sam", action: "undo merges")) {
            try base.db.writer.write { try merge.undo(mergeID: 1, by: 3, $0) }
        }
        // Nothing was written by the refused merges.
        #expect(try base.dump("merge_journal").isEmpty)
    }

    @Test func thePlanChangesNothing() throws {
        let before = try state()
        let plan = try base.db.writer.read { try merge.plan(loser: 200, into: 100, choices: [.score: .loser], $0) }
        #expect(try state() == before)
        #expect(plan.activities == 1 && plan.followUps == 1 && plan.emails == 1 && plan.suppressions == 1)
        #expect(plan.notices == 1)
        #expect(plan.contactPointsMoved == 1 && plan.contactPointsMerged == 1)
        #expect(plan.fields.first { $0.field == .score }?.kept == "30")
        #expect(plan.fields.first { $0.field == .owner }?.kept == "tina")
    }
}
