import Foundation
import GRDB

/// The prospects an admin picks to reassign: by owner (a user, or nobody), pipeline statuses,
/// tiers and search text, a page at a time.
///
/// Order and cost, measured on 1 M prospects: with an owner (or "unowned") the rows come by
/// status then SIREN, the order of the `prospect_owner` (owner, status) index, so a page is
/// read from it without sorting (a few ms, whatever the owner holds). Without an owner they come
/// in SIREN order, scanning the prospects in key order until the page is full: instant for
/// common filters, a full scan (~0.2 s) for a rare status or tier alone. With text,
/// `ProspectSearch` finds the companies (its order, best matches first) and the filters apply to
/// its first `searchLimit` matches: a search narrows, it does not list thousands.
public struct ProspectSelection: Sendable, Equatable {
    public enum Owner: Sendable, Equatable {
        case user(Int)
        case unowned
    }

    /// nil: anyone's or nobody's.
    public var owner: Owner?
    /// Empty: any status.
    public var statuses: [PipelineStatus]
    /// Empty: any tier, unscored prospects included.
    public var tiers: [Tier]
    /// Blank or nil: no search.
    public var text: String?
    public var limit: Int
    public var offset: Int

    /// How many search matches the filters look at.
    public static let searchLimit = 2_000

    public init(
        owner: Owner? = nil, statuses: [PipelineStatus] = [], tiers: [Tier] = [], text: String? = nil,
        limit: Int = 100, offset: Int = 0
    ) {
        self.owner = owner
        self.statuses = statuses
        self.tiers = tiers
        self.text = text
        self.limit = limit
        self.offset = offset
    }

    /// One page of the selection (`limit` rows from `offset`).
    public func rows(_ db: Database) throws -> [SelectedProspect] {
        guard limit > 0 else { return [] }
        guard let query = try query(db) else { return [] }
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT p.siren, c.name, c.city, p.owner_id, u.login, p.pipeline_status, p.tier, p.score, p.assigned_at
                \(query.from) WHERE \(query.conditions) ORDER BY \(query.order) LIMIT ? OFFSET ?
                """, arguments: query.arguments + [limit, max(0, offset)])
        return rows.map { row in
            SelectedProspect(
                siren: row[0], name: row[1], city: row[2], ownerID: row[3], ownerLogin: row[4],
                status: PipelineStatus(rawValue: row[5]) ?? .nouveau, tier: (row[6] as String?).flatMap(Tier.init),
                score: row[7], assignedAt: (row[8] as String?).flatMap(Timestamp.date(_:)))
        }
    }

    /// How many prospects the selection holds, all pages.
    public func count(_ db: Database) throws -> Int {
        guard let query = try query(db) else { return 0 }
        return try Int.fetchOne(
            db, sql: "SELECT COUNT(*) \(query.from) WHERE \(query.conditions)", arguments: query.arguments) ?? 0
    }

    /// Every SIREN of the selection, all pages, in the rows' order: what "reassign the selection"
    /// moves.
    public func sirens(_ db: Database) throws -> [Int] {
        guard let query = try query(db) else { return [] }
        return try Int.fetchAll(
            db, sql: "SELECT p.siren \(query.from) WHERE \(query.conditions) ORDER BY \(query.order)",
            arguments: query.arguments)
    }

    // MARK: - The query

    struct Query {
        var from: String
        var conditions: String
        var order: String
        var arguments: StatementArguments
    }

    /// nil when a search finds nothing.
    func query(_ db: Database) throws -> Query? {
        var from = "FROM prospect p JOIN company c ON c.siren = p.siren LEFT JOIN user u ON u.id = p.owner_id"
        var conditions: [String] = []
        var arguments: StatementArguments = []
        var order = "p.siren"
        if let text, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            let hits = try ProspectSearch().search(text, limit: Self.searchLimit, db)
            guard !hits.isEmpty else { return nil }
            // The search's order, through the position of each SIREN in the list.
            from =
                "FROM json_each(?) j JOIN prospect p ON p.siren = j.value JOIN company c ON c.siren = p.siren "
                + "LEFT JOIN user u ON u.id = p.owner_id"
            _ = arguments.append(contentsOf: ["[" + hits.map { String($0.siren) }.joined(separator: ",") + "]"])
            order = "j.key"
        }
        switch owner {
        case .user(let id):
            conditions.append("p.owner_id = ?")
            _ = arguments.append(contentsOf: [id])
        case .unowned:
            conditions.append("p.owner_id IS NULL")
        case nil:
            break
        }
        if owner != nil && order == "p.siren" {
            // prospect_owner's own order: a page is read straight from the index, never sorted
            // (800k unowned prospects took 180 ms to sort, 3 ms read in index order).
            order = "p.pipeline_status, p.siren"
        }
        if !statuses.isEmpty {
            conditions.append("p.pipeline_status IN (\(Self.placeholders(statuses.count)))")
            _ = arguments.append(contentsOf: StatementArguments(statuses.map(\.rawValue)))
        }
        if !tiers.isEmpty {
            conditions.append("p.tier IN (\(Self.placeholders(tiers.count)))")
            _ = arguments.append(contentsOf: StatementArguments(tiers.map(\.rawValue)))
        }
        return Query(
            from: from, conditions: conditions.isEmpty ? "1" : conditions.joined(separator: " AND "), order: order,
            arguments: arguments)
    }

    private static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ", ")
    }
}
