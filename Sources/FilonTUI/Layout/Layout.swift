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

/// Where the list's columns start and how wide they are (relative to the list's left edge).
public struct ListColumns: Hashable, Sendable {
    public var name: Range<Int>
    public var city: Range<Int>
    public var created: Range<Int>
    public var status: Range<Int>
}

/// Where each part of the operator screen goes. A pure function of the terminal size.
public enum Layout: Hashable, Sendable {
    /// Below the minimum size: only a message.
    case tooSmall(TerminalSize)
    case main(MainLayout)

    public static let minimumSize = TerminalSize(width: 80, height: 24)

    public static func compute(size: TerminalSize) -> Layout {
        guard size.width >= minimumSize.width, size.height >= minimumSize.height else {
            return .tooSmall(size)
        }
        let body = size.height - 2
        // The list takes a little over half the width, never less than 48 cells, and leaves the
        // card at least 31.
        let listWidth = min(max(48, size.width * 11 / 20), size.width - 32)
        let list = Rect(x: 0, y: 1, width: listWidth, height: body)
        let separator = Rect(x: listWidth, y: 1, width: 1, height: body)
        let card = Rect(x: listWidth + 1, y: 1, width: size.width - listWidth - 1, height: body)
        return .main(
            MainLayout(
                size: size,
                header: Rect(x: 0, y: 0, width: size.width, height: 1),
                list: list,
                separator: separator,
                card: card,
                footer: Rect(x: 0, y: size.height - 1, width: size.width, height: 1),
                columns: columns(listWidth: listWidth)))
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

    /// The layout as boxes of letters (H header, L list, | separator, C card, F footer), for tests
    /// and for reading.
    public var sketch: String {
        switch self {
        case .tooSmall(let size): return "too small: \(size)"
        case .main(let main):
            var rows = Array(
                repeating: Array(repeating: Character(" "), count: main.size.width), count: main.size.height
            )
            for (rect, mark) in [
                (main.header, "H"), (main.list, "L"), (main.separator, "|"), (main.card, "C"),
                (main.footer, "F"),
            ] as [(Rect, Character)] {
                for y in rect.y..<(rect.y + rect.height) {
                    for x in rect.x..<(rect.x + rect.width) { rows[y][x] = mark }
                }
            }
            return rows.map { String($0) }.joined(separator: "\n")
        }
    }
}

/// The operator screen's regions. The list and the card each start with a title row.
public struct MainLayout: Hashable, Sendable {
    public var size: TerminalSize
    public var header: Rect
    public var list: Rect
    public var separator: Rect
    public var card: Rect
    public var footer: Rect
    public var columns: ListColumns

    /// Rows of prospects the list shows at once (below its title row).
    public var listRows: Int { list.height - 1 }
    /// Rows of card text shown at once (below its title row).
    public var cardRows: Int { card.height - 1 }
    /// Cells available to the card's text (one blank column on each side).
    public var cardTextWidth: Int { card.width - 2 }
}
