import GRDB

extension AppDatabase {
    /// The history of a prospect, newest first: what people and the daemon did (activity) and
    /// what the registries changed (change events), in one list.
    public func timeline(siren: Int, limit: Int = 50) throws -> [TimelineEntry] {
        try writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT a.created_at AS at, a.kind, u.name AS who, a.disposition, a.old_value, a.new_value,
                      a.detail, a.duration_seconds AS duration, a.id AS ordinal, 0 AS registry
                    FROM activity a LEFT JOIN user u ON u.id = a.user_id WHERE a.siren = ?1
                    UNION ALL
                    SELECT e.detected_at, e.kind, e.source, NULL, e.old_value, e.new_value, NULL, NULL, e.id, 1
                    FROM change_event e WHERE e.siren = ?1
                    ORDER BY at DESC, registry, ordinal DESC
                    LIMIT ?2
                    """, arguments: [siren, limit]
            ).map { row in
                let kind: String = row["kind"]
                let values = [row["old_value"] as String?, row["new_value"] as String?].compactMap { $0 }
                var parts: [String] = []
                if let disposition = (row["disposition"] as String?).flatMap(Disposition.init(rawValue:)) {
                    parts.append(disposition.label)
                } else if !values.isEmpty {
                    parts.append(values.joined(separator: " → "))
                }
                let duration: Int? = row["duration"]
                // "call" with it, so that 02:35 does not read as a time of day.
                if let duration { parts.append("call \(CallTimer.format(seconds: duration))") }
                if let detail = row["detail"] as String?, !detail.isEmpty { parts.append(detail) }
                return TimelineEntry(
                    at: row["at"], kind: (row["registry"] as Bool) ? "registry \(kind)" : kind, who: row["who"],
                    text: parts.joined(separator: " — "), durationSeconds: duration)
            }
        }
    }
}
