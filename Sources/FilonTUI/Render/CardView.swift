import FilonCore
import Foundation

/// One line of the card: a label (empty on continuation lines, nil for lines that span the pane)
/// and its text.
struct CardLine: Equatable {
    var label: String?
    var text: String
    var role: Role
}

/// The prospect card ("fiche entreprise") as lines of text, for a pane `width` cells wide.
enum CardView {
    static let labelWidth = 10
    static let unknown = "—"

    /// The card's lines; with `history`, the history follows the fields.
    static func lines(
        for state: CardState, width: Int, history: [TimelineEntry]? = nil, now: Date = Date()
    ) -> [CardLine] {
        guard width > labelWidth + 2 else { return [] }
        switch state {
        case .none:
            return [CardLine(label: nil, text: unknown, role: .muted)]
        case .loading(let name):
            return (name.map { wrapped($0, width: width, maxLines: 2, role: .value) } ?? [])
                + [CardLine(label: nil, text: "loading…", role: .muted)]
        case .missing(let name):
            return wrapped(name, width: width, maxLines: 2, role: .value)
                + [CardLine(label: nil, text: "no longer in the database", role: .warning)]
        case .loaded(let card):
            let fields = lines(for: card, width: width)
            guard let history else { return fields }
            return fields + [CardLine(label: nil, text: "", role: .value)]
                + historyLines(history, width: width, now: now, title: true)
        }
    }

    /// The history as lines: for each entry, when, what and who, then its text (newest first).
    static func historyLines(_ entries: [TimelineEntry]?, width: Int, now: Date, title: Bool) -> [CardLine] {
        guard width > 4 else { return [] }
        var out: [CardLine] = []
        if title {
            let count = entries.map { $0.isEmpty ? "" : " (\($0.count))" } ?? ""
            out.append(CardLine(label: nil, text: "History" + count, role: .label))
        }
        guard let entries else {
            out.append(CardLine(label: nil, text: "loading…", role: .muted))
            return out
        }
        if entries.isEmpty {
            out.append(CardLine(label: nil, text: "nothing yet", role: .muted))
            return out
        }
        for entry in entries {
            let head = [LocalTime.short(stored: entry.at, now: now), kindLabel(entry.kind), entry.who]
                .compactMap { $0 }.joined(separator: " · ")
            out.append(CardLine(label: nil, text: head, role: .muted))
            let text = readable(entry, now: now)
            if !text.isEmpty {
                for line in TerminalText.wrap(text, width: width - 2, maxLines: 3) {
                    out.append(CardLine(label: nil, text: "  " + line, role: .value))
                }
            }
        }
        return out
    }

    /// The timeline's kinds in the operators' words.
    static func kindLabel(_ kind: String) -> String {
        switch kind {
        case "call": return "call"
        case "note": return "note"
        case "status_change": return "status"
        case "follow_up": return "follow-up"
        case "assignment": return "assigned"
        case "do_not_contact": return "ne plus contacter"
        case "email": return "email"
        default:
            return kind.replacingOccurrences(of: "_", with: " ")
        }
    }

    /// An entry's text with statuses as labels and every date in local time.
    static func readable(_ entry: TimelineEntry, now: Date) -> String {
        var text = entry.text
        if entry.kind == "status_change" {
            for status in PipelineStatus.allCases {
                text = text.replacingOccurrences(
                    of: "\\b\(status.rawValue)\\b", with: status.label, options: .regularExpression)
            }
        }
        // Stored timestamps (2026-11-27T08:00:00Z) and dates as Swift prints them
        // (2026-11-27 08:00:00 +0000) become 27/11 09:00.
        for pattern in [#"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z"#, #"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \+0000"#] {
            while let range = text.range(of: pattern, options: .regularExpression) {
                let local = Timestamp.date(String(text[range])).map { LocalTime.short($0, now: now) } ?? ""
                text.replaceSubrange(range, with: local)
            }
        }
        if entry.kind == "follow_up", entry.text.first?.isNumber == true { text = "due " + text }
        return text
    }

