/// A rectangle of cells.
public struct Rect: Hashable, Sendable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }
}

/// Where the newest-companies list's columns start and how wide they are (relative to the list's
/// left edge).
public struct ListColumns: Hashable, Sendable {
    public var name: Range<Int>
    public var city: Range<Int>
    public var created: Range<Int>
    public var status: Range<Int>
}

/// A work view's columns (search, follow-ups today, forgotten): name (flexible), what puts the
/// prospect there, status.
public struct ViewColumns: Hashable, Sendable {
    public var name: Range<Int>
    public var detail: Range<Int>
    public var status: Range<Int>
}

/// The queue's columns: the mark (why the prospect is there), tier, score, name, city when there
/// is room, status.
public struct QueueColumns: Hashable, Sendable {
    public var mark: Range<Int>
    public var tier: Range<Int>
    public var score: Range<Int>
    public var name: Range<Int>
    public var city: Range<Int>?
    public var status: Range<Int>
}

/// Where each part of the operator screen goes. A pure function of the terminal size.
public enum Layout: Hashable, Sendable {
    /// Below the minimum size: only a message.
    case tooSmall(TerminalSize)
    case main(MainLayout)

    public static let minimumSize = TerminalSize(width: 80, height: 24)
    /// From this width the history gets a pane of its own, right of the card.
    public static let historyPaneWidth = 160

    public static func compute(size: TerminalSize) -> Layout {
        guard size.width >= minimumSize.width, size.height >= minimumSize.height else {
            return .tooSmall(size)
        }
        // Header, body, status line, footer.
        let body = size.height - 3
        let listWidth: Int
        var history: Rect?
        var historySeparator: Rect?
        let cardWidth: Int
        if size.width >= historyPaneWidth {
            // Three panes: the list takes three eighths, the card and the history share the rest.
            listWidth = size.width * 3 / 8
            let rest = size.width - listWidth - 2
            cardWidth = rest - rest / 2
            historySeparator = Rect(x: listWidth + 1 + cardWidth, y: 1, width: 1, height: body)
            history = Rect(x: listWidth + 2 + cardWidth, y: 1, width: rest / 2, height: body)
        } else {
            // The list takes a little over half the width, never less than 48 cells, and leaves the
            // card at least 31.
            listWidth = min(max(48, size.width * 11 / 20), size.width - 32)
            cardWidth = size.width - listWidth - 1
        }
        return .main(
            MainLayout(
                size: size,
                header: Rect(x: 0, y: 0, width: size.width, height: 1),
                list: Rect(x: 0, y: 1, width: listWidth, height: body),
                separator: Rect(x: listWidth, y: 1, width: 1, height: body),
                card: Rect(x: listWidth + 1, y: 1, width: cardWidth, height: body),
                historySeparator: historySeparator,
                history: history,
                status: Rect(x: 0, y: size.height - 2, width: size.width, height: 1),
                footer: Rect(x: 0, y: size.height - 1, width: size.width, height: 1),
                columns: columns(listWidth: listWidth),
                queueColumns: queueColumns(listWidth: listWidth), viewColumns: viewColumns(listWidth: listWidth)))
    }

    /// Name (flexible), city, creation date and status, one space apart.
    static func columns(listWidth: Int) -> ListColumns {
        let status = 13  // "Non intéressé", the longest status label
        let created = 10  // "2025-11-20"
        let city = min(20, max(10, (listWidth - 26) / 4))
        let name = listWidth - status - created - city - 4
        let nameStart = 1
        let cityStart = nameStart + name + 1
        let createdStart = cityStart + city + 1
        let statusStart = createdStart + created + 1
        return ListColumns(
            name: nameStart..<(nameStart + name), city: cityStart..<(cityStart + city),
            created: createdStart..<(createdStart + created), status: statusStart..<(statusStart + status)
        )
    }

    /// Mark, tier, score (3), name (flexible), city from 60 cells, status (13), one space apart.
    static func queueColumns(listWidth: Int) -> QueueColumns {
        let status = 13
        let mark = 1..<2
        let tier = 3..<4
        let score = 5..<8
        let statusStart = listWidth - status
        var city: Range<Int>?
        var nameEnd = statusStart - 1
        if listWidth >= 60 {
            let width = min(20, max(10, (listWidth - 40) / 3))
            city = (statusStart - 1 - width)..<(statusStart - 1)
            nameEnd = statusStart - 2 - width
        }
        return QueueColumns(
            mark: mark, tier: tier, score: score, name: 9..<nameEnd, city: city,
            status: statusStart..<listWidth)
    }

    /// Name, detail (a third of the list, 14 to 30 cells), status (13), one space apart.
    static func viewColumns(listWidth: Int) -> ViewColumns {
        let status = 13
        let detail = min(30, max(14, listWidth / 3))
        let statusStart = listWidth - status
        let detailStart = statusStart - 1 - detail
        return ViewColumns(
            name: 1..<(detailStart - 1), detail: detailStart..<(statusStart - 1), status: statusStart..<listWidth)
    }

    /// The layout as boxes of letters (H header, L list, | separators, C card, T history,
    /// S status line, F footer), for tests and for reading.
    public var sketch: String {
        switch self {
        case .tooSmall(let size): return "too small: \(size)"
        case .main(let main):
            var rows = Array(
                repeating: Array(repeating: Character(" "), count: main.size.width), count: main.size.height
            )
            var regions: [(Rect, Character)] = [
                (main.header, "H"), (main.list, "L"), (main.separator, "|"), (main.card, "C"),
                (main.status, "S"), (main.footer, "F"),
            ]
            if let history = main.history, let separator = main.historySeparator {
                regions += [(separator, "|"), (history, "T")]
            }
            for (rect, mark) in regions {
                for y in rect.y..<(rect.y + rect.height) {
                    for x in rect.x..<(rect.x + rect.width) { rows[y][x] = mark }
                }
            }
            return rows.map { String($0) }.joined(separator: "\n")
        }
    }
}

/// The operator screen's regions. The list, the card and the history each start with a title row.
public struct MainLayout: Hashable, Sendable {
    public var size: TerminalSize
    public var header: Rect
    public var list: Rect
    public var separator: Rect
    public var card: Rect
    /// The history's own pane, from `Layout.historyPaneWidth` columns; below, the card shows it
    /// under the fields.
    public var historySeparator: Rect?
    public var history: Rect?
    /// The result of the last action, a refusal's reason, or the one-line input.
    public var status: Rect
    public var footer: Rect
    public var columns: ListColumns
    public var queueColumns: QueueColumns
    public var viewColumns: ViewColumns

    /// Rows of prospects the list shows at once (below its title row).
    public var listRows: Int { list.height - 1 }
    /// Rows of card text shown at once (below its title row).
    public var cardRows: Int { card.height - 1 }
    /// Cells available to the card's text (one blank column on each side).
    public var cardTextWidth: Int { card.width - 2 }
    public var historyRows: Int { (history?.height ?? 1) - 1 }
    public var historyTextWidth: Int { (history?.width ?? 2) - 2 }
    /// The dashboard: the card's place and the history's, right of the list.
    public var dashboard: Rect { Rect(x: card.x, y: card.y, width: size.width - card.x, height: card.height) }
}
