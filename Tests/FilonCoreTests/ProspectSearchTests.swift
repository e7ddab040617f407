import GRDB
import Testing

@testable import FilonCore

/// `/` search: prefixes, accents, digits, directors, hostile input, the index refresh, ranking.
@Suite struct ProspectSearchTests {
    let db: AppDatabase

    static let dupontLyon = 552_100_554
    static let dupontParis = 552_100_562
    static let eleonore = 732_829_320
    static let garage = 123_456_789
    static let martinServices = 987_654_321

    init() throws {
        db = try AppDatabase.inMemory()
        try db.writer.write { db in
            try db.execute(
                sql:
                    "INSERT INTO run (id, source, kind, started_at, status) VALUES (1, 'sirene_stock', 'import', 'x', 'ok')"
            )
            try Self.company(db, Self.dupontLyon, "DUPONT ET FILS", city: "LYON")
            try Self.company(db, Self.dupontParis, "BOULANGERIE DUPONT", city: "PARIS")
            try db.execute(
                sql: """
                    INSERT INTO company (siren, first_name, last_name, city, first_run_id, last_run_id, row_hash)
                    VALUES (?, 'ÉLÉONORE', 'GARÇON', 'SAINT-ÉTIENNE', 1, 1, 1)
                    """, arguments: [Self.eleonore])
            try Self.company(db, Self.garage, "GARAGE DU CENTRE", city: "NANTES")
            try Self.company(db, Self.martinServices, "MARTIN SERVICES", city: "NANTES")
            try Self.director(db, Self.dupontLyon, first: "Jean-François", last: "MÜLLER")
            try Self.director(db, Self.garage, first: "Paul", last: "MARTIN")
            try Self.phone(db, Self.dupontLyon, "+33612345678")
            try Self.phone(db, Self.garage, "+33240000000")
            try SearchIndex().rebuild(db)
        }
    }

    static func company(_ db: Database, _ siren: Int, _ name: String, city: String, run: Int = 1) throws {
        try db.execute(
            sql: """
                INSERT INTO company (siren, denomination, city, first_run_id, last_run_id, row_hash)
                VALUES (?, ?, ?, ?, ?, 1)
                """, arguments: [siren, name, city, run, run])
    }

    static func director(_ db: Database, _ siren: Int, first: String, last: String) throws {
        try db.execute(
            sql: """
                INSERT INTO person (siren, role, last_name, first_names, source, retrieved_at)
                VALUES (?, 'Gérant', ?, ?, 'rne', 'x')
                """, arguments: [siren, last, first])
    }

    static func phone(_ db: Database, _ siren: Int, _ normalized: String) throws {
        try db.execute(
            sql: """
                INSERT INTO contact_point (siren, kind, value, normalized, source, retrieved_at)
                VALUES (?, 'phone', ?, ?, 'google_places', 'x')
                """, arguments: [siren, normalized, normalized])
    }

    func search(_ text: String, limit: Int = 20, _ search: ProspectSearch = ProspectSearch()) throws -> [SearchHit] {
        try db.writer.read { try search.search(text, limit: limit, $0) }
    }

    func sirens(_ text: String) throws -> [Int] { try search(text).map(\.siren) }

    @Test func everyWordIsAPrefix() throws {
        #expect(try Set(sirens("dup")) == [Self.dupontLyon, Self.dupontParis])
        #expect(try sirens("dupon lyo") == [Self.dupontLyon])
        #expect(try sirens("boul dupont") == [Self.dupontParis])
        #expect(try sirens("dupont marseille").isEmpty)
        let hit = try #require(try search("dupon lyo").first)
        #expect(hit.name == "DUPONT ET FILS" && hit.city == "LYON")
        #expect(hit.fields == [.name, .city])
    }

    @Test func accentsAndCaseDoNotCount() throws {
        #expect(try sirens("eleonore garcon") == [Self.eleonore])
        #expect(try sirens("ÉLÉO GARÇ") == [Self.eleonore])
        #expect(try sirens("saint etienne") == [Self.eleonore])
        #expect(try sirens("muller") == [Self.dupontLyon])
        #expect(try search("ELEONORE").first?.name == "ÉLÉONORE GARÇON")
    }

    @Test func digitsFindSirenAndPhonesInBothForms() throws {
        #expect(try sirens("552100554") == [Self.dupontLyon])
        #expect(try Set(sirens("552 100")) == [Self.dupontLyon, Self.dupontParis])
        #expect(try search("552 100 554").first?.matches == [.init(field: .siren, text: "552100554")])
        for typed in ["06 12 34", "0612345678", "06.12.34.56.78", "+33 6 12 34", "33612345678", "+33612"] {
            let hits = try search(typed)
            #expect(hits.map(\.siren) == [Self.dupontLyon], "\(typed)")
            #expect(hits.first?.matches == [.init(field: .phone, text: "0612345678")], "\(typed)")
        }
        #expect(try sirens("02 40") == [Self.garage])
        #expect(try sirens("07 12").isEmpty)
    }

