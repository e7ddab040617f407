import Foundation

/// `filon report` as text: the figures with their sparklines and bars, at a given width. The
/// screen's dashboard pane may show it as it is or draw its own from the same `TeamReport`.
public enum ReportText {
    /// The report in lines of `width` cells at most where it can (names are never cut).
    public static func render(_ report: TeamReport, width: Int = 80) -> String {
        var lines: [String] = []
        let period = report.period
        let days = period.days.count
        lines.append(
            "Filon report: \(period.since.text) to \(period.until.text) (\(days) day\(days == 1 ? "" : "s")), "
                + (period.user.map { "user \(clean($0))" } ?? "whole team") + ", at \(report.generatedAt)")
        lines.append("")
        lines += alertLines(report.alerts)
        lines.append("")

        let detections = report.detections
        lines.append(
            "New companies detected automatically: \(detections.total)"
                + (detections.fromStockFiles > 0 ? " (and \(detections.fromStockFiles) from stock files)" : ""))
        lines.append("  " + dailyLine(detections.perDay, width: width - 2))
        if !detections.bySource.isEmpty {
            lines.append(
                "  by source: " + detections.bySource.map { "\($0.source) \($0.count)" }.joined(separator: ", "))
        }
        lines.append("Calls: \(report.calls)")
        lines.append("  " + dailyLine(report.callsPerDay, width: width - 2))
        lines.append("Emails sent: \(report.emailsSent)")
        lines.append("Contact rate: " + ratio(report.contactRate, "calls"))
        lines.append("Conversion rate: " + ratio(report.conversionRate, "contacts"))
        lines.append("Response rate: " + ratio(report.responseRate, "prospects called or emailed"))
        lines.append("Talk time: " + duration(report.talkSeconds))
        lines.append(
            "Contacted without privacy notice: \(report.contactedWithoutNotice)"
                + (report.contactedWithoutNotice > 0 ? " (should be 0: record it with filon notice SIREN)" : ""))
        lines.append("")

        let live = report.statuses.reduce(0) { $0 + $1.count }
        lines.append("Prospects by status (\(live) live)")
        lines += TextChart.bars(report.statuses.map { ($0.status.label, $0.count) }, width: width - 2).map { "  " + $0 }
        lines.append("Prospects without action: \(report.withoutAction)")
        lines.append("Overdue follow-ups: \(report.overdueFollowUps)")
        lines.append("")

        lines += userLines(report.users)
        lines.append("")

        let coverage = report.enrichment
        lines.append("Enrichment of the \(coverage.companies) new compan\(coverage.companies == 1 ? "y" : "ies")")
        lines.append(
            "  enriched \(ratio(coverage.enriched)), phone \(ratio(coverage.withPhone)), "
                + "email \(ratio(coverage.withEmail)), web verdict \(ratio(coverage.withWebVerdict))")
        let spent = report.credits.filter { $0.credits > 0 }
        lines.append(
            "Credits spent: \(report.creditsSpent)"
                + (spent.isEmpty
                    ? "" : " (" + spent.map { "\($0.provider) \($0.credits)" }.joined(separator: ", ") + ")"))
        if !report.credits.isEmpty {
            lines.append(
                "  requests: " + report.credits.map { "\($0.provider) \($0.requests)" }.joined(separator: ", "))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The alerts block: the headline, then what each alert is about.
    static func alertLines(_ alerts: ReportAlerts) -> [String] {
        var lines = ["Alerts: " + alerts.headline]
        lines.append(
            "  daemon: \(alerts.schedule), "
                + (alerts.lastPassAt.map { "last pass started \($0)" } ?? "no pass yet (start filond run)")
                + (alerts.passOverdue && alerts.lastPassAt != nil ? ", late" : ""))
        for step in alerts.failedSteps {
            lines.append(
                "  failed: \(step.source) \(step.kind), run #\(step.run) at \(step.startedAt)"
                    + (step.message.map { ": " + clean($0) } ?? ""))
        }
        if alerts.withoutOwner > 0 {
            lines.append("  \(alerts.withoutOwner) prospect(s) wait for an owner: add or enable a user (filon users)")
        }
        for alert in alerts.examples {
            let kind = alert.kind == .untreated ? "untreated" : "overdue"
            lines.append(
                "  \(kind): \(Siren.format(siren: alert.siren)) \(alert.owner.map(clean) ?? "nobody"), \(alert.detail)")
        }
        return lines
    }

    /// One line per user: calls, calls per hour, contact and conversion rates, talk time, emails.
    static func userLines(_ users: [UserPerformance]) -> [String] {
        guard !users.isEmpty else { return ["Per user: nobody yet"] }
        let header = ["user", "calls", "per hour", "contact", "conversion", "talk", "emails"]
        let rows = users.map { user -> [String] in
            [
                clean(user.login) + (user.active ? "" : " (disabled)"), String(user.calls),
                user.callsPerHour.map { String(format: "%.1f", $0) } ?? "—", user.contactRate.percentText,
                user.conversionRate.percentText, duration(user.talkSeconds), String(user.emailsSent),
            ]
        }
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            "  "
                + cells.enumerated().map { column, cell in
                    let pad = String(repeating: " ", count: widths[column] - cell.count)
                    return column == 0 ? cell + pad : pad + cell
                }.joined(separator: "  ")
        }
        return ["Per user"] + [line(header)] + rows.map(line)
    }

    /// A sparkline of the days, with its first and last day and its largest value.
    static func dailyLine(_ series: [DayCount], width: Int) -> String {
        // The most recent days when the period has more days than the line has room for.
        let shown = Array(series.suffix(max(1, width - 32)))
        guard let first = shown.first, let last = shown.last else { return "" }
        let top = shown.map(\.count).max() ?? 0
        return TextChart.sparkline(shown.map(\.count)) + "  \(first.day) → \(last.day), at most \(top) a day"
    }

    /// "35 % (42 of 120 calls)".
    static func ratio(_ ratio: Ratio, _ of: String? = nil) -> String {
        ratio.percentText + " (\(ratio.part) of \(ratio.whole)" + (of.map { " " + $0 } ?? "") + ")"
    }

    /// "2:05:07" (hours, minutes, seconds).
    static func duration(_ seconds: Int) -> String {
        String(format: "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
    }

    /// Control characters out of text that came from outside (names, providers' error messages):
    /// they would move the cursor or change colours.
    static func clean(_ text: String) -> String {
        String(
            String.UnicodeScalarView(text.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : $0 }))
    }
}
