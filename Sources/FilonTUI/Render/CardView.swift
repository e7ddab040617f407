import FilonCore

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

    static func lines(for state: CardState, width: Int) -> [CardLine] {
        guard width > labelWidth + 2 else { return [] }
        switch state {
        case .none:
            return [CardLine(label: nil, text: unknown, role: .muted)]
        case .loading(let prospect):
            return (prospect.map { wrapped($0.name, width: width, maxLines: 2, role: .value) } ?? [])
                + [CardLine(label: nil, text: "loading…", role: .muted)]
        case .missing(let prospect):
            return wrapped(prospect.name, width: width, maxLines: 2, role: .value)
                + [CardLine(label: nil, text: "no longer in the database", role: .warning)]
        case .loaded(let card):
            return lines(for: card, width: width)
        }
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