    @Test func directorsAreFound() throws {
        let hit = try #require(try search("jean franc").first)
        #expect(hit.siren == Self.dupontLyon)
        #expect(hit.matches == [.init(field: .director, text: "Jean-François MÜLLER")])
        #expect(try sirens("paul mart") == [Self.garage])
    }

    @Test func hostileInputIsPlainText() throws {
        let inputs = [
            "", " ", "\"", "\"\"", "*", "**", "-", "--dupont", "NEAR(", "NEAR(dupont lyon, 2)", "AND", "OR", "NOT",
            "dupont AND", "NOT dupont", "dupont OR lyon", "(", ")", "(dupont", "name:dupont", "{name}:dupont",
            "name : dupont", "^dupont", "dupont*", "\"dupont", "dupont\"", "+", ":", "'", "😀", "👨‍👩‍👧 dupont", "\u{0}",
            "dup\u{0}ont", "\u{301}", "e\u{301}", String(repeating: "a ", count: 5_000), "%", "_", "\\",
            "'; DROP TABLE company; --",
        ]
        // A syntax error would throw and fail the test.
        for input in inputs { _ = try search(input) }
        #expect(try search("").isEmpty)
        #expect(try search("😀").isEmpty)
        #expect(try search("*").isEmpty)
        // Operators and punctuation around a word leave the word.
        for input in ["\"dupont", "dupont*", "-dupont", "(dupont)", "👨‍👩‍👧 dupont", "^dupont"] {
            #expect(try Set(sirens(input)) == [Self.dupontLyon, Self.dupontParis], "\(input)")
        }
        // NEAR and column names are words like any other: no company has one starting so.
        #expect(try sirens("NEAR(dupont").isEmpty)
        #expect(try sirens("name:dupont").isEmpty)
    }

    @Test func wordsAreTheIndexTokensWithDigitRunsJoined() throws {
        let words = try db.writer.read { db in
            try ProspectSearch.words(
                "+33 6 12 Société \"Générale\" 06-12 NEAR( x*", db.makeTokenizer(.unicode61(diacritics: .remove)))
        }
        #expect(words == ["33612", "societe", "generale", "0612", "near", "x"])
    }

    @Test func theNameCheckCutsAndFoldsLikeTheIndex() throws {
        try db.writer.read { db in
            let tokenizer = try db.makeTokenizer(.unicode61(diacritics: .remove))
            func holds(_ text: String, _ words: String...) throws -> Bool {
                try ProspectSearch.holdsEveryWord(text, words.map { Array($0.utf8) }, tokenizer)
            }
            #expect(try holds("SARL L'OUEST-2000 & Co", "ouest", "20", "co", "l"))
            #expect(try !holds("SARL L'OUEST-2000", "west"))
            #expect(try !holds("SARL L'OUEST-2000", "sarl", "2001"))
            #expect(try holds("ÉLÉONORE GARÇON", "eleo", "garc"))
            #expect(try !holds("ÉLÉONORE GARÇON", "eleo", "x"))
            #expect(try !holds("", "a"))
        }
    }

    @Test func nameMatchesComeFirstThenBm25() throws {
        // The garage has the lower SIREN and a director MARTIN; the company named MARTIN still leads.
        #expect(try sirens("martin") == [Self.martinServices, Self.garage])
        #expect(try search("martin").map(\.fields) == [[.name], [.director]])
        try db.writer.write { db in
            try Self.company(db, 100_000_001, "MARTIN ET ASSOCIES TRANSPORTS DU SUD OUEST", city: "PAU")
            try SearchIndex().rebuild(db)
        }
        // Among names, the shorter one where the word weighs more comes first.
        #expect(try sirens("martin") == [Self.martinServices, 100_000_001, Self.garage])
        #expect(try search("martin", limit: 1).map(\.siren) == [Self.martinServices])
    }

    @Test func aBroadQueryListsNameMatchesFirstInSirenOrder() throws {
        // Ranked, the shortest name comes first.
        #expect(try sirens("d").first == Self.dupontParis)
        var broad = ProspectSearch()
        broad.rankingLimit = 1
        #expect(try search("d", broad).map(\.siren) == [Self.garage, Self.dupontLyon, Self.dupontParis])
        // MARTIN SERVICES by its name before SAINT-ÉTIENNE's company, whose SIREN is lower.
        #expect(try search("s", broad).map(\.siren) == [Self.martinServices, Self.eleonore])
    }

    @Test func refreshPicksUpARenamedCompanyAndANewDirector() throws {
        try db.writer.write { db in
            try db.execute(
                sql: "INSERT INTO run (id, source, kind, started_at, status) VALUES (2, 'rne', 'pass', 'x', 'ok')")
            try db.execute(
                sql: "UPDATE company SET denomination = 'ZÉPHYR INDUSTRIES', last_run_id = 2 WHERE siren = ?",
                arguments: [Self.dupontParis])
            var observation = CompanyObservation(siren: Self.martinServices)
            observation.directors = [
                Director(kind: .physical, role: "Président", lastName: "ROUSSEAU", firstNames: "Inès")
            ]
            let merger = CompanyMerger(source: .rne, run: 2, now: "2026-11-26T10:00:00Z", filter: .init())
            #expect(try merger.apply(observation, db) == .changed)
        }
        #expect(try sirens("zephyr").isEmpty)
        #expect(try sirens("rousseau").isEmpty)
        let count = try db.writer.write { try SearchIndex().refresh($0, since: 1) }
        #expect(count == 2)
        #expect(try sirens("zephyr indus") == [Self.dupontParis])
        #expect(try sirens("ines rous") == [Self.martinServices])
        // The old name's document is superseded: only the Lyon DUPONT is left.
        #expect(try sirens("dupont") == [Self.dupontLyon])
        #expect(try sirens("boulangerie").isEmpty)
        // Indexing again is idempotent for search.
        try db.writer.write { _ = try SearchIndex().refresh($0, since: 1) }
        #expect(try sirens("zephyr") == [Self.dupontParis])
    }

