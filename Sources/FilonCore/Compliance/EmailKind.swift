/// What an email address is for RGPD R1. A generic mailbox (`contact@`) is the company's: not
/// personal data. A nominative one (`prenom.nom@company`) is personal data under the B2B opt-out
/// regime: the person must have been informed and be able to object, and the message must
/// concern their profession. A consumer mailbox (`@gmail.com`, `@orange.fr`) is treated like a
/// private person's: consent first.
public enum EmailKind: String, Sendable, Codable, CaseIterable {
    case generic, nominative
    case personalDomain = "personal_domain"

    /// Consumer mail services: exact domains.
    static let personalDomains: Set<String> = [
        "aliceadsl.fr", "bbox.fr", "club-internet.fr", "free.fr", "gmail.com", "googlemail.com", "icloud.com",
        "laposte.net", "me.com", "mac.com", "msn.com", "neuf.fr", "numericable.fr", "orange.fr", "proton.me",
        "protonmail.com", "sfr.fr", "wanadoo.fr", "aol.com", "aol.fr", "gmx.com", "gmx.fr", "tutanota.com",
        "mailo.com", "9online.fr", "noos.fr", "voila.fr",
    ]
    /// Consumer mail services under every country's suffix (`hotmail.fr`, `yahoo.co.uk`…): the
    /// domain's first label.
    static let personalBrands: Set<String> = ["hotmail", "yahoo", "outlook", "live", "ymail"]

    /// The kind of `address`: a consumer domain first (even `contact@gmail.com` is a person's
    /// mailbox), else the enrichment's `subtype` (`generic` or `nominative`) when given, else
    /// generic when the local part names a role ("contact", "info.paris").
    public static func of(_ address: String, subtype: String? = nil) -> EmailKind {
        let lowered = address.lowercased().trimmingCharacters(in: .whitespaces)
        let parts = lowered.split(separator: "@", omittingEmptySubsequences: false)
        if parts.count == 2, isConsumerMailbox(lowered) { return .personalDomain }
        switch subtype {
        case "generic": return .generic
        case "nominative": return .nominative
        default: break
        }
        return namesARole(localPart: parts.first.map(String.init) ?? "") ? .generic : .nominative
    }

    /// Whether the part before the `@` names a role or a service rather than a person: the whole
    /// of it, its first word ("contact.lyon") or its letters before a digit ("info2").
    public static func namesARole(localPart: String) -> Bool {
        let local = localPart.lowercased()
        let firstWord = local.split(whereSeparator: { ".-_+".contains($0) }).first.map(String.init) ?? local
        let letters = String(local.prefix { $0.isLetter || $0 == "-" })
        return roleWords.contains(local) || roleWords.contains(firstWord) || roleWords.contains(letters)
    }

    /// Whether `address` is at a consumer mail service (gmail.com, orange.fr, hotmail.*…).
    public static func isConsumerMailbox(_ address: String) -> Bool {
        let domain = address.lowercased().split(separator: "@").last.map(String.init) ?? ""
        let brand = domain.split(separator: ".").first.map(String.init) ?? ""
        return personalDomains.contains(domain) || personalBrands.contains(brand)
    }

    /// Local parts naming a role or a service rather than a person.
    static let roleWords: Set<String> = [
        "accueil", "admin", "administratif", "administration", "agence", "atelier", "bonjour", "boutique", "bureau",
        "cabinet", "commande", "commandes", "commercial", "commerciale", "communication", "compta", "comptabilite",
        "contact", "contacts", "courrier", "devis", "direction", "email", "emploi", "equipe", "facturation",
        "factures", "gestion", "hello", "hotel", "info", "information", "informations", "infos", "jobs", "magasin",
        "mail", "marketing", "nepasrepondre", "no-reply", "noreply", "office", "presse", "recrutement",
        "reservation", "reservations", "restaurant", "rh", "sales", "sav", "secretariat", "service",
        "serviceclient", "support", "team", "vente", "ventes", "webmaster",
    ]

    /// Whether the address is personal data (R1 scope): nominative or a consumer mailbox.
    public var isPersonalData: Bool { self != .generic }

    /// Whether sending needs the person's prior consent (a consumer mailbox, L34-5 opt-in).
    public var needsConsent: Bool { self == .personalDomain }

    public var label: String {
        switch self {
        case .generic: return "generic (company)"
        case .nominative: return "nominative (personal data, opt-out)"
        case .personalDomain: return "personal mailbox (consent needed)"
        }
    }
}
