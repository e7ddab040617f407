import FilonCore
import GRDB

/// The prepared statements one Sirene import runs, prepared once per file.
final class SireneStatements {
    let upsert: RawStatement
    /// The same upsert for `rowsPerInsert` rows at once: fewer statement steps per row.
    let upsertMany: RawStatement
    static let rowsPerInsert = 32
    let cursor: RawStatement
    private let point: RawStatement
    private let snapshotQuery: RawStatement?
    private let exists: RawStatement
    private let changeEvent: RawStatement
    private let headOfficeState: RawStatement
    private let copyAddress: RawStatement
    private let addressText: RawStatement

    /// Columns compared before and after a legal unit's update, to write change events.
    static let unitSnapshotColumns = [
        "diffusion", "state", "name", "naf_code", "size_band", "legal_form", "head_office_nic",
    ]

    /// The address columns copied from the head-office establishment to its company.
    static let addressCopy = """
        address_complement, street_number, street_repetition, street_type, street_name, postal_code,
        city, city_code, country, address_hash
        """
    static let addressSource = """
        e.address_complement, e.street_number, e.street_repetition, e.street_type, e.street_name,
        e.postal_code, COALESCE(e.city, e.foreign_city), e.city_code, e.foreign_country, e.address_hash
        """

    /// Parameter numbers of the upsert after the layout's columns (which take 2...n+1; 1 is the key).
    struct Parameters {
        let siren, addressHash, run, hash: Int32
        init(columnCount: Int) {
            let base = Int32(columnCount) + 2
            (siren, addressHash, run, hash) = (base, base + 1, base + 2, base + 3)
        }
    }

    let parameters: Parameters
    private let establishmentAddress: RawStatement

