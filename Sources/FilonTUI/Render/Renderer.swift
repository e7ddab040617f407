import FilonCore

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
            drawList(main, into: &grid)
            for row in main.separator.y..<(main.separator.y + main.separator.height) {
                grid.put("│", row: row, column: main.separator.x, width: 1, role: .border)
            }
            drawCard(main, into: &grid)
            drawFooter(main, into: &grid)
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

    private func drawHeader(_ main: MainLayout, into grid: inout CellGrid) {
        grid.fill(main.header, role: .header)
        let count =
            app.total.map { "\(Self.grouped($0)) prospect\($0 == 1 ? "" : "s")" } ?? "… prospects"
        let left = " Filon · \(app.databaseName) · \(count) · user: \(app.user)"
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
        grid.put(left, row: main.header.y, column: 0, width: room, role: .header)
    }

    private func drawList(_ main: MainLayout, into grid: inout CellGrid) {
        let columns = main.columns
        let x = main.list.x
        let titleRole: Role = app.focus == .list ? .header : .muted
        grid.fill(Rect(x: x, y: main.list.y, width: main.list.width, height: 1), role: titleRole)
        for (title, range) in [
            ("Name", columns.name), ("City", columns.city), ("Created", columns.created),
            ("Status", columns.status),
        ] {
            grid.put(
                title, row: main.list.y, column: x + range.lowerBound, width: range.count, role: titleRole)
        }
        let count = app.rowCount
        if count == 0 {
            let message =
                app.isLoading ? "loading…" : "No prospects yet: import some with filond import sirene FILE…"
            grid.put(
                message, row: main.list.y + 1, column: x + 1, width: main.list.width - 2, role: .muted)
            return
        }
        for line in 0..<main.listRows {
            let index = app.listTop + line
            guard index < count else { break }
            let row = main.list.y + 1 + line
            let selected = index == app.selection
            if selected {
                grid.fill(Rect(x: x, y: row, width: main.list.width, height: 1), role: .selected)
            }
            guard let prospect = app.prospect(at: index) else {
                grid.put(
                    "…", row: row, column: x + columns.name.lowerBound, width: 1,
                    role: selected ? .selected : .muted)
                continue
            }
            func cell(_ text: String?, _ range: Range<Int>, _ role: Role) {
                let shown = text.flatMap { $0.isEmpty ? nil : $0 } ?? CardView.unknown
                grid.put(
                    shown, row: row, column: x + range.lowerBound, width: range.count,
                    role: selected ? .selected : role)
            }
            cell(prospect.name, columns.name, prospect.isActive ? .value : .muted)
            cell(prospect.city, columns.city, .value)
            cell(prospect.creationDate, columns.created, .muted)
            cell(prospect.status.label, columns.status, .value)
        }
    }

    private func drawCard(_ main: MainLayout, into grid: inout CellGrid) {
        let card = main.card
        let lines = CardView.lines(for: app.cardState, width: main.cardTextWidth)
        let titleRole: Role = app.focus == .card ? .header : .muted
        grid.fill(Rect(x: card.x, y: card.y, width: card.width, height: 1), role: titleRole)
        grid.put("Card", row: card.y, column: card.x + 1, width: 4, role: titleRole)
        if lines.count > main.cardRows {
            let last = min(lines.count, app.cardTop + main.cardRows)
            let position = "\(app.cardTop + 1)–\(last)/\(lines.count)"
            let width = TerminalText.width(of: position)
            grid.put(
                position, row: card.y, column: card.x + card.width - 1 - width, width: width,
                role: titleRole)
        }
        let x = card.x + 1
        for (offset, line) in lines.dropFirst(app.cardTop).prefix(main.cardRows).enumerated() {
            let row = card.y + 1 + offset
            guard let label = line.label else {
                grid.put(line.text, row: row, column: x, width: main.cardTextWidth, role: line.role)
                continue
            }
            grid.put(label, row: row, column: x, width: CardView.labelWidth, role: .label)
            let valueX = x + CardView.labelWidth + 1
            grid.put(
                line.text, row: row, column: valueX, width: main.cardTextWidth - CardView.labelWidth - 1,
                role: line.role)
        }
    }

    private func drawFooter(_ main: MainLayout, into grid: inout CellGrid) {
        grid.fill(main.footer, role: .footer)
        grid.put(
            app.keymap.footer(width: main.footer.width), row: main.footer.y, column: 0, role: .footer)
    }

    /// A box in the middle of the screen listing every binding of the keymap.
    private func drawHelp(_ main: MainLayout, into grid: inout CellGrid) {
        let bindings = app.keymap.bindings
        let keyTexts = bindings.map { $0.keys.map(\.label).joined(separator: ", ") }
        let keyWidth = keyTexts.map { TerminalText.width(of: $0) }.max() ?? 0
        let descriptionWidth = bindings.map { TerminalText.width(of: $0.description) }.max() ?? 0
        let closeKeys = (app.keymap.keys(for: .closeOverlay) + app.keymap.keys(for: .toggleHelp)).map(
            \.label)
        let closing = closeKeys.joined(separator: ", ") + " to close"
        let inner = min(
            max(keyWidth + 2 + descriptionWidth, TerminalText.width(of: closing)) + 2, main.size.width - 6
        )
        let boxWidth = inner + 2
        // Border, bindings, a blank line, the closing hint, border; fewer bindings when it cannot fit.
        let full = bindings.count + 4 <= main.size.height - 2
        let boxHeight = full ? bindings.count + 4 : main.size.height - 2
        let shown = full ? bindings.count : boxHeight - 2
        let left = (main.size.width - boxWidth) / 2
        let top = max(1, (main.size.height - boxHeight) / 2)
        grid.fill(Rect(x: left, y: top, width: boxWidth, height: boxHeight), role: .value)
        let bottom = top + boxHeight - 1
        grid.put(
            "┌" + String(repeating: "─", count: inner) + "┐", row: top, column: left, role: .border)
        grid.put(" Keys ", row: top, column: left + 2, width: 6, role: .label)
        for row in (top + 1)..<bottom {
            grid.put("│", row: row, column: left, width: 1, role: .border)
            grid.put("│", row: row, column: left + boxWidth - 1, width: 1, role: .border)
        }
        grid.put(
            "└" + String(repeating: "─", count: inner) + "┘", row: bottom, column: left, role: .border)
        for (index, binding) in bindings.prefix(shown).enumerated() {
            let row = top + 1 + index
            grid.put(keyTexts[index], row: row, column: left + 2, width: keyWidth, role: .label)
            let descriptionX = left + 2 + keyWidth + 2
            grid.put(
                binding.description, row: row, column: descriptionX,
                width: left + boxWidth - 2 - descriptionX, role: .value)
        }
        if full {
            grid.put(closing, row: bottom - 1, column: left + 2, width: inner - 2, role: .muted)
        }
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
