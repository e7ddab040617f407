/// Charts drawn with text, one character per terminal cell, for `filon report` and the screen's
/// dashboard pane alike.
public enum TextChart {
    /// The eight heights of a sparkline, lowest first.
    public static let levels: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// One character per value: `▁` for zero, then `▂` up to `█` for the largest value, in
    /// proportion, so that any value above zero stands out from the days with nothing.
    public static func sparkline(_ values: [Int]) -> String {
        let top = values.max() ?? 0
        return String(
            values.map { value -> Character in
                guard value > 0, top > 0 else { return levels[0] }
                // 1…7: a value above zero never draws as low as zero.
                return levels[1 + Int((Double(value) * 6 / Double(top)).rounded())]
            })
    }

    /// The partial blocks of a bar's last cell, an eighth to seven eighths.
    static let eighths: [Character] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    /// A horizontal bar of at most `width` cells, `value / maximum` of them filled, to the eighth
    /// of a cell. A value above zero draws at least an eighth; zero draws nothing. The string is
    /// padded with spaces to `width` cells, so that what follows lines up.
    public static func bar(_ value: Int, maximum: Int, width: Int) -> String {
        guard width > 0 else { return "" }
        var eighthsFilled = 0
        if value > 0 && maximum > 0 {
            eighthsFilled = Int((Double(min(value, maximum)) * Double(width * 8) / Double(maximum)).rounded())
            eighthsFilled = max(1, eighthsFilled)
        }
        var text = String(repeating: "█", count: eighthsFilled / 8)
        if eighthsFilled % 8 > 0 { text.append(eighths[eighthsFilled % 8 - 1]) }
        return text + String(repeating: " ", count: width - text.count)
    }

    /// A bar chart: one line per row, `label  bar  value`, labels padded to the longest and the
    /// bars scaled to the largest value, each line `width` cells at most when it fits.
    public static func bars(_ rows: [(label: String, value: Int)], width: Int) -> [String] {
        let labelWidth = rows.map(\.label.count).max() ?? 0
        let valueWidth = rows.map { String($0.value).count }.max() ?? 0
        let top = rows.map(\.value).max() ?? 0
        // label, two spaces, bar, a space, the value right-aligned.
        let barWidth = max(1, width - labelWidth - 3 - valueWidth)
        return rows.map { row in
            let value = String(row.value)
            return row.label + String(repeating: " ", count: labelWidth - row.label.count) + "  "
                + bar(row.value, maximum: top, width: barWidth) + " "
                + String(repeating: " ", count: valueWidth - value.count) + value
        }
    }
}
