import FilonCore
import Foundation

/// Draws the operator screen for an app state into a frame. Pure: the same state gives the same
/// frame, which is what the golden tests compare.
struct Renderer {
    let app: OperatorApp

    func render() -> CellGrid {
        var grid = CellGrid(size: app.size)
        switch app.layout {
        case .tooSmall(let size):
            drawTooSmall(size, into: &grid)
        case .main(let main):
            drawHeader(main, into: &grid)
            switch app.listMode {
            case .newest: drawList(main, into: &grid)
            case .queue: drawQueue(main, into: &grid)
            case .search, .followUpsToday, .forgotten, .selection: drawView(main, into: &grid)
            case .team: drawTeam(main, into: &grid)
            }
            // The dashboard takes the card's place and, on wide screens, the history's too.
            let separators = app.showsDashboard ? [main.separator] : [main.separator, main.historySeparator]
            for separator in separators.compactMap({ $0 }) {
                for row in separator.y..<(separator.y + separator.height) {
                    grid.put("│", row: row, column: separator.x, width: 1, role: .border)
                }
            }
            drawCard(main, into: &grid)
            if let history = main.history, !app.showsDashboard { drawHistory(main, history, into: &grid) }
            drawStatus(main, into: &grid)
            drawFooter(main, into: &grid)
            if let prompt = app.prompt, let lines = prompt.choiceLines {
                drawChoices(prompt, lines, main, into: &grid)
            }
            if app.isHelpVisible { drawHelp(main, into: &grid) }
        }
        return grid
    }

    // MARK: Regions

    private func drawTooSmall(_ size: TerminalSize, into grid: inout CellGrid) {
        let need = Layout.minimumSize
        let message =
            "Terminal too small: need \(need.width)×\(need.height), have \(size.width)×\(size.height)"
        let quit = app.keymap.keys(for: .quit).first.map { "\($0.label) quit" } ?? ""
        let row = max(0, size.height / 2 - 1)
        centered(message, row: row, role: .warning, into: &grid)
        if row + 2 < size.height { centered(quit, row: row + 2, role: .muted, into: &grid) }
    }

    private func centered(_ text: String, row: Int, role: Role, into grid: inout CellGrid) {
        let width = min(TerminalText.width(of: text), grid.size.width)
        grid.put(
            text, row: row, column: max(0, (grid.size.width - width) / 2), width: grid.size.width,
            role: role)
    }

    /// One part of the header: its text, a shorter form for narrow terminals, and its priority
    /// (when even the short forms do not fit, the lowest go first).
    struct HeaderSegment {
        var text: String
        var short: String
        var priority: Int

        init(_ text: String, short: String? = nil, _ priority: Int) {
            self.text = text
            self.short = short ?? text
            self.priority = priority
        }
    }

    func headerSegments() -> [HeaderSegment] {
        var segments = [HeaderSegment("Filon", 10), HeaderSegment(app.databaseName, 1)]
        let now = app.clock()
        segments.append(HeaderSegment(app.session.headerName, 9))
        switch app.homeMode {
        case .queue:
            let count = app.isQueueLoaded ? Self.grouped(app.queueRows.count) : "…"
            let more = app.queueRows.count >= OperatorStore.queueLimit ? "+" : ""
            segments.append(HeaderSegment("queue \(count)\(more)", 8))
        case .newest:
            let count =
                app.total.map { "\(Self.grouped($0)) prospect\($0 == 1 ? "" : "s")" } ?? "… prospects"
            segments.append(HeaderSegment(count, 8))
        case .search, .followUpsToday, .forgotten, .team, .selection: break
        }
        if let summary = app.summary {
            if app.session.activeUser != nil {
                let due = summary.followUpsDueToday
                segments.append(HeaderSegment("follow-ups due today \(due)", short: "due \(due)", 7))
            }
            segments.append(HeaderSegment("\(summary.alerts) alert\(summary.alerts == 1 ? "" : "s")", 6))
            let pass =
                summary.lastPassAt.flatMap(Timestamp.date).map { LocalTime.compact($0, now: now) }
            let failed = (summary.lastPassFailed ? " failed" : "") + (summary.passLate ? " late" : "")
            segments.append(
                HeaderSegment(
                    pass.map { "daemon pass \($0)\(failed)" } ?? "no daemon pass yet",
                    short: pass.map { "pass \($0)\(failed)" } ?? "no pass yet", 5))
        }
        return segments
    }

