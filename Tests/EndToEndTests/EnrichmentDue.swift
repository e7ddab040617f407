import FilonCore
import Foundation
import GRDB
import TestSupport

/// The companies an enrichment pass takes next (the stage's own order: active, newest first),
/// and a fake web that knows them but for homonyms in one postcode, which a name search cannot
/// tell apart.
struct EnrichmentDue {
    let rows: [Row]
    /// Those with a name and a postcode: what a search provider is asked for.
    let searchable: [FakeWeb.Company]
    let web: FakeWeb

    init(_ database: AppDatabase, companies: Int) throws {
        rows = try database.writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT c.siren, c.name, c.postal_code, c.city FROM company c
                    WHERE c.state = 'A' AND NOT (c.diffusion = 'P' AND c.legal_form IS '1000')
                    ORDER BY c.creation_date DESC, c.siren DESC LIMIT ?
                    """, arguments: [companies])
        }
        searchable = rows.compactMap { row -> FakeWeb.Company? in
            guard let name = row["name"] as String?, let postcode = row["postal_code"] as String? else { return nil }
            return FakeWeb.Company(
                siren: Siren.pad(row["siren"] as Int, 9), name: name, postalCode: postcode, city: row["city"] ?? "")
        }
        let homonyms = Dictionary(grouping: searchable, by: { $0.name + "|" + $0.postalCode }).filter {
            $0.value.count > 1
        }
        web = FakeWeb(companies: searchable.filter { homonyms[$0.name + "|" + $0.postalCode] == nil })
    }
}
