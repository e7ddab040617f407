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
        // The lines the latest complete run of each file or source could not use. A killed run keeps
        // the issues of the batches it committed, and its rerun reads those lines again: the journal
        // of the killed run is history, not what the database knows.
        (
            "run_issue",
            """
            SELECT r.source, r.kind, i.line, i.message FROM run_issue i JOIN run r ON r.id = i.run_id
            WHERE i.run_id IN (SELECT MAX(id) FROM run WHERE status = 'ok' GROUP BY source, kind, target)
            ORDER BY r.source, r.kind, i.line, i.message
            """
        ),
        // Enrichment and scoring: everything but when and by which run.
        (
            "prospect",
            """
            SELECT siren, pipeline_status, score, score_reasons, tier, route, route_reason, owner_id, do_not_contact,
              archived_at, call_state FROM prospect ORDER BY siren
            """
        ),
        (
            "web_presence",
            """
            SELECT siren, website, website_source, website_verdict, google_presence, google_rating, google_reviews,
              digital_maturity, maturity_reasons FROM web_presence ORDER BY siren
            """
        ),
        (
            "website_audit",
            """
            SELECT siren, url, final_url, reachable, http_status, https, certificate_valid, redirects_to_https,
              has_viewport, cms, copyright_year, last_modified, bytes, title, description, legal_notice_has_siren,
              parked, local_business_schema, social_links, error, maturity, maturity_reasons
            FROM website_audit ORDER BY siren
            """
        ),
        (
            "contact_point",
            """
            SELECT c.siren, c.kind, c.value, c.normalized, c.label, c.is_personal, c.validation, c.source, c.subtype,
              c.opted_out, p.last_name AS person_last_name, p.first_names AS person_first_names
            FROM contact_point c LEFT JOIN person p ON p.id = c.person_id ORDER BY c.siren, c.kind, c.normalized
            """
        ),
        (
            "company_signal",
            "SELECT siren, kind, detail, source FROM company_signal ORDER BY siren, kind, detail"
        ),
        // Credits and companies are added in the transaction that stores the answer, so a killed
        // pass counts exactly what it stored. Requests are added when a provider's turn ends: a
        // killed turn's requests are never counted (see KillDuringEnrichmentTests).
        (
            "provider_spend",
            """
            SELECT provider, SUM(credits) AS credits, SUM(companies) AS companies,
              MAX(exhausted_at IS NOT NULL) AS exhausted
            FROM provider_spend GROUP BY provider ORDER BY provider
            """
        ),
        ("enrichment_state", "SELECT siren FROM enrichment_state ORDER BY siren"),
        (
            "activity",
            """
            SELECT siren, user_id, kind, disposition, old_value, new_value, detail, duration_seconds FROM activity
            ORDER BY siren, kind, new_value, detail
            """
        ),
        // Tables, indexes and triggers: an import that drops its indexes while it loads must put
        // them back even when it was killed in between.
        (
            "schema",
            "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name"
        ),
    ]

    /// Columns that record which run or when, not what.
    static let ignored: Set<String> = ["first_run_id", "last_run_id"]

    init(path: String) throws {
        let database = try AppDatabase.open(path: path)
        tables = try database.writer.read { db in
            var tables: [String: [String]] = [:]
            for (name, sql) in Self.queries {
                // Columns by position, found once per table: reading them by name row after row
                // made a snapshot of a few thousand companies take seconds in a debug build.
                var columns: [(index: Int, name: String)]?
                var lines: [String] = []
                let rows = try Row.fetchCursor(db, sql: sql)
                while let row = try rows.next() {
                    let kept =
                        columns
                        ?? row.columnNames.enumerated().filter { !Self.ignored.contains($0.element) }.map {
                            (index: $0.offset, name: $0.element)
                        }
                    columns = kept
                    var line = ""
                    for column in kept {
                        if !line.isEmpty { line += " " }
                        line += column.name + "=" + Self.text(row[column.index] as DatabaseValue)
                    }
                    lines.append(line)
                }
                tables[name] = lines
            }
            return tables
        }
    }

    /// A value as the failure shows it; text is quoted so that "1" and 1 differ.
    static func text(_ value: DatabaseValue) -> String {
        switch value.storage {
        case .null: return "NULL"
        case .int64(let number): return String(number)
        case .double(let number): return String(number)
        case .string(let text): return "\"" + text + "\""
        case .blob(let data): return "<" + data.base64EncodedString() + ">"
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
