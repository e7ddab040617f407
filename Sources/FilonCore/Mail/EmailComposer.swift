import Foundation

/// Prepares an email to one prospect from its card: the addresses it may be sent to, best first,
/// and the values of the template's fields for the chosen one. Nothing here sends or stores;
/// `EmailOutbox.queue` checks the same rules again in the database.
public struct EmailComposer: Sendable {
    public let card: ProspectCard
    /// What the database adds about the addresses (`EmailContact.fetchAll`); may be empty.
    public let contacts: [EmailContact]

    public init(card: ProspectCard, contacts: [EmailContact] = []) {
        self.card = card
        self.contacts = contacts
    }

    /// The card and what the database knows about its addresses; nil for an unknown SIREN.
    public static func load(siren: Int, from database: AppDatabase) throws -> EmailComposer? {
        guard let card = try database.card(siren: siren) else { return nil }
        let contacts = try database.writer.read { try EmailContact.fetchAll(siren: siren, $0) }
        return EmailComposer(card: card, contacts: contacts)
    }

    /// The addresses one may write to: not opted out, a person's own first, then the shared ones;
    /// each with the person's name when known. Addresses that are not usable are left out.
    public func recipients() throws(EmailComposerError) -> [EmailRecipient] {
        guard !card.doNotContact else { throw .doNotContact(company: card.name) }
        let emails = card.emails
        let open = emails.filter { !$0.optedOut }
        guard !emails.isEmpty else { throw .noEmailAddress(company: card.name) }
        guard !open.isEmpty else { throw .allOptedOut(company: card.name) }
        let ranked = open.enumerated().compactMap { index, point -> (rank: Int, index: Int, EmailRecipient)? in
            guard let recipient = recipient(for: point) else { return nil }
            let rank =
                recipient.isNominative
                ? (recipient.lastName == nil ? 1 : 0)
                : (EmailKind.namesARole(localPart: recipient.address.localPart) ? 3 : 2)
            return (rank, index, recipient)
        }
        guard !ranked.isEmpty else { throw .noEmailAddress(company: card.name) }
        return ranked.sorted { ($0.rank, $0.index) < ($1.rank, $1.index) }.map(\.2)
    }

    /// The template's values for this recipient: the company's, the person's (when the address is
    /// theirs) and, given a sender, the sender's.
    public func values(for recipient: EmailRecipient, sender: SenderIdentity? = nil) throws(EmailComposerError)
        -> MergeValues
    {
        guard !card.doNotContact else { throw .doNotContact(company: card.name) }
        let value = recipient.address.value.lowercased()
        if card.emails.contains(where: {
            $0.optedOut && $0.value.trimmingCharacters(in: .whitespaces).lowercased() == value
        }) {
            throw .optedOut(address: recipient.address.value)
        }
        var values: [MergeField: String] = [
            .company: card.name,
            .siren: Siren.format(siren: card.siren),
        ]
        values[.firstName] = recipient.firstName
        values[.lastName] = recipient.lastName
        values[.city] = city
        values[.website] = card.website
        values[.websiteVerdict] = card.websiteVerdict.flatMap(Self.verdictInWords)
        values[.activity] = card.nafLabel.map(Self.inSentence)
        return sender.map { MergeValues(sender: $0, values) } ?? MergeValues(values)
    }

    /// The template merged for this recipient, ready for the operator to read or edit.
    public func draft(_ template: EmailTemplate, to recipient: EmailRecipient, sender: SenderIdentity? = nil)
        throws(EmailComposerError) -> EmailDraft
    {
        let values = try values(for: recipient, sender: sender)
        do {
            return try template.render(values)
        } catch {
            throw .template(error)
        }
    }

    // MARK: - Recipients

