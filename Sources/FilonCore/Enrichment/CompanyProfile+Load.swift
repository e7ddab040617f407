import GRDB

extension CompanyProfile {
    /// The profile of a stored company, with what every source found so far; nil when unknown.
    public static func load(siren: Int, _ db: Database) throws -> CompanyProfile? {
        guard
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT c.*, p.score, w.website FROM company c
                    LEFT JOIN prospect p ON p.siren = c.siren LEFT JOIN web_presence w ON w.siren = c.siren
                    WHERE c.siren = ?
                    """, arguments: [siren])
        else { return nil }
        let directors = try Row.fetchAll(
            db,
            sql: """
                SELECT kind, role, last_name, first_names, birth_year, legal_siren, legal_name FROM person
                WHERE siren = ? AND is_director = 1 AND erased_at IS NULL ORDER BY id
                """, arguments: [siren]
        ).map {
            Director(
                kind: Director.Kind(rawValue: $0["kind"]) ?? .physical, role: $0["role"], lastName: $0["last_name"],
                firstNames: $0["first_names"], birthYear: $0["birth_year"], legalSiren: $0["legal_siren"],
                legalName: $0["legal_name"])
        }
        let points = try Row.fetchAll(
            db, sql: "SELECT kind, value FROM contact_point WHERE siren = ? AND opted_out = 0 ORDER BY id",
            arguments: [siren])
        let website: String? = row["website"]
        let sites = points.filter { ($0["kind"] as String) == "website" }.map { $0["value"] as String }
        let nic: String? = row["head_office_nic"]
        return CompanyProfile(
            siren: siren, name: row["name"], legalForm: row["legal_form"], nafCode: row["naf_code"],
            creationDate: row["creation_date"], isActive: (row["state"] as String) == "A",
            address: ObservedAddress(
                streetNumber: row["street_number"], streetType: row["street_type"], streetName: row["street_name"],
                complement: row["address_complement"], postalCode: row["postal_code"], city: row["city"],
                cityCode: row["city_code"], country: row["country"], latitude: row["latitude"],
                longitude: row["longitude"]),
            headOfficeSiret: nic.flatMap { Int($0) }.map { siren * 100_000 + $0 }, directors: directors,
            websites: ([website].compactMap { $0 } + sites).uniqued(),
            linkedinURLs: points.filter { ($0["kind"] as String) == "linkedin" }.map { $0["value"] as String },
            score: row["score"] ?? 0)
    }
}

extension Array where Element: Hashable {
    fileprivate func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
