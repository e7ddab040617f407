import GRDB

/// Folds what a source observed into the one record of its company (by SIREN), following
/// `SourcePrecedence`, keeping per-field provenance, and writing a change event for each
/// important change. Applying the same observation twice changes nothing the second time, so a
/// pass that was killed and starts again neither loses nor duplicates anything.
public struct CompanyMerger: Sendable {
    public enum Outcome: Sendable, Equatable {
        case new, changed, unchanged
        /// Not stored and not wanted here: unknown SIREN the source may not create, or outside
        /// the `[import]` filters.
        case outOfScope
    }

    public let source: String
    public let run: Int
    public let now: String
    public let filter: ImportFilterSettings

    public init(source: ProviderID, run: Int, now: String, filter: ImportFilterSettings) {
        self.source = source.rawValue
        self.run = run
        self.now = now
        self.filter = filter
    }

    public func apply(_ observation: CompanyObservation, _ db: Database) throws -> Outcome {
        guard
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT denomination, name, legal_form, naf_code, creation_date, state, diffusion,
                      postal_code, city, latitude, longitude, row_hash
                    FROM company WHERE siren = ?
                    """, arguments: [observation.siren])
        else { return try create(observation, db) }

        var changed = false
        // Registry identity belongs to Sirene; others fill only what it has not given.
        let fromSirene = (row["row_hash"] as Int64) != 0
        let withheld = observation.personalDataWithheld || (row["diffusion"] as String) == "P"
        var updates: [(column: String, value: (any DatabaseValueConvertible)?)] = []
        func fill(_ column: String, _ field: String, _ value: String?, event: String?) throws {
            guard let value, !value.isEmpty, !fromSirene || (row[column] as String?) == nil else { return }
            let old: String? = row[column]
            guard old != value else { return }
            updates.append((column, value))
            try provenance(field, observation.siren, db)
            if let event, old != nil {
                try recordEvent(observation.siren, event, old: old, new: value, db)
            }
        }
        if !withheld { try fill("denomination", "name", observation.name, event: "name") }
        try fill("legal_form", "legal_form", observation.legalForm, event: "legal_form")
        try fill("naf_code", "naf", observation.nafCode, event: "naf")
        try fill("creation_date", "creation_date", observation.creationDate, event: nil)
        if let address = observation.headOffice {
            let hasAddress = (row["postal_code"] as String?) != nil || (row["city"] as String?) != nil
            if !fromSirene || !hasAddress {
                let old = try addressLine(observation.siren, db)
                if hasAddress == false || old != address.line {
                    updates += Self.addressColumns(address)
                    try provenance("address", observation.siren, db)
                    if hasAddress { try recordEvent(observation.siren, "address", old: old, new: address.line, db) }
                }
            }
            // Sirene gives no coordinates: take them from whoever has them.
            if (row["latitude"] as Double?) == nil, let lat = address.latitude, let lon = address.longitude {
                updates += [("latitude", lat), ("longitude", lon)]
                try provenance("geo", observation.siren, db)
            }
        }
        if let closure = observation.closure, (row["state"] as String) == "A" {
            updates += [("state", "C"), ("state_since", closure.date)]
            try provenance("state", observation.siren, db)
            try recordEvent(observation.siren, "closure", old: "A", new: closure.date.map { "C (\($0))" } ?? "C", db)
        }
        if !updates.isEmpty {
            updates.append(("last_run_id", run))
            try db.execute(
                sql: "UPDATE company SET \(updates.map { "\($0.column) = ?" }.joined(separator: ", ")) WHERE siren = ?",
                arguments: StatementArguments(updates.map(\.value) + [observation.siren]))
            changed = true
        }
        if let directors = observation.directors, !withheld {
            changed = try replaceDirectors(observation.siren, directors, db) || changed
        }
        if let finances = observation.finances {
            changed = try mergeFinances(observation.siren, finances, db) || changed
        }
        if let notice = observation.notice {
            changed = try recordNotice(observation.siren, notice, db) || changed
        }
        if changed && updates.isEmpty {
            try db.execute(
                sql: "UPDATE company SET last_run_id = ? WHERE siren = ?", arguments: [run, observation.siren])
        }
        return changed ? .changed : .unchanged
    }

    // MARK: - A company first seen outside Sirene

    private func create(_ observation: CompanyObservation, _ db: Database) throws -> Outcome {
        guard observation.mayCreate,
            filter.admits(
                active: observation.closure == nil, nafCode: observation.nafCode,
                creationDate: observation.creationDate, legalForm: observation.legalForm,
                department: observation.headOffice?.department)
        else { return .outOfScope }
        let withheld = observation.personalDataWithheld
        var columns: [(column: String, value: (any DatabaseValueConvertible)?)] = [
            ("siren", observation.siren), ("denomination", withheld ? nil : observation.name),
            ("legal_form", observation.legalForm), ("naf_code", observation.nafCode),
            ("creation_date", observation.creationDate), ("state", observation.closure == nil ? "A" : "C"),
            ("state_since", observation.closure?.date), ("first_run_id", run), ("last_run_id", run),
            // 0 marks a row Sirene has not given yet: its first Sirene row replaces these fields.
            ("row_hash", 0),
        ]
        if let address = observation.headOffice {
            columns +=
                Self.addressColumns(address) + [("latitude", address.latitude), ("longitude", address.longitude)]
        }
        try db.execute(
            sql: """
                INSERT INTO company (\(columns.map(\.column).joined(separator: ", ")))
                VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))
                """, arguments: StatementArguments(columns.map(\.value)))
        for (field, value) in [
            ("name", observation.name), ("legal_form", observation.legalForm), ("naf", observation.nafCode),
            ("creation_date", observation.creationDate), ("address", observation.headOffice?.line),
        ] where value != nil {
            try provenance(field, observation.siren, db)
        }
        if let directors = observation.directors, !withheld {
            _ = try replaceDirectors(observation.siren, directors, db)
        }
        if let finances = observation.finances { _ = try mergeFinances(observation.siren, finances, db) }
        if let notice = observation.notice { _ = try recordNotice(observation.siren, notice, db) }
        return .new
    }

    // MARK: - Directors, finances, notices

    /// Replaces the directors when this source ranks at least as high as the one that gave the
    /// current list and the lists differ; a change of an existing list is an important change.
    private func replaceDirectors(_ siren: Int, _ directors: [Director], _ db: Database) throws -> Bool {
        let current = try Row.fetchAll(
            db,
            sql: """
                SELECT kind, role, last_name, first_names, birth_year, legal_siren, legal_name, source
                FROM person WHERE siren = ? AND is_director = 1 AND erased_at IS NULL ORDER BY id
                """, arguments: [siren])
        let currentSource: String? = current.first?["source"]
        if let currentSource, SourcePrecedence.directorRank(currentSource) > SourcePrecedence.directorRank(source) {
            return false
        }
        let before = current.map { row in
            Director(
                kind: Director.Kind(rawValue: row["kind"]) ?? .physical, role: row["role"], lastName: row["last_name"],
                firstNames: row["first_names"], birthYear: row["birth_year"], legalSiren: row["legal_siren"],
                legalName: row["legal_name"])
        }
        // Order and spelling do not make a change; a new, gone or re-roled director does.
        func key(_ d: Director) -> String { d.identity + "|" + (d.role ?? "").lowercased() }
        guard Set(before.map(key)) != Set(directors.map(key)) else { return false }
        try db.execute(sql: "DELETE FROM person WHERE siren = ? AND is_director = 1", arguments: [siren])
        for d in directors {
            try db.execute(
                sql: """
                    INSERT INTO person (siren, kind, role, last_name, first_names, birth_year, legal_siren,
                      legal_name, is_director, source, retrieved_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)
                    """,
                arguments: [
                    siren, d.kind.rawValue, d.role, d.lastName, d.firstNames, d.birthYear, d.legalSiren, d.legalName,
                    source, now,
                ])
        }
        try provenance("directors", siren, db)
        if !before.isEmpty {
            try recordEvent(siren, "directors", old: Self.names(before), new: Self.names(directors), db)
        }
        return true
    }

    private static func names(_ directors: [Director]) -> String {
        directors.map { d in d.role.map { "\(d.displayName) (\($0))" } ?? d.displayName }.sorted()
            .joined(separator: "; ")
    }

    private func mergeFinances(_ siren: Int, _ years: [FinanceYear], _ db: Database) throws -> Bool {
        var changed = false
        for year in years {
            let row = try Row.fetchOne(
                db, sql: "SELECT revenue, net_income FROM finance WHERE siren = ? AND year = ?",
                arguments: [siren, year.year])
            if let row, (row["revenue"] as Int?) == year.revenue, (row["net_income"] as Int?) == year.netIncome {
                continue
            }
            try db.execute(
                sql: """
                    INSERT INTO finance (siren, year, revenue, net_income, source, retrieved_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (siren, year) DO UPDATE SET revenue = excluded.revenue,
                      net_income = excluded.net_income, source = excluded.source, retrieved_at = excluded.retrieved_at
                    """, arguments: [siren, year.year, year.revenue, year.netIncome, source, now])
            changed = true
        }
        if changed { try provenance("finances", siren, db) }
        return changed
    }

    /// A notice is recorded once, whatever the number of passes that read it.
    private func recordNotice(_ siren: Int, _ notice: LegalNotice, _ db: Database) throws -> Bool {
        let text = notice.eventText
        let seen = try Bool.fetchOne(
            db,
            sql:
                "SELECT EXISTS (SELECT 1 FROM change_event WHERE siren = ? AND kind = 'legal_notice' AND new_value = ?)",
            arguments: [siren, text])!
        guard !seen else { return false }
        try recordEvent(siren, "legal_notice", old: nil, new: text, db)
        return true
    }

    // MARK: - Helpers

    private static func addressColumns(_ a: ObservedAddress) -> [(
        column: String, value: (any DatabaseValueConvertible)?
    )] {
        [
            ("address_complement", a.complement), ("street_number", a.streetNumber), ("street_repetition", nil),
            ("street_type", a.streetType), ("street_name", a.streetName), ("postal_code", a.postalCode),
            ("city", a.city), ("city_code", a.cityCode), ("country", a.country),
        ]
    }

    private func addressLine(_ siren: Int, _ db: Database) throws -> String {
        let row = try Row.fetchOne(
            db,
            sql: """
                SELECT address_complement, street_number, street_type, street_name, postal_code, city, country
                FROM company WHERE siren = ?
                """, arguments: [siren])
        return ObservedAddress(
            streetNumber: row?["street_number"], streetType: row?["street_type"], streetName: row?["street_name"],
            complement: row?["address_complement"], postalCode: row?["postal_code"], city: row?["city"],
            country: row?["country"]
        ).line
    }

    private func provenance(_ field: String, _ siren: Int, _ db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO field_provenance (siren, field, source, retrieved_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (siren, field) DO UPDATE SET source = excluded.source, retrieved_at = excluded.retrieved_at
                """, arguments: [siren, field, source, now])
    }

    private func recordEvent(_ siren: Int, _ kind: String, old: String?, new: String?, _ db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO change_event (siren, kind, old_value, new_value, source, run_id, detected_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [siren, kind, old, new, source, run, now])
    }
}
