import FilonCore
import Foundation
import GRDB

/// The work views' reads: search, the follow-ups due today, the forgotten prospects.
extension OperatorStore {
    /// Rows a work view holds at most.
    public static let viewLimit = 200

    public func rows(for view: WorkView) throws -> [ViewRow] {
        switch view {
        case .search(let text): return try search(text)
        case .followUpsToday: return try followUpsToday()
        case .forgotten: return try forgotten()
        case .prospects(let filter): return try prospects(filter)
        }
    }

    /// Everyone's lists for an admin, else the user's own; nothing for a read-only session.
    private var listOwner: (id: Int?, showsOwner: Bool)? {
        guard let user = session.activeUser else { return nil }
        return user.role == .admin ? (nil, true) : (user.id, false)
    }

    /// Companies by name, SIREN, city, director or phone (`ProspectSearch`), with what matched
    /// when it is not the name.
    public func search(_ text: String) throws -> [ViewRow] {
        try database.writer.read { db in
            let hits = try ProspectSearch().search(text, limit: Self.viewLimit, db)
            let statuses = try Self.statuses(hits.map(\.siren), db)
            return hits.map { hit in
                let other = hit.matches.first { $0.field != .name }
                let detail = other.map { "\(Self.label($0.field)) \($0.text)" } ?? (hit.city ?? "")
                return ViewRow(
                    siren: hit.siren, name: hit.name, city: hit.city, status: statuses[hit.siren], detail: detail)
            }
        }
    }

    public func followUpsToday() throws -> [ViewRow] {
        guard let owner = listOwner else { return [] }
        let now = clock()
        let agenda = FollowUpAgenda(endOfDay: LocalTime.endOfDay(now))
        return try database.writer.read { db in
            try agenda.entries(ownerID: owner.id, limit: Self.viewLimit, db).map { entry in
                let overdue = entry.at <= now
                var detail = (overdue ? "overdue " : "") + LocalTime.compact(entry.at, now: now)
                if owner.showsOwner, let login = entry.owner { detail += " · \(login)" }
                if let note = entry.note, !note.isEmpty { detail += " · \(note)" }
                return ViewRow(
                    siren: entry.siren, name: entry.name, city: entry.city, status: entry.status, detail: detail,
                    isUrgent: overdue)
            }
        }
    }

    public func forgotten() throws -> [ViewRow] {
        guard let owner = listOwner else { return [] }
        let now = clock()
        let list = ForgottenProspects(settings: calling, now: now)
        return try database.writer.read { db in
            try list.entries(ownerID: owner.id, limit: Self.viewLimit, db).map { entry in
                let days = Int(now.timeIntervalSince(entry.at) / 86_400)
                var detail = "untouched \(days) d, since \(LocalTime.short(entry.at, now: now).prefix(5))"
                if owner.showsOwner, let login = entry.owner { detail += " · \(login)" }
                return ViewRow(
                    siren: entry.siren, name: entry.name, city: entry.city, status: entry.status, detail: detail)
            }
        }
    }

    private static func label(_ field: SearchHit.Field) -> String {
        switch field {
        case .name: return "name"
        case .siren: return "SIREN"
        case .city: return "city"
        case .director: return "director"
        case .phone: return "phone"
        }
    }

    /// The pipeline status of the companies that are prospects.
    private static func statuses(_ sirens: [Int], _ db: Database) throws -> [Int: PipelineStatus] {
        guard !sirens.isEmpty else { return [:] }
        var out: [Int: PipelineStatus] = [:]
        let json = "[" + sirens.map(String.init).joined(separator: ",") + "]"
        for row in try Row.fetchAll(
            db, sql: "SELECT siren, pipeline_status FROM prospect WHERE siren IN (SELECT value FROM json_each(?))",
            arguments: [json])
        {
            out[row["siren"]] = PipelineStatus(rawValue: row["pipeline_status"])
        }
        return out
    }
}
