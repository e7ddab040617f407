/// One page of `/siren` or `/siret`: the paging header and the items, kept as JSON so that every
/// variable reaches the stock importer under its own name.
struct SireneAPIPage: Decodable {
    struct Header: Decodable {
        var total: Int?
        var curseur: String?
        var curseurSuivant: String?
    }

    var header: Header
    var unitesLegales: [JSONValue]?
    var etablissements: [JSONValue]?

    /// A unit as a stock row: its own variables, then those of its current period (`dateFin`
    /// null), which is what the stock file holds.
    static func unitRecord(_ unit: JSONValue) -> [String: String] {
        var record = scalars(unit)
        if let period = currentPeriod(unit["periodesUniteLegale"]) { record.merge(scalars(period)) { $1 } }
        return record
    }

    /// An establishment as a stock row: its variables, its address blocks and its current period.
    static func establishmentRecord(_ establishment: JSONValue) -> [String: String] {
        var record = scalars(establishment)
        for block in ["adresseEtablissement", "adresse2Etablissement"] {
            if let address = establishment[block] { record.merge(scalars(address)) { $1 } }
        }
        if let period = currentPeriod(establishment["periodesEtablissement"]) {
            record.merge(scalars(period)) { $1 }
        }
        return record
    }

    private static func scalars(_ value: JSONValue) -> [String: String] {
        guard case .object(let fields) = value else { return [:] }
        var record: [String: String] = [:]
        for (key, field) in fields where key != "dateFin" {
            if let text = field.scalarText { record[key] = text }
        }
        return record
    }

    private static func currentPeriod(_ periods: JSONValue?) -> JSONValue? {
        guard case .array(let list) = periods else { return nil }
        return list.first { ($0["dateFin"] ?? .null).isNull } ?? list.first
    }
}
