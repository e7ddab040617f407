import FilonCore

/// What a detection source uses when `[providers.<id>]` says nothing: its real address, its
/// documented rate, and whether it can run without a key.
enum ProviderDefaults {
    static func baseURL(_ id: ProviderID) -> String {
        switch id {
        case .sireneAPI: return "https://api.insee.fr/api-sirene/3.11"
        case .sireneStock: return "https://files.data.gouv.fr/insee-sirene"
        case .rechercheEntreprises: return "https://recherche-entreprises.api.gouv.fr"
        case .rne: return "https://registre-national-entreprises.inpi.fr"
        case .bodacc: return "https://bodacc-datadila.opendatasoft.com"
        default: return ""
        }
    }

    /// Requests per minute: INSEE 30/min, recherche-entreprises 7/s; the others publish no
    /// figure, so a polite one.
    static func ratePerMinute(_ id: ProviderID) -> Int {
        switch id {
        case .sireneAPI: return 30
        case .rechercheEntreprises: return 420
        case .sireneStock: return 6
        default: return 60
        }
    }

    /// Sources that cannot work without a key (or, for the RNE, a login) are off until one is set.
    static func needsKey(_ id: ProviderID) -> Bool { id == .sireneAPI || id == .rne }
}
