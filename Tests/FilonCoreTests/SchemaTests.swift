import Foundation
import GRDB
import Testing

@testable import FilonCore

@Suite struct SchemaTests {
    @Test func migratesAnEmptyDatabaseToTheWholeDataModel() throws {
        let db = try AppDatabase.inMemory()
        let tables = try db.writer.read {
            try String.fetchSet(
                $0, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        }
        #expect(
            tables.isSuperset(of: [
                "company", "establishment", "prospect", "web_presence", "person", "contact_point", "field_provenance",
                "activity", "follow_up", "user", "run", "run_issue", "change_event", "suppression", "audit_log",
            ]))
        try db.writer.read { (db: Database) throws in
            #expect(try Schema.migrator.hasCompletedMigrations(db))
            #expect(try Int.fetchOne(db, sql: "PRAGMA foreign_keys") == 1)
        }
    }

    @Test func aFileDatabaseIsInWALWithLargePages() throws {
        let folder = NSTemporaryDirectory() + "filon-schema-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let db = try AppDatabase.open(path: folder + "/nested/filon.sqlite")
        try db.writer.read { (db: Database) throws in
            #expect(try String.fetchOne(db, sql: "PRAGMA journal_mode") == "wal")
            #expect(try Int.fetchOne(db, sql: "PRAGMA page_size") == AppDatabase.pageSize)
        }
        // Opening again keeps the data and does not migrate twice.
        try db.writer.write {
            try $0.execute(
                sql: "INSERT INTO user (login, name, role, created_at) VALUES ('ana', 'Ana', 'telepro', 'now')")
        }
        let again = try AppDatabase.open(path: folder + "/nested/filon.sqlite")
        #expect(try again.writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM user") } == 1)
    }

    @Test func theSchemaEnforcesItsInvariants() throws {
        let db = try AppDatabase.inMemory()
        try db.writer.write { (db: Database) throws in
            try db.execute(sql: "INSERT INTO company (siren, state, row_hash) VALUES (552100554, 'A', 0)")
            #expect(throws: DatabaseError.self) {
                try db.execute(sql: "INSERT INTO company (siren, state, row_hash) VALUES (1, 'X', 0)")
            }
            #expect(throws: DatabaseError.self) {
                try db.execute(
                    sql:
                        "INSERT INTO prospect (siren, pipeline_status, created_at, updated_at) VALUES (552100554, 'gagné', 'n', 'n')"
                )
            }
            #expect(throws: DatabaseError.self) {
                try db.execute(sql: "INSERT INTO user (login, name, role, created_at) VALUES ('x', 'X', 'boss', 'n')")
            }
            // A prospect needs its company (foreign keys are on).
            #expect(throws: DatabaseError.self) {
                try db.execute(sql: "INSERT INTO prospect (siren, created_at, updated_at) VALUES (1, 'n', 'n')")
            }
        }
    }

    @Test func pipelineStatusesAreTheCustomersEight() {
        #expect(
            PipelineStatus.allCases.map(\.label) == [
                "Nouveau", "À contacter", "Contacté", "Intéressé", "À relancer", "Client", "Non intéressé", "Perdu",
            ])
        #expect(PipelineStatus.allCases.filter(\.isOpen).count == 5)
    }

    @Test func bulkIndexesComeBackAfterAKilledImport() throws {
        let db = try AppDatabase.inMemory()
        try db.writer.write { (db: Database) throws in
            try Schema.dropBulkIndexes(db, table: "company")
            try Schema.ensureBulkIndexes(db)
            let names = try String.fetchSet(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index'")
            #expect(names.isSuperset(of: Schema.bulkIndexes.map(\.name)))
        }
    }
}
