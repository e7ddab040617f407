import Foundation
import GRDB
import Testing

@testable import FilonCore

/// An archived record leaves the queue and the assignment, keeps its history, and comes back on
/// restore; only an admin may do either.
@Suite struct ArchiveActionsTests {
    let base: QualityFixture
    var actions: ArchiveActions { ArchiveActions(now: base.now) }

    init() throws {
        base = try QualityFixture()
        try base.company(100, "Dupont SARL")
        try base.prospect(100, owner: 2)
    }

    func queue() throws -> [Int] {
        try base.db.writer.read { try CallQueue(policy: CallingPolicy(), now: base.now).items(for: 2, limit: 10, $0) }
            .map(\.siren)
    }

    @Test func archiveLeavesTheQueueAndRestoreBringsItBack() throws {
        #expect(try queue() == [100])
        try base.db.writer.write { try actions.archive(siren: 100, reason: "duplicate of a branch", by: 1, $0) }
        #expect(try queue().isEmpty)
        // Without an owner it would not be assigned either.
        try base.db.writer.write { try $0.execute(sql: "UPDATE prospect SET owner_id = NULL WHERE siren = 100") }
        #expect(try base.db.writer.write { try AssignmentEngine(now: base.now).assignUnowned($0) }.assigned == 0)
        try base.db.writer.write { try $0.execute(sql: "UPDATE prospect SET owner_id = 2 WHERE siren = 100") }
        try base.db.writer.write { try actions.restore(siren: 100, by: 1, $0) }
        #expect(try queue() == [100])
        let journal = try base.db.writer.read {
            try Row.fetchAll(
                $0, sql: "SELECT old_value, new_value, detail FROM activity WHERE kind = 'archive' ORDER BY id"
            )
            .map { "\($0[0] as String? ?? "-") → \($0[1] as String): \($0[2] as String)" }
        }
        #expect(
            journal == [
                "- → archived: duplicate of a branch", "archived → restored: archived since 2026-12-01T09:30:00Z",
            ])
    }

    @Test func refusals() throws {
        #expect(throws: PermissionError.notAdmin(login: "tina", action: "archive records")) {
            try base.db.writer.write { try actions.archive(siren: 100, reason: "x", by: 2, $0) }
        }
        #expect(throws: ArchiveError.notArchived(100)) {
            try base.db.writer.write { try actions.restore(siren: 100, by: 1, $0) }
        }
        try base.db.writer.write { try actions.archive(siren: 100, reason: "x", by: 1, $0) }
        #expect(throws: ArchiveError.alreadyArchived(100, since: "2026-12-01T09:30:00Z")) {
            try base.db.writer.write { try actions.archive(siren: 100, reason: "x", by: 1, $0) }
        }
        #expect(throws: PermissionError.notAdmin(login: "sam", action: "restore archived records")) {
            try base.db.writer.write { try actions.restore(siren: 100, by: 3, $0) }
        }
        #expect(throws: ArchiveError.unknownCompany(999)) {
            try base.db.writer.write { try actions.archive(siren: 999, reason: "x", by: 1, $0) }
        }
    }

    @Test func aMergedRecordComesBackByUndoingTheMerge() throws {
        try base.company(200, "Dupont SAS")
        try base.db.writer.write { _ = try RecordMerge(now: base.now).merge(loser: 200, into: 100, by: 1, $0) }
        #expect(throws: ArchiveError.merged(200, into: 100)) {
            try base.db.writer.write { try actions.restore(siren: 200, by: 1, $0) }
        }
    }
}