    private static func lines(for card: ProspectCard, width: Int) -> [CardLine] {
        let valueWidth = width - labelWidth - 1
        var out: [CardLine] = []
        var title = card.name.isEmpty ? unknown : card.name
        if let acronym = card.acronym, !acronym.isEmpty { title += " (\(acronym))" }
        out += wrapped(title, width: width, maxLines: 2, role: .value)
        if card.isPartiallyDiffused {
            out.append(CardLine(label: nil, text: "diffusion partielle", role: .warning))
        }
        if card.doNotContact {
            out.append(CardLine(label: nil, text: "ne plus contacter", role: .warning))
        }
        if card.isArchived { out.append(CardLine(label: nil, text: "archivé", role: .warning)) }

        func field(_ label: String, _ values: [String], role: Role = .value, maxLines: Int = 1) {
            let values = values.filter { !$0.allSatisfy { $0 == " " } }
            guard !values.isEmpty else {
                out.append(CardLine(label: label, text: unknown, role: .muted))
                return
            }
            var first = true
            for value in values {
                for line in TerminalText.wrap(value, width: valueWidth, maxLines: maxLines) {
                    out.append(CardLine(label: first ? label : "", text: line, role: role))
                    first = false
                }
            }
        }
        func field(_ label: String, _ value: String?, role: Role = .value, maxLines: Int = 1) {
            field(label, value.map { [$0] } ?? [], role: role, maxLines: maxLines)
        }

        field("SIREN", Siren.format(siren: card.siren))
        field("HQ SIRET", card.headOfficeSiret.map { Siren.format(siret: $0) })
        field("Legal form", card.legalFormLabel ?? card.legalForm, maxLines: 2)
        field("Created", card.creationDate)
        if card.isActive {
            field("State", "Active")
        } else {
            field("State", "Ceased" + (card.stateSince.map { " \($0)" } ?? ""), role: .warning)
        }
        field("Address", card.addressLines)
        let naf = [card.nafCode, card.nafLabel].compactMap { $0 }.joined(separator: " ")
        field("NAF", naf.isEmpty ? nil : naf, maxLines: 2)
        field("Size", card.sizeBandLabel ?? card.sizeBand)
        field(
            "Directors",
            card.directors.map { director in
                director.role.map { "\(director.name) (\($0))" } ?? director.name
            })
        if let finance = card.latestFinance, let revenue = finance.revenue {
            field("Revenue", "\(Self.euros(revenue)) (\(finance.year))")
        }
        field("Emails", card.emails.map(contact))
        field("Phones", card.phones.map(contact))
        // The verdict ("no website", "weak website") is the lead itself: shown with or without a site.
        let website = card.website.map { site in card.websiteVerdict.map { "\(site) (\($0))" } ?? site }
        field("Website", website ?? card.websiteVerdict)
        field("Google", card.googlePresence)
        field("Notes", card.notes, maxLines: 6)
        field("Score", String(card.score))
        if let reasons = card.scoreReasons, !reasons.isEmpty {
            for line in TerminalText.wrap(reasons, width: valueWidth, maxLines: 3) {
                out.append(CardLine(label: "", text: line, role: .muted))
            }
        }
        field("Status", card.status.label)
        field("Owner", card.ownerName)
        field("Sources", card.sources.joined(separator: ", "), maxLines: 2)
        field("Imported", card.importedAt.map { String($0.prefix(10)) })
        if !card.changes.isEmpty { field("Changes", card.changes.map(Self.change), maxLines: 2) }
        return out
    }

    /// "2026-11-26 address: 3 QUAI… → 40 RUE… (sirene_api)"
    private static func change(_ change: ProspectCard.Change) -> String {
        let values = [change.oldValue, change.newValue].compactMap { $0 }.joined(separator: " → ")
        return "\(change.detectedAt.prefix(10)) \(change.kind)" + (values.isEmpty ? "" : ": \(values)")
            + " (\(change.source))"
    }

    private static func euros(_ amount: Int) -> String {
        amount >= 1_000_000
            ? String(format: "%.1f M€", Double(amount) / 1_000_000) : "\(amount / 1000) k€"
    }

    private static func contact(_ point: ProspectCard.ContactPoint) -> String {
        point.value + (point.optedOut ? " (opted out)" : "")
    }

    private static func wrapped(_ text: String, width: Int, maxLines: Int, role: Role) -> [CardLine] {
        TerminalText.wrap(text, width: width, maxLines: maxLines).map {
            CardLine(label: nil, text: $0, role: role)
        }
    }
}
