import Foundation
import GRDB
import Testing

@testable import FilonCore

/// The admin's selection: by owner or nobody, status, tier and search text, page by page, and
/// read from the owner index without sorting.
@Suite struct ProspectSelectionTests {
    let db: AppDatabase

    /// SIRENs 1–12: owner Tina (2) for 1–6, Théo (3) for 7–9, nobody for 10–12; tier A for odd
    /// SIRENs, B for even; 5 and 8 are clients; 11 is in Lyon, the others in Nantes.
    init() throws {
        db = try AppDatabase.inMemory()
        try db.writer.write { db in
            for (id, login) in [(1, "ada"), (2, "tina"), (3, "theo")] {
                try db.execute(
                    sql: "INSERT INTO user (id, login, name, role, created_at) VALUES (?, ?, ?, ?, 'x')",
                    arguments: [id, login, login.capitalized, id == 1 ? "admin" : "telepro"])
            }
            for siren in 1...12 {
                let owner: Int? = siren <= 6 ? 2 : siren <= 9 ? 3 : nil
                try db.execute(
                    sql: "INSERT INTO company (siren, denomination, city, state, row_hash) VALUES (?, ?, ?, 'A', 1)",
                    arguments: [
                        siren, siren == 11 ? "BOULANGERIE DU PORT" : "SOCIETE \(siren)",
                        siren == 11 ? "LYON" : "NANTES",
                    ])
                try db.execute(
                    sql: """
                        INSERT INTO prospect (siren, pipeline_status, tier, score, route, owner_id, assigned_at,
                          created_at, updated_at)
                        VALUES (?, ?, ?, ?, 'telemarketing', ?, ?, 'x', 'x')
                        """,
                    arguments: [
                        siren, [5, 8].contains(siren) ? "client" : "nouveau", siren % 2 == 1 ? "A" : "B", 40 + siren,
                        owner, owner == nil ? nil : "2026-11-30T08:00:00Z",
                    ])
            }
            _ = try SearchIndex().rebuild(db)
        }
    }

    func sirens(_ selection: ProspectSelection) throws -> [Int] {
        try db.writer.read { try selection.rows($0).map(\.siren) }
    }

    @Test func byOwnerStatusAndTier() throws {
        #expect(try sirens(ProspectSelection(owner: .user(2))) == [5, 1, 2, 3, 4, 6])  // client before nouveau
        #expect(try sirens(ProspectSelection(owner: .user(2), statuses: [.nouveau])) == [1, 2, 3, 4, 6])
        #expect(try sirens(ProspectSelection(owner: .unowned)) == [10, 11, 12])
        #expect(try sirens(ProspectSelection(tiers: [.a])) == [1, 3, 5, 7, 9, 11])
        #expect(try sirens(ProspectSelection(statuses: [.client])) == [5, 8])
        #expect(try sirens(ProspectSelection(owner: .user(3), statuses: [.nouveau], tiers: [.a])) == [7, 9])
        #expect(try sirens(ProspectSelection(tiers: [.c])) == [])
    }

    @Test func theRowsSayWhatAnAdminChoosesBy() throws {
        let row = try #require(try db.writer.read { try ProspectSelection(owner: .user(3), limit: 1).rows($0) }.first)
        #expect(
            row
                == SelectedProspect(
                    siren: 8, name: "SOCIETE 8", city: "NANTES", ownerID: 3, ownerLogin: "theo", status: .client,
                    tier: .b,
                    score: 48, assignedAt: Timestamp.date("2026-11-30T08:00:00Z")))
        let unowned = try #require(try db.writer.read { try ProspectSelection(owner: .unowned).rows($0) }.first)
        #expect(unowned.ownerID == nil && unowned.ownerLogin == nil && unowned.assignedAt == nil)
    }

    @Test func pagesCountAndTheWholeSelection() throws {
        let all = ProspectSelection(limit: 5)
        #expect(try sirens(all) == [1, 2, 3, 4, 5])
        #expect(try sirens(ProspectSelection(limit: 5, offset: 10)) == [11, 12])
        #expect(try db.writer.read { try all.count($0) } == 12)
        #expect(try db.writer.read { try all.sirens($0) } == Array(1...12))
        let tinas = ProspectSelection(owner: .user(2), statuses: [.nouveau], limit: 2)
        #expect(try db.writer.read { try tinas.count($0) } == 5)
        #expect(try db.writer.read { try tinas.sirens($0) } == [1, 2, 3, 4, 6])
    }

    @Test func searchTextNarrowsTheSelection() throws {
        #expect(try sirens(ProspectSelection(text: "boulang")) == [11])
        #expect(try sirens(ProspectSelection(owner: .unowned, text: "lyon")) == [11])
        #expect(try sirens(ProspectSelection(owner: .user(2), text: "lyon")) == [])
        #expect(try sirens(ProspectSelection(text: "nothing like it")) == [])
        #expect(try db.writer.read { try ProspectSelection(text: "societe", limit: 3).count($0) } == 11)
        // Blank text is no search.
        #expect(try sirens(ProspectSelection(owner: .unowned, text: "  ")) == [10, 11, 12])
    }

    /// A page for an owner, or for nobody, is read from prospect_owner in its own order: no sort
    /// of everything the owner holds (800k unowned prospects on a 1 M base).
    @Test func anOwnersPageIsReadFromTheOwnerIndexWithoutSorting() throws {
        for selection in [
            ProspectSelection(owner: .unowned), ProspectSelection(owner: .user(2)),
            ProspectSelection(owner: .user(2), statuses: [.nouveau, .aContacter]),
            ProspectSelection(owner: .unowned, tiers: [.a]),
        ] {
            let plan = try db.writer.read { db -> String in
                let query = try #require(try selection.query(db))
                return try Row.fetchAll(
                    db,
                    sql: """
                        EXPLAIN QUERY PLAN SELECT p.siren, c.name, u.login \(query.from) WHERE \(query.conditions)
                        ORDER BY \(query.order) LIMIT 100
                        """, arguments: query.arguments
                ).map { $0["detail"] as String }.joined(separator: "\n")
            }
            #expect(plan.contains("INDEX prospect_owner"), "\(selection): \(plan)")
            #expect(!plan.contains("TEMP B-TREE"), "\(selection): \(plan)")
        }
    }
}
