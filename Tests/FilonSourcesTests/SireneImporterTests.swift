import FilonCore
import Foundation
import GRDB
import Testing

@testable import FilonSources

@Suite struct SireneImporterTests {
    private let units = TestSupport.fixture("demo/StockUniteLegale_demo.csv")
    private let establishments = TestSupport.fixture("demo/StockEtablissement_demo.csv")

    @Test func importsTheDemoAndReimportsNothing() throws {
        let (db, folder) = try TestSupport.fileDatabase()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let importer = SireneImporter(database: db, batchSize: 1000)
        // Establishments are given first: the importer still reads units first.
        let first = try importer.importFiles([establishments, units])
        #expect(first.map(\.kind) == [.legalUnits, .establishments])
        #expect(first[0].counts.read == 6000 && first[0].counts.new == 6000 && first[0].counts.rejected == 0)
        #expect(first[0].counts.valuesDropped == 5)  // 3 impossible dates and 2 × 1900-01-01
        #expect(first[1].counts.new == 6369)
        #expect(try TestSupport.value(db, "SELECT COUNT(*) FROM company WHERE address_hash IS NULL", Int.self) == 0)

        let again = try importer.importFiles([units, establishments])
        #expect(again.map(\.counts.unchanged) == [6000, 6369])
        #expect(again.map(\.counts.changed) == [0, 0])
        #expect(again.map(\.counts.new) == [0, 0])
        #expect(try TestSupport.value(db, "SELECT COUNT(*) FROM change_event", Int.self) == 0)
        // The journal has one finished row per file and run.
        let runs = try db.writer.read { try RunJournal().recent($0, limit: 10) }
        #expect(runs.count == 4 && runs.allSatisfy { $0.status == .ok && $0.finishedAt != nil })
        #expect(runs.first?.counts.unchanged == 6369)
    }

