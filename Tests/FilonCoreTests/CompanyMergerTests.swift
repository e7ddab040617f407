import FilonCore
import GRDB
import Testing

/// One company, many sources: precedence, provenance, change events, replays.
@Suite struct CompanyMergerTests {
    let db: AppDatabase

    init() throws {
        db = try AppDatabase.inMemory()
        try db.writer.write { db in
            try db.execute(
                sql:
                    "INSERT INTO run (id, source, kind, started_at) VALUES (1, 'sirene_stock', 'import', '2026-11-01T00:00:00Z')"
            )
            try db.execute(
                sql: "INSERT INTO run (id, source, kind, started_at) VALUES (2, 'rne', 'pass', '2026-11-26T00:00:00Z')")
            // A company Sirene gave (row_hash ≠ 0), with its head-office address.
            try db.execute(
                sql: """
                    INSERT INTO company (siren, denomination, legal_form, naf_code, state, postal_code, city,
                      street_name, first_run_id, last_run_id, row_hash)
                    VALUES (552100554, 'ALPHA CONSEIL', '5710', '62.01Z', 'A', '75002', 'PARIS', 'RUE DE LA PAIX',
                      1, 1, 12345)
                    """)
        }
    }

    func apply(_ observation: CompanyObservation, source: ProviderID = .rne, filter: ImportFilterSettings = .init())
        throws -> CompanyMerger.Outcome
    {
        let merger = CompanyMerger(source: source, run: 2, now: "2026-11-26T10:00:00Z", filter: filter)
        return try db.writer.write { try merger.apply(observation, $0) }
    }

    func events() throws -> [String] {
        try db.writer.read {
            try Row.fetchAll($0, sql: "SELECT kind, new_value FROM change_event ORDER BY id").map {
                "\($0["kind"] as String): \($0["new_value"] as String? ?? "∅")"
            }
        }
    }

    func value<T: DatabaseValueConvertible & StatementColumnConvertible>(_ sql: String, _: T.Type) throws -> T? {
        try db.writer.read { try T.fetchOne($0, sql: sql) }
    }

    func director(_ last: String, _ first: String, _ role: String = "Président") -> Director {
        Director(kind: .physical, role: role, lastName: last, firstNames: first)
    }

    @Test func sireneKeepsItsFieldsOthersFillTheGaps() throws {
        var observation = CompanyObservation(siren: 552_100_554)
        observation.name = "Alpha Conseil SAS"
        observation.legalForm = "5499"
        observation.headOffice = ObservedAddress(
            streetName: "AVENUE FOCH", postalCode: "75016", city: "PARIS", latitude: 48.87, longitude: 2.28)
        #expect(try apply(observation) == .changed)
        #expect(try value("SELECT name FROM company", String.self) == "ALPHA CONSEIL")
        #expect(try value("SELECT legal_form FROM company", String.self) == "5710")
        #expect(try value("SELECT postal_code FROM company", String.self) == "75002")
        // Sirene has no coordinates: those are taken, with their provenance.
        #expect(try value("SELECT latitude FROM company", Double.self) == 48.87)
        #expect(try value("SELECT source FROM field_provenance WHERE field = 'geo'", String.self) == "rne")
        #expect(try events().isEmpty)
        #expect(try apply(observation) == .unchanged)
    }

    @Test func aClosureFromAnySourceClosesOnce() throws {
        var observation = CompanyObservation(siren: 552_100_554)
        observation.closure = .init(date: "2026-11-20")
        #expect(try apply(observation, source: .bodacc) == .changed)
        #expect(try value("SELECT state FROM company", String.self) == "C")
        #expect(try events() == ["closure: C (2026-11-20)"])
        #expect(try db.card(siren: 552_100_554)?.isActive == false)
        #expect(try apply(observation, source: .bodacc) == .unchanged)
        #expect(try events().count == 1)
    }