    init(_ db: Database, layout: SireneLayout) throws {
        let table = layout.table
        let key = layout.kind == .legalUnits ? "siren" : "siret"
        let p = Parameters(columnCount: layout.columns.count)
        parameters = p
        var columns = [key] + layout.columns.map(\.column)
        var parameters = (1...Int32(columns.count)).map { $0 }
        var updated = layout.columns.map(\.column)
        if layout.kind == .establishments {
            columns += ["siren", "address_hash"]
            parameters += [p.siren, p.addressHash]
            updated += ["address_hash"]
        }
        columns += ["first_run_id", "last_run_id", "row_hash"]
        parameters += [p.run, p.run, p.hash]
        let updates = (updated + ["last_run_id", "row_hash"]).map { "\($0) = excluded.\($0)" }
        // Row r of a multi-row statement takes the parameters of row 0 shifted by r × hash.
        let rows = { (count: Int32) in
            (0..<count).map { r in
                "(" + parameters.map { "?\($0 + r * p.hash)" }.joined(separator: ", ") + ")"
            }.joined(separator: ", ")
        }
        let sql = { (count: Int32) in
            """
            INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES \(rows(count))
            ON CONFLICT(\(key)) DO UPDATE SET \(updates.joined(separator: ", "))
            """
        }
        upsert = try RawStatement(db, sql: sql(1))
        upsertMany = try RawStatement(db, sql: sql(Int32(Self.rowsPerInsert)))
        establishmentAddress = try RawStatement(db, sql: "SELECT address_hash FROM establishment WHERE siret = ?")
        cursor = try RawStatement(db, sql: "SELECT \(key), row_hash FROM \(table) WHERE \(key) >= ? ORDER BY \(key)")
        point = try RawStatement(db, sql: "SELECT row_hash FROM \(table) WHERE \(key) = ?")
        snapshotQuery =
            layout.kind == .legalUnits
            ? try RawStatement(
                db, sql: "SELECT \(Self.unitSnapshotColumns.joined(separator: ", ")) FROM company WHERE siren = ?")
            : nil
        exists = try RawStatement(db, sql: "SELECT 1 FROM company WHERE siren = ?")
        changeEvent = try RawStatement(
            db,
            sql: """
                INSERT INTO change_event (siren, siret, kind, old_value, new_value, source, run_id, detected_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
        headOfficeState = try RawStatement(
            db, sql: "SELECT address_hash, head_office_nic FROM company WHERE siren = ?")
        copyAddress = try RawStatement(
            db,
            sql: """
                UPDATE company SET (\(Self.addressCopy)) = (SELECT \(Self.addressSource) FROM establishment e
                  WHERE e.siret = ?1), last_run_id = ?2
                WHERE siren = ?3
                """)
        addressText = try RawStatement(
            db,
            sql: """
                SELECT TRIM(COALESCE(address_complement || ', ', '') ||
                  COALESCE(street_number || ' ', '') || COALESCE(street_repetition || ' ', '') ||
                  COALESCE(street_type || ' ', '') || COALESCE(street_name || ', ', '') ||
                  COALESCE(postal_code || ' ', '') || COALESCE(city, '') ||
                  COALESCE(' ' || country, ''), ', ')
                FROM company WHERE siren = ?
                """)
    }

    func pointHash(_ key: Int64) throws -> Int64? {
        point.bind(1, int: key)
        defer { point.reset() }
        return try point.step() ? point.int64(0) : nil
    }

    func companyExists(_ siren: Int64) throws -> Bool {
        exists.bind(1, int: siren)
        defer { exists.reset() }
        return try exists.step()
    }

    /// The values of `unitSnapshotColumns` for a legal unit, or nil when it is not stored.
    func snapshot(key: Int64) throws -> [String: String?]? {
        guard let query = snapshotQuery else { return nil }
        query.bind(1, int: key)
        defer { query.reset() }
        guard try query.step() else { return nil }
        var result: [String: String?] = [:]
        for (i, column) in Self.unitSnapshotColumns.enumerated() { result[column] = query.text(Int32(i)) }
        return result
    }

    func recordChange(
        siren: Int64, siret: Int64?, kind: String, old: String?, new: String?, source: String, run: Int, at: String
    ) throws {
        changeEvent.bind(1, int: siren)
        if let siret { changeEvent.bind(2, int: siret) } else { changeEvent.bindNull(2) }
        changeEvent.bind(3, text: kind)
        changeEvent.bind(4, text: old)
        changeEvent.bind(5, text: new)
        changeEvent.bind(6, text: source)
        changeEvent.bind(7, int: Int64(run))
        changeEvent.bind(8, text: at)
        try changeEvent.run()
    }

    /// Gives a company the address of its head-office establishment when it differs, and journals
    /// the move when the company already had an address. A company whose legal unit names another
    /// establishment as head office keeps that one.
    func copyHeadOfficeAddress(siren: Int64, siret: Int64, now: String, source: String, run: Int) throws {
        headOfficeState.bind(1, int: siren)
        guard try headOfficeState.step() else { return headOfficeState.reset() }
        let oldHash: Int64? = headOfficeState.isNull(0) ? nil : headOfficeState.int64(0)
        let nic = headOfficeState.text(1)
        headOfficeState.reset()
        if let nic, let value = Int64(nic), value != siret % 100_000 { return }
        guard let newHash = try establishmentAddressHash(siret), newHash != oldHash else { return }
        let oldText = oldHash == nil ? nil : try address(of: siren)
        copyAddress.bind(1, int: siret)
        copyAddress.bind(2, int: Int64(run))
        copyAddress.bind(3, int: siren)
        try copyAddress.run()
        if oldHash != nil {
            try recordChange(
                siren: siren, siret: siret, kind: "address", old: oldText, new: try address(of: siren), source: source,
                run: run, at: now)
        }
    }

    private func establishmentAddressHash(_ siret: Int64) throws -> Int64? {
        establishmentAddress.bind(1, int: siret)
        defer { establishmentAddress.reset() }
        return try establishmentAddress.step() ? establishmentAddress.int64(0) : nil
    }

    private func address(of siren: Int64) throws -> String? {
        addressText.bind(1, int: siren)
        defer { addressText.reset() }
        return try addressText.step() ? addressText.text(0) : nil
    }
}
