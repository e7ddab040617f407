import FilonCore
import Foundation

/// The admin screen (the team, a user's prospects, marks, reassignment, rebalance) and the
/// dashboard. The keys are greyed for others; the core refuses them whatever the screen shows.
extension OperatorApp {
    /// Whether the right pane shows the dashboard: on demand, and always beside the team.
    public var showsDashboard: Bool { isDashboardOn || listMode == .team }

    /// The selected user on the admin screen.
    public var selectedTeamRow: UserWorkload? {
        guard listMode == .team, teamRows.indices.contains(selection) else { return nil }
        return teamRows[selection]
    }

    func performAdmin(_ action: Action) {
        switch action {
        case .dashboard:
            isDashboardOn.toggle()
            cardTop = 0
        case .teamScreen: show(.team)
        case .openRow:
            guard let row = selectedTeamRow else { return }
            openSelection(SelectionFilter(ownerID: row.user.id, ownerLogin: row.user.login))
        case .toggleMark:
            guard workView != nil || listMode == .newest, let siren = selectedSiren else { return }
            if marked.remove(siren) == nil { marked.insert(siren) }
            if case .main(let main) = layout, selection + 1 < rowCount {
                selection += 1
                keepSelectionVisible(rows: main.listRows)
            }
        case .markAll:
            guard workView != nil else { return }
            marked.formUnion(viewRows.map(\.siren))
            message = StatusMessage("\(marked.count) marked: r reassigns them", .info)
        case .reassign: askReassignTarget()
        case .rebalance: prompt = .confirmRebalance
        case .filter:
            guard listMode == .selection, let filter = selectionFilter else {
                message = StatusMessage("F narrows a user's prospects: A, then Enter on the user", .info)
                return
            }
            let base = SelectionFilter(ownerID: filter.ownerID, ownerLogin: filter.ownerLogin)
            var filters = [base]
            filters += PipelineStatus.allCases.map { status in
                var narrowed = base
                narrowed.status = status
                return narrowed
            }
            filters += Tier.allCases.map { tier in
                var narrowed = base
                narrowed.tier = tier
                return narrowed
            }
            let labels =
                ["every status and tier"] + PipelineStatus.allCases.map(\.label)
                + Tier.allCases.map { "tier \($0.rawValue)" }
            prompt = .filterChoice(filters: filters, labels: labels, highlighted: filters.firstIndex(of: filter) ?? 0)
        default: break
        }
    }

    /// A user's prospects, from the team (Esc comes back to the team).
    func openSelection(_ filter: SelectionFilter) {
        selectionFilter = filter
        if listMode == .selection {
            viewRows = []
            isViewLoaded = false
            loadedView = nil
            selection = 0
            listTop = 0
        } else {
            show(.selection)
        }
    }

    /// Who takes them: the users who can, and for all of a user's, the team as the daemon spreads.
    private func askReassignTarget() {
        let plan: ReassignPlan
        let title: String
        if let row = selectedTeamRow {
            plan = .allOf(userID: row.user.id, login: row.user.login)
            title = "all of \(row.user.login)'s open prospects"
        } else if !marked.isEmpty {
            plan = .prospects(marked.sorted())
            title = "\(marked.count) marked prospect\(marked.count == 1 ? "" : "s")"
        } else if let siren = selectedSiren {
            plan = .prospects([siren])
            title = selectedName ?? Siren.format(siren: siren)
        } else {
            message = StatusMessage("nothing to reassign: select or mark prospects (space)", .refusal)
            return
        }
        let users: [CRMUser]
        do {
            users = try loader.store.assignees()
        } catch {
            errorMessage = ProspectLoader.describe(error)
            return
        }
        var targets: [Int?] = []
        var labels: [String] = []
        if case .allOf(let owner, _) = plan {
            targets.append(nil)
            labels.append("spread over the team, by load")
            for user in users where user.id != owner {
                targets.append(user.id)
                labels.append("\(user.login), \(user.name) (\(user.role.label))")
            }
        } else {
            for user in users {
                targets.append(user.id)
                labels.append("\(user.login), \(user.name) (\(user.role.label))")
            }
        }
        guard !targets.isEmpty else {
            message = StatusMessage("nobody can take prospects: add users with filon users add", .refusal)
            return
        }
        prompt = .reassignTarget(plan, title: title, targets: targets, labels: labels, highlighted: 0)
    }

    /// "moved 12: theo +8, sam +4; 2 skipped (reserved by a caller)".
    static func describe(_ summary: ReassignmentSummary) -> String {
        guard summary.moved > 0 || !summary.skipped.isEmpty else { return "nothing to move: the load is balanced" }
        var text = "moved \(summary.moved)"
        if !summary.received.isEmpty {
            text +=
                ": "
                + summary.received.sorted { $0.key < $1.key }.map { "\($0.key) +\($0.value)" }.joined(separator: ", ")
        }
        if let first = summary.skipped.first {
            text += "; \(summary.skipped.count) skipped, e.g. \(first)"
        }
        return text
    }

    func requestTeam() {
        guard teamGeneration < generation, !teamPending, !failed.contains(.team) else { return }
        teamPending = true
        loader.submit(.team, generation: generation)
    }

    func requestReport() {
        guard reportGeneration < generation, !reportPending, !failed.contains(.report) else { return }
        reportPending = true
        loader.submit(.report, generation: generation)
    }
}
