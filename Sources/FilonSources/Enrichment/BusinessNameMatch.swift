import Foundation

/// Whether a place found on a map is the company: registry names ("SARL BOULANGERIE MARTIN") and
/// map names ("Boulangerie Martin") differ in case, accents, legal forms and small words, and a
/// search near an address also returns the neighbours.
enum BusinessNameMatch {
    /// How well `place` names the company, from 0.5 to 1; nil when it is not the same business.
    ///
    /// Same business: the names are the same once folded and joined ("Mc Donald's", "McDonald's"),
    /// or their words overlap by half or more (shared words over the mean of both counts, so that
    /// "Sushi Shop Lyon Cordeliers" is not "Bouchon des Cordeliers") and one of the shared words
    /// says who it is: "Boulangerie du Parc" is not "Boulangerie Martin" (a trade word), and
    /// "Boulangerie de Lyon" is not "Pharmacie de Lyon" (the company's city). A name made only of
    /// such words matches only the same words.
    static func score(_ company: String, _ place: String, city: String? = nil) -> Double? {
        let ours = tokens(company)
        let theirs = tokens(place)
        guard !ours.isEmpty, !theirs.isEmpty else { return nil }
        if ours.joined() == theirs.joined() { return 1 }
        let a = Set(ours)
        let b = Set(theirs)
        let shared = a.intersection(b)
        let overlap = 2 * Double(shared.count) / Double(a.count + b.count)
        guard overlap >= 0.5 else { return nil }
        let common = tradeWords.union(city.map(tokens) ?? [])
        if shared.contains(where: { !common.contains($0) }) { return overlap }
        return a == b ? overlap : nil
    }

    static func matches(_ company: String, _ place: String, city: String? = nil) -> Bool {
        score(company, place, city: city) != nil
    }

    /// The words that say who a business is: folded, without legal forms, articles and letters
    /// standing alone ("L'ATELIER" → ["atelier"]); dotted acronyms are joined ("S.A.R.L." → sarl).
    static func tokens(_ name: String) -> [String] {
        var text = name.replacingOccurrences(of: ".", with: "")
        // Folding keeps ligatures: "CŒUR" would not meet "Coeur".
        for (ligature, letters) in [("œ", "oe"), ("Œ", "OE"), ("æ", "ae"), ("Æ", "AE")] {
            text = text.replacingOccurrences(of: ligature, with: letters)
        }
        return EnrichmentValues.fold(text).lowercased().split(separator: " ").map(String.init)
            .filter { $0.count > 1 && !legalForms.contains($0) && !smallWords.contains($0) }
    }

    private static let legalForms: Set<String> = [
        "sarl", "sas", "sasu", "eurl", "sa", "sci", "ets", "etablissements", "snc", "selarl", "selas", "scp", "scop",
        "ei", "eirl", "earl", "gaec", "sca", "gie",
    ]

    private static let smallWords: Set<String> = [
        "le", "la", "les", "de", "du", "des", "et", "en", "au", "aux", "chez", "sur", "un", "une", "par", "pour",
        "the", "and",
    ]

    /// Words that many neighbouring businesses share, so that sharing one proves nothing.
    private static let tradeWords: Set<String> = [
        "boulangerie", "patisserie", "boulanger", "boucherie", "charcuterie", "traiteur", "restaurant", "brasserie",
        "bistrot", "bistro", "cafe", "bar", "pizzeria", "pizza", "creperie", "snack", "kebab", "hotel", "epicerie",
        "superette", "primeur", "fromagerie", "cave", "caviste", "fleuriste", "fleurs", "pharmacie", "optique",
        "opticien", "coiffure", "coiffeur", "salon", "beaute", "institut", "esthetique", "barbier", "garage",
        "auto", "automobiles", "carrosserie", "taxi", "taxis", "ambulances", "transports", "transport",
        "demenagement", "plomberie", "plombier", "chauffage", "electricite", "electricien", "menuiserie",
        "charpente", "maconnerie", "couverture", "peinture", "renovation", "batiment", "btp", "travaux",
        "construction", "paysagiste", "jardins", "nettoyage", "serrurerie", "immobilier", "immobiliere", "agence",
        "cabinet", "conseil", "consulting", "services", "service", "solutions", "groupe", "holding", "societe",
        "entreprise", "atelier", "maison", "boutique", "magasin", "store", "shop", "studio", "centre", "france",
        "fils", "freres", "associes", "compagnie", "cie", "commerce", "distribution",
    ]
}