    private func drawHeader(_ main: MainLayout, into grid: inout CellGrid) {
        grid.fill(main.header, role: .header)
        var room = main.header.width
        // On the right: the last database error, else the position in the list.
        if let error = app.errorMessage {
            let text = " ! \(error) "
            let width = min(TerminalText.width(of: text), main.header.width / 2)
            grid.put(
                text, row: main.header.y, column: main.header.width - width, width: width, role: .warning)
            room -= width
        } else if app.rowCount > 0 {
            let text = " \(Self.grouped(app.selection + 1))/\(Self.grouped(app.rowCount)) "
            let width = TerminalText.width(of: text)
            grid.put(
                text, row: main.header.y, column: main.header.width - width, width: width, role: .header)
            room -= width
        }
        var segments = headerSegments()
        func line() -> String { " " + segments.map(\.text).joined(separator: " · ") }
        // First the short forms, lowest priority first; then the lowest parts go.
        for index in segments.indices.sorted(by: { segments[$0].priority < segments[$1].priority })
        where TerminalText.width(of: line()) > room {
            segments[index].text = segments[index].short
        }
        while TerminalText.width(of: line()) > room, segments.count > 2,
            let lowest = segments.indices.dropFirst().min(by: { segments[$0].priority < segments[$1].priority })
        {
            segments.remove(at: lowest)
        }
        grid.put(line(), row: main.header.y, column: 0, width: room, role: .header)
    }

    private func listTitle(_ main: MainLayout, into grid: inout CellGrid, _ titles: [(String, Range<Int>)])
        -> Role
    {
        let role: Role = app.focus == .list ? .header : .muted
        grid.fill(Rect(x: main.list.x, y: main.list.y, width: main.list.width, height: 1), role: role)
        for (title, range) in titles {
            grid.put(title, row: main.list.y, column: main.list.x + range.lowerBound, width: range.count, role: role)
        }
        return role
    }

    private func drawList(_ main: MainLayout, into grid: inout CellGrid) {
        let columns = main.columns
        _ = listTitle(
            main, into: &grid,
            [("Name", columns.name), ("City", columns.city), ("Created", columns.created), ("Status", columns.status)])
        let count = app.rowCount
        if count == 0 {
            let message =
                app.isLoading ? "loading…" : "No prospects yet: import some with filond import sirene FILE…"
            drawEmptyList(message, main, into: &grid)
            return
        }
        drawRows(count, main, into: &grid) { index, cell in
            guard let prospect = app.prospect(at: index) else {
                // Its page is being read.
                cell("…", columns.name.lowerBound..<(columns.name.lowerBound + 1), .muted)
                return
            }
            if app.marked.contains(prospect.siren) { cell("●", 0..<1, .label) }
            cell(prospect.name, columns.name, prospect.isActive ? .value : .muted)
            cell(prospect.city, columns.city, .value)
            cell(prospect.creationDate, columns.created, .muted)
            cell(prospect.status.label, columns.status, .value)
        }
    }

    /// One cell of a list row: empty text shows as "—", the selected row in the selection's colours.
    typealias RowCell = (_ text: String?, _ range: Range<Int>, _ role: Role) -> Void

    /// The list's rows on screen, from `listTop`, the selected one highlighted; `draw` fills each.
    private func drawRows(_ count: Int, _ main: MainLayout, into grid: inout CellGrid, _ draw: (Int, RowCell) -> Void) {
        let x = main.list.x
        for line in 0..<main.listRows {
            let index = app.listTop + line
            guard index < count else { break }
            let row = main.list.y + 1 + line
            let selected = index == app.selection
            if selected {
                grid.fill(Rect(x: x, y: row, width: main.list.width, height: 1), role: .selected)
            }
            draw(index) { text, range, role in
                let shown = text.flatMap { $0.isEmpty ? nil : $0 } ?? CardView.unknown
                grid.put(
                    shown, row: row, column: x + range.lowerBound, width: range.count,
                    role: selected ? .selected : role)
            }
        }
    }