    private func recipient(for point: ProspectCard.ContactPoint) -> EmailRecipient? {
        guard let address = try? EmailAddress(point.value, role: "recipient") else { return nil }
        let contact = contacts.first {
            $0.address.trimmingCharacters(in: .whitespaces).lowercased() == address.value.lowercased()
        }
        let first = EmailContact.firstName(of: contact?.firstNames).map(Self.nameCase)
        let last = contact?.lastName.map(Self.nameCase)
        let fullName = [first, last].compactMap { $0 }.joined(separator: " ")
        return EmailRecipient(
            mailbox: Mailbox(name: fullName.isEmpty ? nil : fullName, address: address), firstName: first,
            lastName: last, role: contact?.role, isNominative: contact?.isNominative ?? (last != nil),
            source: point.source)
    }

    // MARK: - Values

    /// The head office's town from the card's postal line ("69001 LYON 1" → "Lyon").
    var city: String? {
        for line in card.addressLines.reversed() {
            let words = line.split(separator: " ")
            guard let postcode = words.first, postcode.count == 5, postcode.allSatisfy(\.isNumber) else { continue }
            // Arrondissements and CEDEX say nothing to the reader.
            let town = words.dropFirst().prefix { !$0.allSatisfy(\.isNumber) && $0.uppercased() != "CEDEX" }
            guard !town.isEmpty else { return nil }
            return Self.placeCase(town.joined(separator: " "))
        }
        return nil
    }

    /// The verdict (`WebPresenceVerdict.text`) as a clause the templates can follow "j'ai constaté
    /// que"; nil when nothing is known, so the template's fallback applies.
    static func verdictInWords(_ verdict: String) -> String? {
        switch verdict {
        case "no website", "no website found": return "vous n'avez pas encore de site internet"
        case "no usable website": return "votre site internet n'affiche pas encore de vrai contenu"
        case "parked domain": return "votre nom de domaine est réservé mais n'affiche pas encore de site"
        case "website unreachable": return "votre site internet ne répond pas en ce moment"
        case "weak website": return "votre site internet mériterait d'être modernisé"
        case "fair website": return "votre site internet pourrait être mieux mis en valeur"
        case "good website": return "votre site internet est déjà bien tenu"
        default: return nil
        }
    }

    /// A NAF label inside a sentence: "Boulangerie et boulangerie-pâtisserie" → "boulangerie et…".
    static func inSentence(_ label: String) -> String {
        let characters = Array(label)
        guard characters.count > 1, characters[1].isLowercase else { return label }
        return characters[0].lowercased() + String(characters.dropFirst())
    }

    /// Registry names are often in capitals: "DUPONT" → "Dupont", "JEAN-PIERRE" → "Jean-Pierre";
    /// a name already in mixed case is kept as written.
    static func nameCase(_ name: String) -> String {
        titleCase(name, lowered: [])
    }

    /// "BOULOGNE-SUR-MER" → "Boulogne-sur-Mer", "LE HAVRE" → "Le Havre".
    static func placeCase(_ name: String) -> String {
        titleCase(
            name,
            lowered: [
                "de", "du", "des", "d", "sur", "sous", "en", "la", "le", "les", "lès", "lez", "et", "aux", "au", "l",
            ])
    }

    private static func titleCase(_ text: String, lowered: Set<String>) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed == trimmed.uppercased() || trimmed == trimmed.lowercased() else { return trimmed }
        var result = ""
        var word = ""
        var isFirstWord = true
        func flush(_ separator: Character?) {
            if !word.isEmpty {
                let lower = word.lowercased()
                // Particles stay small inside a name, never at its start.
                result +=
                    !isFirstWord && lowered.contains(lower) ? lower : lower.prefix(1).uppercased() + lower.dropFirst()
                isFirstWord = false
            }
            word = ""
            if let separator { result.append(separator) }
        }
        for character in trimmed {
            if character == " " || character == "-" || character == "'" || character == "’" {
                flush(character)
            } else {
                word.append(character)
            }
        }
        flush(nil)
        return result
    }
}
