import FilonCore
import Foundation
import GRDB

/// The admin screen's reads and the dashboard. The core checks the rights: a telemarketer who
/// reached these reads gets `PermissionError`, whatever the screen showed.
extension OperatorStore {
    /// The team with each user's load, capacity and today's activity.
    public func team() throws -> [UserWorkload] {
        let actor = session.activeUser?.id ?? 0
        let directory = UserDirectory(now: clock())
        return try database.writer.read { db in
            _ = try Permissions.requireAdmin(actor, to: "open the admin screen", db)
            return try directory.list(db)
        }
    }

    /// One user's prospects for the admin, as the list shows them.
    public func prospects(_ filter: SelectionFilter) throws -> [ViewRow] {
        let actor = session.activeUser?.id ?? 0
        let now = clock()
        let selection = ProspectSelection(
            owner: .user(filter.ownerID), statuses: filter.status.map { [$0] } ?? [],
            tiers: filter.tier.map { [$0] } ?? [], limit: Self.viewLimit)
        return try database.writer.read { db in
            _ = try Permissions.requireAdmin(actor, to: "open the admin screen", db)
            return try selection.rows(db).map { row in
                var detail = row.tier.map { "tier \($0.rawValue) · " } ?? ""
                detail += "\(row.score) pts"
                if let assigned = row.assignedAt {
                    detail += " · since \(LocalTime.short(assigned, now: now).prefix(5))"
                }
                return ViewRow(siren: row.siren, name: row.name, city: row.city, status: row.status, detail: detail)
            }
        }
    }

    /// The dashboard: the team's figures for an admin, the user's own for the others, over the
    /// last `ReportPeriod.defaultDays` days.
    public func report() throws -> TeamReport {
        let now = clock()
        let user = session.activeUser.flatMap { $0.role == .admin ? nil : $0.login }
        let builder = ReportBuilder(
            period: .last(ReportPeriod.defaultDays, endingAt: now, user: user), calling: calling, daemon: daemon,
            now: now)
        return try database.writer.read { try builder.build($0) }
    }

    /// Who can take prospects, for the reassignment's choice.
    public func assignees() throws -> [CRMUser] {
        let directory = UserDirectory(now: clock())
        return try database.writer.read { db in
            try directory.list(db).map(\.user).filter { $0.active && $0.role.worksAQueue }
        }
    }
}
