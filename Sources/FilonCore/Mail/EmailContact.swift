import Foundation
import GRDB

/// What the database knows about one of a prospect's email addresses beyond the card: whether it
/// is nominative and whose it is. The card lists the addresses; this says who will read them.
public struct EmailContact: Sendable, Equatable {
    /// As stored (`contact_point.value`).
    public var address: String
    /// From the provider (`contact_point.subtype`); nil when it did not say.
    public var isNominative: Bool?
    public var firstNames: String?
    public var lastName: String?
    /// The person's role at the company ("Gérant", "Présidente"…).
    public var role: String?

    public init(
        address: String, isNominative: Bool? = nil, firstNames: String? = nil, lastName: String? = nil,
        role: String? = nil
    ) {
        self.address = address
        self.isNominative = isNominative
        self.firstNames = firstNames
        self.lastName = lastName
        self.role = role
    }

    /// The company's email addresses with their person: the one a provider tied the address to,
    /// else a director whose names the address spells (`jean.dupont@`, `jdupont@`).
    public static func fetchAll(siren: Int, _ db: Database) throws -> [EmailContact] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT c.value, c.subtype, p.first_names, p.last_name, p.role
                FROM contact_point c LEFT JOIN person p ON p.id = c.person_id AND p.erased_at IS NULL
                WHERE c.siren = ? AND c.kind = 'email' ORDER BY c.id
                """, arguments: [siren])
        let directors = try Row.fetchAll(
            db,
            sql: """
                SELECT first_names, last_name, role FROM person
                WHERE siren = ? AND is_director = 1 AND kind = 'physical' AND erased_at IS NULL ORDER BY id
                """, arguments: [siren])
        return rows.map { row in
            let subtype: String? = row["subtype"]
            var contact = EmailContact(
                address: row["value"], isNominative: subtype.map { $0 == "nominative" }, firstNames: row["first_names"],
                lastName: row["last_name"], role: row["role"])
            if contact.lastName == nil,
                let director = directors.first(where: {
                    spells(contact.address, firstNames: $0["first_names"], lastName: $0["last_name"])
                })
            {
                (contact.firstNames, contact.lastName, contact.role) =
                    (director["first_names"], director["last_name"], director["role"])
            }
            return contact
        }
    }

    /// Whether the part before @ holds the last name and the first name or its initial in front.
    /// Short last names are left out: "le@" or "roy@" says too little.
    static func spells(_ address: String, firstNames: String?, lastName: String?) -> Bool {
        let local = letters(String(address.prefix { $0 != "@" }))
        let last = letters(lastName ?? "")
        guard last.count >= 3, local.contains(last) else { return false }
        let first = letters(EmailContact.firstName(of: firstNames) ?? "")
        guard let initial = first.first else { return false }
        return local.contains(first) || local.hasPrefix(String(initial) + last)
    }

    /// The first of a registry's first names ("Jean, Marie" or "Jean Marie" → "Jean"), kept
    /// whole when compound ("Jean-Pierre").
    static func firstName(of firstNames: String?) -> String? {
        firstNames?.split(whereSeparator: { $0 == "," || $0 == " " }).first.map(String.init)
    }

    private static func letters(_ text: String) -> String {
        String(
            text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).lowercased()
                .filter { $0.isLetter })
    }
}