    @Test func theDaemonPassFollowsItsWatermarkAndEnrichment() throws {
        let index = SearchIndex()
        // Stored by the rebuild in init: nothing changed since.
        #expect(try index.refresh(db.writer) == 0)
        try db.writer.write { db in
            try db.execute(
                sql:
                    "INSERT INTO run (id, source, kind, started_at, status) VALUES (2, 'enrichment', 'pass', 'x', 'running')"
            )
            try Self.phone(db, Self.eleonore, "+33478000000")
            try db.execute(
                sql: "INSERT INTO enrichment_state (siren, run_id, enriched_at) VALUES (?, 2, 'x')",
                arguments: [Self.eleonore])
            try Self.company(db, 555_000_001, "NOUVELLE SOCIETE", city: "BREST", run: 2)
        }
        #expect(try index.refresh(db.writer) == 2)
        #expect(try sirens("04 78") == [Self.eleonore])
        #expect(try sirens("nouvelle") == [555_000_001])
        // Run 2 is still running: its companies are looked at again until it ends.
        #expect(try db.writer.read { try SearchIndex.state($0).watermark } == 1)
        try db.writer.write { try $0.execute(sql: "UPDATE run SET status = 'ok' WHERE id = 2") }
        #expect(try index.refresh(db.writer) == 2)
        #expect(try db.writer.read { try SearchIndex.state($0).watermark } == 2)
        #expect(try index.refresh(db.writer) == 0)
        #expect(try sirens("nouvelle") == [555_000_001])
    }

    @Test func theFirstDaemonPassBuildsTheIndexInSteps() throws {
        let fresh = try AppDatabase.inMemory()
        try fresh.writer.write { db in
            for n in 0..<25 { try Self.company(db, 100_000_000 + n, "SOCIETE \(n)", city: "LYON") }
        }
        var index = SearchIndex()
        index.rebuildBatchSize = 10
        #expect(try index.refresh(fresh.writer) == 25)
        let found = try fresh.writer.read { try ProspectSearch().search("societe lyon", limit: 100, $0) }
        #expect(found.count == 25)
        #expect(try fresh.writer.read { try SearchIndex.state($0).rebuildCursor } == nil)
    }

    @Test func anInterruptedRebuildResumes() throws {
        try db.writer.write { db in
            // As if killed after the first batch: watermark stored, cursor just past the first company.
            try db.execute(sql: "INSERT INTO prospect_search (prospect_search) VALUES ('delete-all')")
            try db.execute(
                sql:
                    "INSERT INTO prospect_search (rowid, name, directors) VALUES (?, 'GARAGE DU CENTRE', 'Paul MARTIN')",
                arguments: [Self.garage])
            try db.execute(
                sql: "UPDATE source_state SET cursor = ? WHERE source = 'search_index'", arguments: [Self.garage])
        }
        #expect(try SearchIndex().refresh(db.writer) == 4)
        #expect(try sirens("martin") == [Self.martinServices, Self.garage])
        #expect(try sirens("dupont").count == 2)
    }

    @Test func aDeletedCompanyLeavesSearch() throws {
        try db.writer.write { db in
            try db.execute(sql: "DELETE FROM company WHERE siren = ?", arguments: [Self.dupontParis])
        }
        #expect(try sirens("dupont") == [Self.dupontLyon])
        // Even when it had been indexed again since.
        try db.writer.write { db in
            try db.execute(
                sql: "INSERT INTO run (id, source, kind, started_at, status) VALUES (2, 'rne', 'pass', 'x', 'ok')")
            try db.execute(sql: "UPDATE company SET last_run_id = 2 WHERE siren = ?", arguments: [Self.dupontLyon])
            try SearchIndex().refresh(db, since: 1)
            try db.execute(sql: "DELETE FROM company WHERE siren = ?", arguments: [Self.dupontLyon])
        }
        #expect(try sirens("dupont").isEmpty)
    }

    @Test func aBadlyTimedHitDoesNotBreakTheList() throws {
        // Renamed but not indexed again yet: found by its old name, shown as it is now.
        try db.writer.write { db in
            try db.execute(
                sql: "UPDATE company SET denomination = 'ALPHA' WHERE siren = ?", arguments: [Self.dupontParis])
        }
        let hit = try #require(try search("boulangerie").first)
        #expect(hit.name == "ALPHA")
        #expect(hit.matches.isEmpty)
    }
}
