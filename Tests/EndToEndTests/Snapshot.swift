import FilonCore
import GRDB

/// What a database says about France, without what depends on when or in how many runs it was
/// learnt (run ids, timestamps): two databases that know the same things compare equal.
struct Snapshot: Equatable {
    var tables: [String: [String]]

    static let queries: [(String, String)] = [
        ("company", "SELECT * FROM company ORDER BY siren"),
        ("establishment", "SELECT * FROM establishment ORDER BY siret"),
        (
            "person",
            """
            SELECT siren, kind, role, last_name, first_names, birth_year, legal_siren, legal_name, source
            FROM person ORDER BY siren, last_name, first_names
            """
        ),
        (
            "change_event",
            "SELECT siren, siret, kind, old_value, new_value, source FROM change_event ORDER BY siren, kind, new_value"
        ),
        ("finance", "SELECT siren, year, revenue, net_income, source FROM finance ORDER BY siren, year"),
        ("field_provenance", "SELECT siren, field, source FROM field_provenance ORDER BY siren, field"),
        ("provider_fetch", "SELECT provider, siren, outcome FROM provider_fetch ORDER BY provider, siren"),
        // recherche-entreprises and the search index keep a position in the run journal, which
        // counts killed runs too.
        (
            "source_state",
            """
            SELECT source,
              CASE WHEN source IN ('recherche_entreprises', 'search_index') THEN NULL ELSE watermark END AS watermark,
              cursor FROM source_state ORDER BY source
            """
        ),
    ]

    /// Columns that record which run or when, not what.
    static let ignored: Set<String> = ["first_run_id", "last_run_id"]

    init(path: String) throws {
        let database = try AppDatabase.open(path: path)
        tables = try database.writer.read { db in
            var tables: [String: [String]] = [:]
            for (name, sql) in Self.queries {
                tables[name] = try Row.fetchAll(db, sql: sql).map { row in
                    row.columnNames.filter { !Self.ignored.contains($0) }
                        .map { "\($0)=\(row[$0] as DatabaseValue)" }.joined(separator: " ")
                }
            }
            return tables
        }
    }

    /// The first rows that differ, table by table, for a readable failure.
    func difference(from other: Snapshot) -> String {
        var lines: [String] = []
        for (name, _) in Self.queries {
            let mine = tables[name] ?? []
            let theirs = other.tables[name] ?? []
            guard mine != theirs else { continue }
            lines.append("\(name): \(mine.count) rows vs \(theirs.count)")
            lines += Set(mine).subtracting(theirs).prefix(3).map { "  + \($0)" }
            lines += Set(theirs).subtracting(mine).prefix(3).map { "  - \($0)" }
        }
        return lines.joined(separator: "\n")
    }
}