    @Test func directorsChangeIsAnEventButTheFirstListIsNot() throws {
        var observation = CompanyObservation(siren: 552_100_554)
        observation.directors = [director("DUPONT", "Jean Marie")]
        #expect(try apply(observation) == .changed)
        #expect(try events().isEmpty)
        // Same people, other spelling and order: no change.
        observation.directors = [director("Dupont", "Jean, Marie")]
        #expect(try apply(observation) == .unchanged)
        observation.directors = [director("MARTIN", "Claire")]
        #expect(try apply(observation) == .changed)
        #expect(try events() == ["directors: Claire MARTIN (Président)"])
        #expect(try value("SELECT source FROM field_provenance WHERE field = 'directors'", String.self) == "rne")
    }

    @Test func aLowerRankedSourceDoesNotReplaceTheRegistersDirectors() throws {
        var fromRNE = CompanyObservation(siren: 552_100_554)
        fromRNE.directors = [director("DUPONT", "Jean")]
        _ = try apply(fromRNE, source: .rne)
        var fromCopy = CompanyObservation(siren: 552_100_554)
        fromCopy.directors = [director("DURAND", "Paul")]
        #expect(try apply(fromCopy, source: .rechercheEntreprises) == .unchanged)
        #expect(try value("SELECT last_name FROM person", String.self) == "DUPONT")
    }

    @Test func unknownCompaniesAreCreatedOnlyWhenTheSourceMayAndTheFiltersAgree() throws {
        var notice = CompanyObservation(siren: 732_829_320)
        notice.name = "BETA WEB"
        notice.headOffice = ObservedAddress(postalCode: "69003", city: "LYON")
        #expect(try apply(notice, source: .rne) == .outOfScope)
        notice.mayCreate = true
        var lyonOnly = ImportFilterSettings()
        lyonOnly.departments = ["75"]
        #expect(try apply(notice, source: .bodacc, filter: lyonOnly) == .outOfScope)
        lyonOnly.departments = ["69"]
        #expect(try apply(notice, source: .bodacc, filter: lyonOnly) == .new)
        #expect(try value("SELECT row_hash FROM company WHERE siren = 732829320", Int.self) == 0)
        #expect(try value("SELECT postal_code FROM company WHERE siren = 732829320", String.self) == "69003")
        // Not from Sirene: a later registry answer may correct the name, as a change.
        var correction = CompanyObservation(siren: 732_829_320)
        correction.name = "BETA WEB STUDIO"
        #expect(try apply(correction, source: .rne) == .changed)
        #expect(try events() == ["name: BETA WEB STUDIO"])
    }

    @Test func aLegalNoticeIsRecordedOnce() throws {
        var observation = CompanyObservation(siren: 552_100_554)
        observation.notice = LegalNotice(
            id: "A202600123", family: .modification, label: "Modifications diverses", publishedOn: "2026-11-24",
            detail: "Modification du capital")
        #expect(try apply(observation, source: .bodacc) == .changed)
        #expect(try apply(observation, source: .bodacc) == .unchanged)
        #expect(
            try events() == ["legal_notice: [A202600123] 2026-11-24 — Modifications diverses — Modification du capital"]
        )
    }

    @Test func personalDataOfAnObjectingSoleTraderIsNotStored() throws {
        var observation = CompanyObservation(siren: 552_100_554)
        observation.personalDataWithheld = true
        observation.directors = [director("DUPONT", "Jean")]
        #expect(try apply(observation) == .unchanged)
        #expect(try value("SELECT COUNT(*) FROM person", Int.self) == 0)
    }

    @Test func financesAreKeptByYear() throws {
        var observation = CompanyObservation(siren: 552_100_554)
        observation.finances = [FinanceYear(year: 2023, revenue: 120_000, netIncome: 8_000)]
        #expect(try apply(observation, source: .rechercheEntreprises) == .changed)
        #expect(try apply(observation, source: .rechercheEntreprises) == .unchanged)
        observation.finances = [FinanceYear(year: 2023, revenue: 125_000, netIncome: 8_000)]
        #expect(try apply(observation, source: .rechercheEntreprises) == .changed)
        #expect(try value("SELECT revenue FROM finance", Int.self) == 125_000)
    }
}