    /// A muted message in place of an empty list.
    private func drawEmptyList(_ text: String, _ main: MainLayout, into grid: inout CellGrid) {
        for (offset, line) in TerminalText.wrap(text, width: main.list.width - 2, maxLines: 3).enumerated() {
            grid.put(
                line, row: main.list.y + 1 + offset, column: main.list.x + 1, width: main.list.width - 2, role: .muted)
        }
    }

    private func drawQueue(_ main: MainLayout, into grid: inout CellGrid) {
        let columns = main.queueColumns
        var titles = [
            ("T", columns.tier), ("Pts", columns.score), ("My queue", columns.name), ("Status", columns.status),
        ]
        if let city = columns.city { titles.append(("City", city)) }
        _ = listTitle(main, into: &grid, titles)
        let rows = app.queueRows
        if rows.isEmpty {
            let text =
                app.isQueueLoaded
                ? "Nothing to call now: new prospects come with the daemon's passes, callbacks at their time."
                : "loading…"
            drawEmptyList(text, main, into: &grid)
            return
        }
        drawRows(rows.count, main, into: &grid) { index, cell in
            let item = rows[index]
            cell(item.mark, columns.mark, item.item.reason == .fresh ? .muted : .label)
            cell(item.item.tier ?? "-", columns.tier, .value)
            let score = String(item.item.score)
            cell(
                String(repeating: " ", count: max(0, 3 - score.count)) + score, columns.score, .muted)
            cell(item.name, columns.name, .value)
            if let city = columns.city { cell(item.city, city, .value) }
            cell(item.status.label, columns.status, .value)
        }
    }

    /// The admin screen's list: each user with role, load for capacity, and today's calls and emails.
    private func drawTeam(_ main: MainLayout, into grid: inout CellGrid) {
        let width = main.list.width
        let emails = (width - 6)..<width
        let calls = (emails.lowerBound - 7)..<(emails.lowerBound - 1)
        let load = (calls.lowerBound - 10)..<(calls.lowerBound - 1)
        let role = (load.lowerBound - 16)..<(load.lowerBound - 1)
        let name = 1..<(role.lowerBound - 1)
        let count = app.isTeamLoaded ? " (\(app.teamRows.count))" : ""
        _ = listTitle(
            main, into: &grid,
            [("Team\(count)", name), ("Role", role), ("Load", load), ("Calls", calls), ("Email", emails)])
        guard !app.teamRows.isEmpty else {
            drawEmptyList(
                app.isTeamLoaded ? "No users yet: filon users add LOGIN --role telepro" : "loading…", main, into: &grid)
            return
        }
        drawRows(app.teamRows.count, main, into: &grid) { index, cell in
            let row = app.teamRows[index]
            let user = row.user
            cell("\(user.login), \(user.name)", name, user.active ? .value : .muted)
            cell(user.active ? user.role.label : "disabled", role, user.active ? .value : .warning)
            cell(
                Self.rightAligned("\(row.load)/\(user.capacity)", load.count), load,
                row.load > user.capacity ? .warning : .value)
            cell(Self.rightAligned(String(row.callsToday), calls.count), calls, .value)
            cell(Self.rightAligned(String(row.emailsToday), emails.count), emails, .value)
        }
    }

