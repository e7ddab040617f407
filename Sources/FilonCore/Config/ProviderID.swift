/// The data sources and enrichment providers, with their fixed ids (config sections, env variables).
public enum ProviderID: String, CaseIterable, Sendable, Codable {
    case sireneStock = "sirene_stock"
    case sireneAPI = "sirene_api"
    case rechercheEntreprises = "recherche_entreprises"
    case rne
    case bodacc
    case pappers
    case societeCom = "societe_com"
    case dropcontact
    case kaspr
    case googlePlaces = "google_places"
    case nominatim
    case overpass
    case clearbit
    case websiteAudit = "website_audit"

    /// Providers of the enrichment stage, as opposed to the detection sources.
    public var isEnrichment: Bool {
        switch self {
        case .sireneStock, .sireneAPI, .rechercheEntreprises, .rne, .bodacc: return false
        default: return true
        }
    }

    /// The prefix of its environment variables: `FILON_GOOGLE_PLACES_`.
    public var environmentPrefix: String { "FILON_" + rawValue.uppercased() + "_" }
}