    @Test func storesTheRightValues() throws {
        let db = try AppDatabase.inMemory()
        _ = try SireneImporter(database: db).importFiles([units, establishments])
        // A sole trader's name is built from first and last names; the head office gives the address.
        let row = try #require(
            try db.writer.read { db in
                try Row.fetchOne(
                    db,
                    sql: """
                        SELECT c.* , c.name AS display FROM company c
                        WHERE legal_form = '1000' AND diffusion = 'O' AND street_name IS NOT NULL LIMIT 1
                        """)
            })
        let first: String? = row["usual_first_name"] ?? row["first_name"]
        let last: String? = row["usage_name"] ?? row["last_name"]
        #expect(row["display"] == "\(first!) \(last!)")
        let siren: Int = row["siren"]
        let nic: String = row["head_office_nic"]
        let establishment = try #require(
            try db.writer.read {
                try Row.fetchOne(
                    $0, sql: "SELECT * FROM establishment WHERE siret = ?", arguments: [siren * 100_000 + Int(nic)!])
            })
        #expect((establishment["is_head_office"] as Int) == 1)
        for column in ["street_name", "postal_code", "city", "city_code"] {
            #expect((row[column] as String?) == (establishment[column] as String?))
        }
        // Partial diffusion: no personal data kept, whatever the file says.
        #expect(
            try TestSupport.value(
                db,
                "SELECT COUNT(*) FROM company WHERE diffusion = 'P' AND (first_name IS NOT NULL OR last_name IS NOT NULL)",
                Int.self) == 0)
        #expect(try TestSupport.value(db, "SELECT COUNT(*) FROM company WHERE diffusion = 'P'", Int.self) == 240)
        // Impossible dates are dropped, the row kept.
        #expect(try TestSupport.value(db, "SELECT COUNT(*) FROM company WHERE creation_date IS NULL", Int.self)! >= 5)
        #expect(
            try TestSupport.value(db, "SELECT COUNT(*) FROM company WHERE creation_date = '1900-01-01'", Int.self) == 0)
        // Corsica and overseas departments come from the commune code.
        let departments = try db.writer.read { try String.fetchSet($0, sql: "SELECT DISTINCT department FROM company") }
        #expect(departments.isSuperset(of: ["75", "2A", "2B", "974"]))
    }

    @Test func aChangedRowUpdatesTheCompanyAndWritesChangeEvents() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let header = Self.unitHeader
        let before =
            header + "\n" + Self.unit(siren: "552100554", name: "ALPHA", state: "A", naf: "62.01Z", band: "01") + "\n"
        let after =
            header + "\n" + Self.unit(siren: "552100554", name: "ALPHA NOUVEAU", state: "C", naf: "62.02A", band: "11")
            + "\n"
        try TestSupport.write(before, to: folder + "/before.csv")
        try TestSupport.write(after, to: folder + "/after.csv")
        let db = try AppDatabase.inMemory()
        let importer = SireneImporter(database: db)
        _ = try importer.importFiles([folder + "/before.csv"])
        let summary = try importer.importFiles([folder + "/after.csv"])
        #expect(summary[0].counts.changed == 1 && summary[0].counts.new == 0)
        let events = try db.writer.read {
            try Row.fetchAll($0, sql: "SELECT kind, old_value, new_value FROM change_event ORDER BY kind")
        }.map { "\($0["kind"] as String): \($0["old_value"] as String? ?? "∅") → \($0["new_value"] as String? ?? "∅")" }
        #expect(
            events == ["closure: A → C", "naf: 62.01Z → 62.02A", "name: ALPHA → ALPHA NOUVEAU", "size_band: 01 → 11"])
        #expect(try TestSupport.value(db, "SELECT state FROM company WHERE siren = 552100554", String.self) == "C")
    }

    @Test func aSirenRepeatedInOneFileIsStoredOnceWithItsLastValues() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // 40 new units (more than one multi-row insert), then the first one again, changed.
        var lines = [Self.unitHeader]
        var siren = 55_210_055
        var sirens: [String] = []
        while sirens.count < 40 {
            siren += 1
            for digit in 0...9 where Siren.isValid(Siren.pad(siren * 10 + digit, 9)) {
                sirens.append(Siren.pad(siren * 10 + digit, 9))
            }
        }
        lines += sirens.map { Self.unit(siren: $0, name: "UNIT \($0)") }
        lines.append(Self.unit(siren: sirens[0], name: "RENAMED"))
        try TestSupport.write(lines.joined(separator: "\n") + "\n", to: folder + "/dup.csv")
        let db = try AppDatabase.inMemory()
        let summary = try SireneImporter(database: db).importFiles([folder + "/dup.csv"])[0]
        #expect(summary.counts.new == 40 && summary.counts.changed == 1)
        #expect(try TestSupport.value(db, "SELECT COUNT(*) FROM company", Int.self) == 40)
        #expect(
            try TestSupport.value(db, "SELECT name FROM company WHERE siren = \(Int(sirens[0])!)", String.self)
                == "RENAMED")
    }

    @Test func filtersDoNotFreezeWhatIsAlreadyStored() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try TestSupport.write(
            Self.unitHeader + "\n" + Self.unit(siren: "552100554", name: "ALPHA") + "\n", to: folder + "/a.csv")
        try TestSupport.write(
            Self.unitHeader + "\n" + Self.unit(siren: "552100554", name: "ALPHA", state: "C") + "\n",
            to: folder + "/c.csv")
        var filter = ImportFilterSettings()
        filter.activeOnly = true
        let db = try AppDatabase.inMemory()
        let importer = SireneImporter(database: db, filter: filter)
        _ = try importer.importFiles([folder + "/a.csv"])
        let closing = try importer.importFiles([folder + "/c.csv"])[0]
        #expect(closing.counts.changed == 1 && closing.counts.filtered == 0)
        #expect(
            try TestSupport.value(db, "SELECT new_value FROM change_event WHERE kind = 'closure'", String.self) == "C")
    }

    @Test func aSoleTraderWhoObjectsLeavesNoNameBehind() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let header =
            "siren,statutDiffusionUniteLegale,etatAdministratifUniteLegale,nomUniteLegale,prenom1UniteLegale,categorieJuridiqueUniteLegale"
        try TestSupport.write(header + "\n552100554,O,A,MARTIN,HÉLÈNE,1000\n", to: folder + "/o.csv")
        try TestSupport.write(header + "\n552100554,P,A,[ND],[ND],1000\n", to: folder + "/p.csv")
        let db = try AppDatabase.inMemory()
        let importer = SireneImporter(database: db)
        _ = try importer.importFiles([folder + "/o.csv"])
        #expect(try db.prospectCount() == 1)
        _ = try importer.importFiles([folder + "/p.csv"])
        let dump = try db.writer.read {
            try String.fetchAll(
                $0,
                sql:
                    "SELECT kind || ':' || COALESCE(old_value, '') || ':' || COALESCE(new_value, '') FROM change_event ORDER BY kind"
            )
        }
        #expect(dump == ["diffusion:O:P", "name::"])
        #expect(
            try TestSupport.value(
                db, "SELECT COUNT(*) FROM company WHERE last_name IS NOT NULL OR first_name IS NOT NULL", Int.self) == 0
        )
        #expect(try db.prospectCount() == 0)  // out of the operators' list
    }

    @Test func aMovedHeadOfficeIsAnAddressChange() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let db = try AppDatabase.inMemory()
        let importer = SireneImporter(database: db)
        let unitFile = folder + "/u.csv"
        try TestSupport.write(
            Self.unitHeader + "\n" + Self.unit(siren: "552100554", name: "ALPHA") + "\n", to: unitFile)
        let header =
            "siren,nic,siret,etablissementSiege,etatAdministratifEtablissement,numeroVoieEtablissement,typeVoieEtablissement,libelleVoieEtablissement,codePostalEtablissement,libelleCommuneEtablissement,codeCommuneEtablissement"
        try TestSupport.write(
            header + "\n552100554,00013,55210055400013,true,A,3,RUE,DES LILAS,75019,PARIS 19,75119\n",
            to: folder + "/e1.csv")
        try TestSupport.write(
            header + "\n552100554,00013,55210055400013,true,A,8,AV,FOCH,69006,LYON 6,69386\n", to: folder + "/e2.csv")
        _ = try importer.importFiles([unitFile, folder + "/e1.csv"])
        #expect(try TestSupport.value(db, "SELECT city FROM company", String.self) == "PARIS 19")
        _ = try importer.importFiles([folder + "/e2.csv"])
        let event = try #require(try db.writer.read { try Row.fetchOne($0, sql: "SELECT * FROM change_event") })
        #expect((event["kind"] as String) == "address")
        #expect((event["old_value"] as String) == "3 RUE DES LILAS, 75019 PARIS 19")
        #expect((event["new_value"] as String) == "8 AV FOCH, 69006 LYON 6")
        #expect(try TestSupport.value(db, "SELECT department FROM company", String.self) == "69")
    }

    @Test func badLinesAreReportedWithTheirLineAndSkipped() throws {
        let db = try AppDatabase.inMemory()
        let path = TestSupport.fixture("samples/StockUniteLegale_badlines.csv")
        let expected =
            try JSONSerialization.jsonObject(
                with: Data(
                    contentsOf: URL(
                        fileURLWithPath: TestSupport.fixture("samples/StockUniteLegale_badlines.expected.json"))))
            as! [String: Any]
        let summary = try SireneImporter(database: db).importFiles([path])[0]
        let counts = expected["counts"] as! [String: Int]
        #expect(summary.counts.read == counts["read"])
        #expect(summary.counts.new == counts["new"])
        #expect(summary.counts.rejected == counts["rejected"])
        let badLines = (expected["bad_lines"] as! [[String: Any]]).map { $0["line"] as! Int }
        #expect(summary.issues.map(\.line) == badLines)
        #expect(summary.issues.map(\.message).contains { $0.contains("fails its checksum") })
        #expect(summary.issues.map(\.message).contains { $0.contains("expected 35 fields") })
        let stored = try db.writer.read { try Int.fetchSet($0, sql: "SELECT siren FROM company") }
        let good = Set((expected["good_sirens"] as! [String]).map { Int($0)! })
        #expect(stored == good)
    }

    @Test func oldLayoutWithLowercaseHeaderAndUnknownColumn() throws {
        let db = try AppDatabase.inMemory()
        let summary = try SireneImporter(database: db).importFiles([
            TestSupport.fixture("samples/StockUniteLegale_33cols_lowercase.csv")
        ])
        #expect(summary[0].kind == .legalUnits)
        #expect(summary[0].counts.new == 50 && summary[0].counts.rejected == 0)
        #expect(try TestSupport.value(db, "SELECT COUNT(*) FROM company WHERE naf_code IS NOT NULL", Int.self) == 50)
    }

    @Test func zipArchivesAreImportedWithoutUnpacking() throws {
        let db = try AppDatabase.inMemory()
        let summaries = try SireneImporter(database: db).importFiles([
            TestSupport.fixture("samples/StockEtablissement_sample.zip"),
            TestSupport.fixture("samples/StockUniteLegale_sample.zip"),
        ])
        #expect(summaries.map(\.member) == ["StockUniteLegale_utf8.csv", "StockEtablissement_utf8.csv"])
        #expect(summaries[0].counts.new == 200)
        #expect(try TestSupport.value(db, "SELECT COUNT(*) FROM company WHERE city IS NOT NULL", Int.self)! > 150)
    }

    @Test func aFileThatIsNotSireneIsRefusedBeforeAnythingIsWritten() throws {
        let db = try AppDatabase.inMemory()
        #expect(throws: SireneImportError.self) {
            _ = try SireneImporter(database: db).importFiles([units, TestSupport.fixture("samples/not_sirene.csv")])
        }
        #expect(try TestSupport.value(db, "SELECT COUNT(*) FROM company", Int.self) == 0)
        #expect(try TestSupport.value(db, "SELECT COUNT(*) FROM run", Int.self) == 0)
    }

    @Test func anInterruptedImportIsCompletedByARerun() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // The file is cut in the middle of a quoted field after 2,500 rows, as by a failed download.
        let full = try String(contentsOfFile: units, encoding: .utf8)
        let lines = full.split(separator: "\n", omittingEmptySubsequences: false)
        let cut = folder + "/StockUniteLegale.csv"
        try TestSupport.write(lines.prefix(2501).joined(separator: "\n") + "\n552100554,O,,\"2020", to: cut)
        let db = try AppDatabase.inMemory()
        let importer = SireneImporter(database: db, batchSize: 1000)
        let partial = try importer.importFiles([cut])[0]
        #expect(partial.counts.new == 2500 && partial.counts.rejected == 1)
        try TestSupport.write(full, to: cut)
        let rerun = try importer.importFiles([cut])[0]
        #expect(rerun.counts.unchanged == 2500 && rerun.counts.new == 3500)
        #expect(try TestSupport.value(db, "SELECT COUNT(*) FROM company", Int.self) == 6000)
    }

    @Test func aDatabaseFailureKeepsTheCommittedBatchesAndJournalsTheFailure() throws {
        let db = try AppDatabase.inMemory()
        // A trigger that fails on one SIREN stands for a disk that fills up half-way.
        let victim = try String(contentsOfFile: units, encoding: .utf8).split(separator: "\n")[3001].prefix(9)
        try db.writer.write {
            try $0.execute(
                sql: """
                    CREATE TRIGGER fail BEFORE INSERT ON company WHEN NEW.siren = \(victim)
                    BEGIN SELECT RAISE(ABORT, 'disk full'); END
                    """)
        }
        let importer = SireneImporter(database: db, batchSize: 1000)
        #expect(throws: DatabaseError.self) { _ = try importer.importFiles([units]) }
        #expect(try TestSupport.value(db, "SELECT COUNT(*) FROM company", Int.self) == 3000)
        let run = try #require(try db.writer.read { try RunJournal().recent($0, limit: 1).first })
        #expect(run.status == .failed && run.message?.contains("disk full") == true)
        #expect(run.counts.new == 3000)  // what the committed batches did
        try db.writer.write { try $0.execute(sql: "DROP TRIGGER fail") }
        #expect(try importer.importFiles([units])[0].counts.new == 3000)
    }

    @Test func filtersKeepOnlyTheFreelancersMarket() throws {
        let db = try AppDatabase.inMemory()
        var filter = ImportFilterSettings()
        filter.activeOnly = true
        filter.naf = ["F", "56.10A"]
        filter.excludeSoleTraders = true
        filter.createdAfter = "2020-01-01"
        let summary = try SireneImporter(database: db, filter: filter).importFiles([units, establishments])
        #expect(summary[0].counts.filtered > 0 && summary[0].counts.new > 0)
        #expect(summary[0].counts.new + summary[0].counts.filtered + summary[0].counts.rejected == 6000)
        let bad = try TestSupport.value(
            db,
            """
            SELECT COUNT(*) FROM company WHERE state <> 'A' OR legal_form = '1000' OR creation_date < '2020-01-01'
              OR NOT (substr(naf_code, 1, 2) IN ('41', '42', '43') OR naf_code = '56.10A')
            """, Int.self)
        #expect(bad == 0)
        // Establishments of units left out are left out too.
        #expect(
            try TestSupport.value(
                db,
                "SELECT COUNT(*) FROM establishment e WHERE NOT EXISTS (SELECT 1 FROM company c WHERE c.siren = e.siren)",
                Int.self) == 0)
    }

    @Test func departmentFilterNeedsTheHeadOffice() throws {
        let db = try AppDatabase.inMemory()
        var filter = ImportFilterSettings()
        filter.departments = ["75", "2a"]
        _ = try SireneImporter(database: db, filter: filter).importFiles([units, establishments])
        let departments = try db.writer.read { try String.fetchSet($0, sql: "SELECT DISTINCT department FROM company") }
        #expect(departments == ["75", "2A"])
        #expect(try TestSupport.value(db, "SELECT COUNT(*) FROM company", Int.self)! > 100)
    }

    @Test func realPublishedRowsImportWithTheRightValues() throws {
        let expected =
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: URL(fileURLWithPath: TestSupport.fixture("real/expected.json"))))
            as! [String: Any]
        let db = try AppDatabase.inMemory()
        let files = [
            "joao-sdx_mailing_echantillon.csv", "MRIQUE_GEOSIRENE-2019_StockUniteLegale_utf8.csv",
            "PlansDe_bodacc_UniteLegale.csv", "PlansDe_bodacc_Etablissement.csv",
        ]
        let summaries = try SireneImporter(database: db).importFiles(files.map { TestSupport.fixture("real/" + $0) })
        #expect(summaries.allSatisfy { $0.counts.rejected == 0 })
        for unit in expected["unites_legales"] as! [[String: Any]] {
            let siren = Int(unit["siren"] as! String)!
            let row = try #require(
                try db.writer.read {
                    try Row.fetchOne($0, sql: "SELECT * FROM company WHERE siren = ?", arguments: [siren])
                })
            #expect((row["name"] as String?) == (unit["display_name"] as? String), "\(siren)")
            #expect((row["state"] as String) == (unit["etat_administratif"] as! String), "\(siren)")
            #expect((row["creation_date"] as String?) == (unit["date_creation"] as? String), "\(siren)")
            #expect((row["naf_code"] as String?) == (unit["naf"] as? String), "\(siren)")
            #expect((row["size_band"] as String?) == (unit["tranche_effectifs"] as? String), "\(siren)")
            #expect((row["legal_form"] as String?) == (unit["categorie_juridique"] as? String), "\(siren)")
        }
        for site in expected["etablissements"] as? [[String: Any]] ?? [] {
            let siret = Int(site["siret"] as! String)!
            let row = try #require(
                try db.writer.read {
                    try Row.fetchOne($0, sql: "SELECT * FROM establishment WHERE siret = ?", arguments: [siret])
                })
            #expect((row["postal_code"] as String?) == (site["code_postal"] as? String))
            #expect((row["city"] as String?) == (site["commune"] as? String))
        }
    }

    // MARK: - Helpers

    static let unitHeader =
        "siren,statutDiffusionUniteLegale,dateCreationUniteLegale,trancheEffectifsUniteLegale,etatAdministratifUniteLegale,nomUniteLegale,denominationUniteLegale,categorieJuridiqueUniteLegale,activitePrincipaleUniteLegale,nicSiegeUniteLegale"

    static func unit(siren: String, name: String, state: String = "A", naf: String = "62.01Z", band: String = "01")
        -> String
    {
        "\(siren),O,2020-05-04,\(band),\(state),,\(name),5710,\(naf),00013"
    }
}