    static func rightAligned(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - TerminalText.width(of: text))) + text
    }

    /// The title of a work view's list: what it is and how many rows.
    private func viewTitle() -> String {
        let count =
            app.isViewLoaded
            ? " (\(Self.grouped(app.viewRows.count))\(app.viewRows.count >= OperatorStore.viewLimit ? "+" : ""))" : ""
        switch app.listMode {
        case .search: return app.searchQuery.isEmpty ? "Search" : "Search \"\(app.searchQuery)\"\(count)"
        case .followUpsToday: return "Follow-ups due today\(count)"
        case .forgotten: return "Forgotten prospects\(count)"
        case .selection: return (app.selectionFilter?.title ?? "") + count
        case .newest, .queue, .team: return ""
        }
    }

    private func drawView(_ main: MainLayout, into grid: inout CellGrid) {
        let columns = main.viewColumns
        _ = listTitle(
            main, into: &grid,
            [(viewTitle(), columns.name.lowerBound..<columns.detail.upperBound), ("Status", columns.status)])
        let rows = app.viewRows
        if rows.isEmpty {
            let text: String
            if !app.isViewLoaded {
                text = "loading…"
            } else {
                switch app.listMode {
                case .search:
                    text =
                        app.searchQuery.trimmingCharacters(in: .whitespaces).isEmpty
                        ? "Type a few letters of a name, a SIREN, a city, a director or a phone."
                        : "Nothing found. Backspace to change the search, Esc to go back."
                case .followUpsToday: text = "No follow-up due today. Esc goes back."
                case .selection: text = "No prospect here. Esc goes back."
                default: text = "Nothing forgotten: every prospect of yours has a next step. Esc goes back."
                }
            }
            drawEmptyList(text, main, into: &grid)
            return
        }
        drawRows(rows.count, main, into: &grid) { index, cell in
            let item = rows[index]
            if app.marked.contains(item.siren) { cell("●", 0..<1, .label) }
            cell(item.name, columns.name, .value)
            cell(item.detail, columns.detail, item.isUrgent ? .warning : .muted)
            cell(item.status.label, columns.status, .value)
        }
    }

    private func paneTitle(
        _ title: String, _ rect: Rect, focused: Bool, top: Int, lines: Int, rows: Int, into grid: inout CellGrid
    ) {
        let role: Role = focused ? .header : .muted
        grid.fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), role: role)
        grid.put(title, row: rect.y, column: rect.x + 1, width: rect.width - 2, role: role)
        if lines > rows {
            let last = min(lines, top + rows)
            let position = "\(top + 1)–\(last)/\(lines)"
            let width = TerminalText.width(of: position)
            grid.put(position, row: rect.y, column: rect.x + rect.width - 1 - width, width: width, role: role)
        }
    }

    private func drawLines(
        _ lines: [CardLine], top: Int, rows: Int, x: Int, y: Int, width: Int, into grid: inout CellGrid
    ) {
        for (offset, line) in lines.dropFirst(top).prefix(rows).enumerated() {
            let row = y + offset
            guard let label = line.label else {
                grid.put(line.text, row: row, column: x, width: width, role: line.role)
                continue
            }
            grid.put(label, row: row, column: x, width: CardView.labelWidth, role: .label)
            let valueX = x + CardView.labelWidth + 1
            grid.put(line.text, row: row, column: valueX, width: width - CardView.labelWidth - 1, role: line.role)
        }
    }

    private func drawCard(_ main: MainLayout, into grid: inout CellGrid) {
        let lines = app.cardLines(main: main)
        let rect = app.showsDashboard ? main.dashboard : main.card
        let title = app.showsDashboard ? "Dashboard, last \(ReportPeriod.defaultDays) days" : "Card"
        paneTitle(
            title, rect, focused: app.focus == .card, top: app.cardTop, lines: lines.count, rows: main.cardRows,
            into: &grid)
        drawLines(
            lines, top: app.cardTop, rows: main.cardRows, x: rect.x + 1, y: rect.y + 1, width: rect.width - 2,
            into: &grid)
    }

    private func drawHistory(_ main: MainLayout, _ rect: Rect, into grid: inout CellGrid) {
        let lines = app.historyLines(main: main)
        let count = app.historyEntries.map { $0.isEmpty ? "" : " (\($0.count))" } ?? ""
        paneTitle(
            "History" + count, rect, focused: app.focus == .history, top: app.historyTop, lines: lines.count,
            rows: main.historyRows, into: &grid)
        drawLines(
            lines, top: app.historyTop, rows: main.historyRows, x: rect.x + 1, y: rect.y + 1,
            width: main.historyTextWidth, into: &grid)
    }

    /// The status line: the prompt being answered, else the call under way and the last action's
    /// result, else why the screen is read-only.
    private func drawStatus(_ main: MainLayout, into grid: inout CellGrid) {
        let rect = main.status
        var x = rect.x + 1
        var width = rect.width - 2
        if let prompt = app.prompt {
            switch prompt.context {
            case .textInput, .search:
                let title = prompt.title
                let used = grid.put(title, row: rect.y, column: x, width: width / 2, role: .label)
                let text = prompt.text ?? ""
                let room = width - used - 1
                // The end of a long line stays in view, with the cursor after it.
                var shown = text
                while TerminalText.width(of: shown) > room, !shown.isEmpty { shown.removeFirst() }
                let typed = grid.put(shown, row: rect.y, column: x + used, width: room, role: .value)
                grid.put("█", row: rect.y, column: x + used + typed, width: 1, role: .value)
                if text.isEmpty, let placeholder = prompt.placeholder {
                    grid.put(
                        placeholder, row: rect.y, column: x + used + 2, width: room - 2, role: .muted)
                }
            case .confirmation:
                grid.put(prompt.title, row: rect.y, column: x, width: width, role: .warning)
            case .choice:
                grid.put(prompt.title + ": pick one", row: rect.y, column: x, width: width, role: .label)
            case .main:
                break
            }
            return
        }
        if let callLine = app.callLine {
            let used = grid.put(callLine, row: rect.y, column: x, width: width, role: .label)
            x += used + 2
            width -= used + 2
            guard width > 0 else { return }
        }
        if let message = app.message {
            let role: Role
            switch message.kind {
            case .info: role = .muted
            case .success: role = .value
            case .refusal: role = .warning
            }
            grid.put(message.text, row: rect.y, column: x, width: width, role: role)
        } else if let reason = app.session.readOnlyReason {
            grid.put(reason, row: rect.y, column: x, width: width, role: .muted)
        }
    }

    private func drawFooter(_ main: MainLayout, into grid: inout CellGrid) {
        grid.fill(main.footer, role: .footer)
        let text = app.keymap.footer(width: main.footer.width, context: app.keyContext) {
            app.disabledReason(for: $0) == nil
        }
        grid.put(text, row: main.footer.y, column: 0, role: .footer)
    }

    /// A box above the status line, on the right, listing the choices with their numbers.
    private func drawChoices(_ prompt: Prompt, _ lines: [String], _ main: MainLayout, into grid: inout CellGrid) {
        let labels = lines.enumerated().map { "\($0.offset + 1)  \($0.element)" }
        let title = " \(prompt.title) "
        let inner = min(
            max(labels.map { TerminalText.width(of: $0) }.max() ?? 0, TerminalText.width(of: title)) + 2,
            main.size.width - 4)
        let boxWidth = inner + 2
        let boxHeight = min(labels.count + 2, main.status.y - 1)
        let left = max(0, main.size.width - boxWidth - 1)
        let top = main.status.y - boxHeight
        grid.fill(Rect(x: left, y: top, width: boxWidth, height: boxHeight), role: .value)
        drawBox(left: left, top: top, width: boxWidth, height: boxHeight, into: &grid)
        grid.put(title, row: top, column: left + 2, width: inner - 2, role: .label)
        for (index, label) in labels.prefix(boxHeight - 2).enumerated() {
            let row = top + 1 + index
            let highlighted = index == prompt.highlighted
            if highlighted {
                grid.fill(Rect(x: left + 1, y: row, width: inner, height: 1), role: .selected)
            }
            grid.put(label, row: row, column: left + 2, width: inner - 2, role: highlighted ? .selected : .value)
        }
    }

    private func drawBox(left: Int, top: Int, width: Int, height: Int, into grid: inout CellGrid) {
        let inner = width - 2
        let bottom = top + height - 1
        grid.put("┌" + String(repeating: "─", count: inner) + "┐", row: top, column: left, role: .border)
        for row in (top + 1)..<bottom {
            grid.put("│", row: row, column: left, width: 1, role: .border)
            grid.put("│", row: row, column: left + width - 1, width: 1, role: .border)
        }
        grid.put("└" + String(repeating: "─", count: inner) + "┘", row: bottom, column: left, role: .border)
    }

    // MARK: Help

    /// One line of the help overlay.
    enum HelpLine: Equatable {
        case section(String)
        case binding(keys: String, description: String, disabled: String?)
        case note(String)
    }

    /// The help's lines: the reasons greyed keys are off, then every binding by context.
    static func helpLines(app: OperatorApp) -> [HelpLine] {
        var out: [HelpLine] = []
        var reasons: [String] = []
        for binding in app.keymap.bindings {
            guard case .queueRole = binding.requirement, let reason = app.disabledReason(for: binding) else {
                if case .crmUser = binding.requirement, let reason = app.disabledReason(for: binding),
                    !reasons.contains(reason)
                {
                    reasons.append(reason)
                }
                continue
            }
            if !reasons.contains(reason) { reasons.append(reason) }
        }
        for reason in reasons { out.append(.note("Greyed keys: \(reason)")) }
        for context in KeyContext.allCases {
            let bindings = app.keymap.bindings(in: context)
            guard !bindings.isEmpty else { continue }
            out.append(.section(context.title))
            for binding in bindings {
                let disabled = app.disabledReason(for: binding) == nil ? nil : "not for you"
                out.append(
                    .binding(
                        keys: binding.keysLabel, description: binding.description,
                        disabled: disabled))
            }
        }
        if app.listMode == .queue {
            out.append(.section("Queue marks"))
            out.append(.note("C your callback · S shared callback · R called before, due again · · new"))
        }
        return out
    }

    /// Content rows the help box can show at most.
    static func helpRows(_ main: MainLayout) -> Int { max(1, main.size.height - 6) }

    static func maxHelpTop(app: OperatorApp, _ main: MainLayout) -> Int {
        max(0, helpLines(app: app).count - helpRows(main))
    }

    /// A box in the middle of the screen listing every binding of the keymap; j/k scroll it.
    private func drawHelp(_ main: MainLayout, into grid: inout CellGrid) {
        let lines = Self.helpLines(app: app)
        let keyWidth =
            lines.map { line -> Int in
                if case .binding(let keys, _, _) = line { return TerminalText.width(of: keys) }
                return 0
            }.max() ?? 0
        let textWidth =
            lines.map { line -> Int in
                switch line {
                case .section(let title): return TerminalText.width(of: title)
                case .note(let text): return TerminalText.width(of: text)
                case .binding(_, let description, let disabled):
                    return keyWidth + 2 + TerminalText.width(of: description) + (disabled.map { 3 + $0.count } ?? 0)
                }
            }.max() ?? 0
        let closeKeys = (app.keymap.keys(for: .closeOverlay) + app.keymap.keys(for: .toggleHelp)).map(\.label)
        let rows = min(lines.count, Self.helpRows(main))
        let scrolls = lines.count > rows
        let closing = closeKeys.joined(separator: ", ") + " to close" + (scrolls ? "; j/k, PgDn/PgUp scroll" : "")
        let inner = min(max(textWidth, TerminalText.width(of: closing)) + 2, main.size.width - 6)
        let boxWidth = inner + 2
        // Border, lines, a blank line, the closing hint, border.
        let boxHeight = rows + 4
        let left = (main.size.width - boxWidth) / 2
        let top = max(1, (main.size.height - boxHeight) / 2)
        grid.fill(Rect(x: left, y: top, width: boxWidth, height: boxHeight), role: .value)
        drawBox(left: left, top: top, width: boxWidth, height: boxHeight, into: &grid)
        grid.put(" Keys ", row: top, column: left + 2, width: 6, role: .label)
        if scrolls {
            let position = " \(app.helpTop + 1)–\(min(lines.count, app.helpTop + rows))/\(lines.count) "
            let width = TerminalText.width(of: position)
            grid.put(position, row: top, column: left + boxWidth - 2 - width, width: width, role: .label)
        }
        let x = left + 2
        let width = inner - 2
        for (index, line) in lines.dropFirst(app.helpTop).prefix(rows).enumerated() {
            let row = top + 1 + index
            switch line {
            case .section(let title):
                grid.put(title, row: row, column: x, width: width, role: .label)
            case .note(let text):
                grid.put(text, row: row, column: x, width: width, role: .warning)
            case .binding(let keys, let description, let disabled):
                let role: Role = disabled == nil ? .value : .muted
                grid.put(keys, row: row, column: x, width: keyWidth, role: disabled == nil ? .label : .muted)
                let descriptionX = x + keyWidth + 2
                let text = description + (disabled.map { " — \($0)" } ?? "")
                grid.put(text, row: row, column: descriptionX, width: x + width - descriptionX, role: role)
            }
        }
        grid.put(closing, row: top + boxHeight - 2, column: x, width: width, role: .muted)
    }

    /// 1234567 → "1 234 567", the French way (with plain spaces, for every terminal).
    static func grouped(_ value: Int) -> String {
        let digits = Array(String(value.magnitude))
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(" ") }
            out.append(digit)
        }
        return value < 0 ? "-" + out : out
    }
}
