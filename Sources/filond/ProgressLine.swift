import FilonSources
import Foundation

/// A single self-rewriting line on the terminal: rows, rate and time left. Silent when stderr is
/// not a terminal, so logs and pipes get the summary only.
final class ProgressLine {
    private let enabled: Bool
    private var lastDraw = Date.distantPast
    private var drawn = false

    init(enabled: Bool) { self.enabled = enabled }

    func show(_ p: ImportProgress) {
        guard enabled, Date().timeIntervalSince(lastDraw) >= 0.25 else { return }
        lastDraw = Date()
        let rate = p.seconds > 0 ? Double(p.counts.read) / p.seconds : 0
        var line = "\(p.name): \(p.counts.read) rows, \(Int(rate)) rows/s"
        if let total = p.bytesTotal, total > 0, p.bytesRead > 0 {
            let fraction = min(1, Double(p.bytesRead) / Double(total))
            let left = fraction > 0 ? p.seconds * (1 - fraction) / fraction : 0
            line += String(format: ", %.0f %%, about %@ left", fraction * 100, Self.duration(left))
        }
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
        drawn = true
    }

    func clear() {
        if drawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }

    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 3600 ? "\(s / 3600) h \(s % 3600 / 60) min" : s >= 60 ? "\(s / 60) min \(s % 60) s" : "\(s) s"
    }
}
