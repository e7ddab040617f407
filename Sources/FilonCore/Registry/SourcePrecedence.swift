/// Which source wins when two disagree about a company. Documented in docs/ARCHITECTURE.md.
///
/// - Registry identity (name, legal form, NAF, creation date, head-office address, state) belongs
///   to INSEE Sirene, stock or API: other sources only fill what Sirene has not given yet.
/// - A closure is the exception: a radiation (BODACC) or a cessation (RNE) closes the company at
///   once, because Sirene records it weeks later; Sirene reopens it only if its own data changes.
/// - Directors: the RNE (the register itself) over recherche-entreprises (a copy of it) over
///   anything else; a source of lower rank never replaces a list from a higher one.
public enum SourcePrecedence {
    public static func isSirene(_ source: String) -> Bool {
        source == ProviderID.sireneAPI.rawValue || source == ProviderID.sireneStock.rawValue
    }

    /// Rank for directors: higher wins, equal replaces (a newer answer from the same source).
    public static func directorRank(_ source: String) -> Int {
        switch ProviderID(rawValue: source) {
        case .rne: return 3
        case .rechercheEntreprises: return 2
        case .pappers, .societeCom: return 1
        default: return 0
        }
    }
}
