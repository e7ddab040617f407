import FilonCore

/// One terminal cell: the grapheme drawn there and its role. A wide character fills its first
/// cell; the cell to its right is a continuation (`text` empty).
public struct Cell: Hashable, Sendable {
    public var text: String
    public var role: Role

    public static let blank = Cell(text: " ", role: .value)

    public var isContinuation: Bool { text.isEmpty }
}

/// A frame: a grid of cells that the renderer fills and a screen shows. Every string drawn here
/// goes through `TerminalText.clean` first, so no control character can reach a terminal.
public struct CellGrid: Hashable, Sendable {
    public private(set) var size: TerminalSize
    private var cells: [Cell]

    public init(size: TerminalSize) {
        self.size = size
        cells = Array(repeating: .blank, count: size.width * size.height)
    }

    public func cell(row: Int, column: Int) -> Cell {
        guard contains(row: row, column: column) else { return .blank }
        return cells[row * size.width + column]
    }

    public func role(row: Int, column: Int) -> Role { cell(row: row, column: column).role }

    func contains(row: Int, column: Int) -> Bool {
        row >= 0 && row < size.height && column >= 0 && column < size.width
    }

    /// Paints `rect` with spaces of `role`.
    public mutating func fill(_ rect: Rect, role: Role) {
        for row in rect.y..<(rect.y + rect.height) {
            for column in rect.x..<(rect.x + rect.width) {
                set(row: row, column: column, Cell(text: " ", role: role))
            }
        }
    }

    /// Writes `text` from (row, column), cleaned, within `width` cells (to the right edge when nil);
    /// text that does not fit ends with "…". Returns the number of cells used.
    @discardableResult
    public mutating func put(_ text: String, row: Int, column: Int, width: Int? = nil, role: Role)
        -> Int
    {
        guard row >= 0, row < size.height, column < size.width else { return 0 }
        let available = min(width ?? (size.width - column), size.width - column)
        guard available > 0 else { return 0 }
        var x = column
        for character in TerminalText.truncate(text, toWidth: available) {
            let w = TerminalText.width(of: character)
            guard w > 0 else { continue }
            guard x + w <= column + available else { break }
            if x >= 0 {
                set(row: row, column: x, Cell(text: String(character), role: role))
                if w == 2 { set(row: row, column: x + 1, Cell(text: "", role: role)) }
            }
            x += w
        }
        return x - column
    }

    /// Sets one cell, blanking the other half of any wide character it cuts.
    private mutating func set(row: Int, column: Int, _ cell: Cell) {
        guard contains(row: row, column: column) else { return }
        let index = row * size.width + column
        let old = cells[index]
        // Over the right half of a wide character: its left half goes too.
        if old.isContinuation, !cell.isContinuation, column > 0 {
            cells[index - 1] = Cell(text: " ", role: cells[index - 1].role)
        }
        // Over the left half of a wide character: its right half goes too.
        if !old.isContinuation, column + 1 < size.width, cells[index + 1].isContinuation {
            cells[index + 1] = Cell(text: " ", role: cells[index + 1].role)
        }
        cells[index] = cell
    }

    /// The characters of one row; a wide character appears once, so the string's display width
    /// is the row's width.
    public func line(_ row: Int, trimmingTrailingSpaces: Bool = false) -> String {
        guard row >= 0, row < size.height else { return "" }
        var text = ""
        for column in 0..<size.width { text += cells[row * size.width + column].text }
        if trimmingTrailingSpaces {
            while text.last == " " { text.removeLast() }
        }
        return text
    }

    /// All rows, joined by newlines; trailing spaces removed, for golden comparisons.
    public var text: String {
        (0..<size.height).map { line($0, trimmingTrailingSpaces: true) }.joined(separator: "\n")
    }
}
