import GRDB

extension AppDatabase {
    /// Prospects newest first (by creation date, then SIREN), for the operator's list.
    public func newestProspects(limit: Int, offset: Int = 0) throws -> [Prospect] {
        try writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT siren, name, city, postal_code, naf_code, creation_date, state,
                           pipeline_status, score
                    FROM company
                    WHERE archived_at IS NULL
                    ORDER BY creation_date DESC NULLS LAST, siren DESC
                    LIMIT ? OFFSET ?
                    """, arguments: [limit, offset]
            ).map(Self.prospect(from:))
        }
    }

    /// How many prospects the list can show.
    public func prospectCount() throws -> Int {
        try writer.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM company WHERE archived_at IS NULL") ?? 0
        }
    }

    /// The full card of one prospect, or nil when the SIREN is unknown.
    public func card(siren: Int) throws -> ProspectCard? {
        try writer.read { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT c.*, u.name AS owner_name,
                          (SELECT COUNT(*) FROM establishment e WHERE e.siren = c.siren) AS establishment_count
                        FROM company c LEFT JOIN user u ON u.id = c.owner_id
                        WHERE c.siren = ?
                        """, arguments: [siren])
            else { return nil }
            let directors = try Row.fetchAll(
                db,
                sql: """
                    SELECT kind, role, last_name, first_names, legal_name, source FROM person
                    WHERE siren = ? AND is_director = 1 AND erased_at IS NULL ORDER BY id
                    """, arguments: [siren]
            ).map { r -> ProspectCard.Director in
                let person = [r["first_names"] as String?, r["last_name"] as String?]
                    .compactMap { $0 }.joined(separator: " ")
                let name = (r["kind"] as String) == "legal" ? (r["legal_name"] as String? ?? person) : person
                return ProspectCard.Director(name: name, role: r["role"], source: r["source"])
            }
            let points = try Row.fetchAll(
                db,
                sql: """
                    SELECT kind, value, label, source, opted_out FROM contact_point
                    WHERE siren = ? ORDER BY kind, id
                    """, arguments: [siren]
            ).map {
                ProspectCard.ContactPoint(
                    kind: $0["kind"], value: $0["value"], label: $0["label"], source: $0["source"],
                    optedOut: $0["opted_out"])
            }
            let provenance = try String.fetchAll(
                db, sql: "SELECT DISTINCT source FROM field_provenance WHERE siren = ? ORDER BY source",
                arguments: [siren])
            let nic: String? = row["head_office_nic"]
            let legalForm: String? = row["legal_form"]
            let nafCode: String? = row["naf_code"]
            let sizeBand: String? = row["size_band"]
            return ProspectCard(
                siren: siren,
                headOfficeSiret: nic.flatMap { Int($0) }.map { siren * 100_000 + $0 },
                name: row["name"] ?? "",
                acronym: row["acronym"],
                legalForm: legalForm,
                legalFormLabel: legalForm.flatMap(LegalForms.label(for:)),
                creationDate: row["creation_date"],
                isActive: (row["state"] as String) == "A",
                stateSince: row["state_since"],
                isPartiallyDiffused: (row["diffusion"] as String) == "P",
                addressLines: Self.addressLines(row),
                department: row["department"],
                nafCode: nafCode,
                nafLabel: nafCode.flatMap(NAFCatalog.label(for:)),
                sizeBand: sizeBand,
                sizeBandLabel: sizeBand.flatMap(SizeBands.label(for:)),
                category: row["category"],
                directors: directors,
                contactPoints: points,
                website: row["website"],
                websiteVerdict: row["website_verdict"],
                googlePresence: row["google_presence"],
                notes: row["notes"],
                score: row["score"],
                scoreReasons: row["score_reasons"],
                status: PipelineStatus(rawValue: row["pipeline_status"]) ?? .nouveau,
                doNotContact: row["do_not_contact"],
                isArchived: (row["archived_at"] as String?) != nil,
                ownerName: row["owner_name"],
                importedAt: row["imported_at"],
                updatedAt: row["updated_at"],
                sources: Array(Set([row["source"] as String] + provenance)).sorted(),
                establishmentCount: row["establishment_count"])
        }
    }

    /// The value SQLite bumps whenever another connection commits. Read it always on the same
    /// connection (the pool's writer): values from different connections do not compare.
    public func dataVersion() throws -> Int {
        try writer.writeWithoutTransaction { db in
            try Int.fetchOne(db, sql: "PRAGMA data_version") ?? 0
        }
    }

    static func prospect(from row: Row) -> Prospect {
        Prospect(
            siren: row["siren"],
            name: row["name"] ?? "",
            city: row["city"],
            postalCode: row["postal_code"],
            nafCode: row["naf_code"],
            creationDate: row["creation_date"],
            isActive: (row["state"] as String) == "A",
            status: PipelineStatus(rawValue: row["pipeline_status"]) ?? .nouveau,
            score: row["score"])
    }

    /// Postal lines in the French order: complement, street, postcode and city, country.
    static func addressLines(_ row: Row) -> [String] {
        let street = [
            row["street_number"] as String?, row["street_repetition"] as String?,
            row["street_type"] as String?, row["street_name"] as String?,
        ].compactMap { $0 }.joined(separator: " ")
        let city = [row["postal_code"] as String?, row["city"] as String?]
            .compactMap { $0 }.joined(separator: " ")
        return [row["address_complement"] as String?, street, city, row["country"] as String?]
            .compactMap { $0 }.filter { !$0.isEmpty }
    }
}
