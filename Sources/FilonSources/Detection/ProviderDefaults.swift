import FilonCore

/// What a source or provider uses when `[providers.<id>]` says nothing: its real address, its
/// documented rate, and whether it can run without a key.
enum ProviderDefaults {
    static func baseURL(_ id: ProviderID) -> String {
        switch id {
        case .sireneAPI: return "https://api.insee.fr/api-sirene/3.11"
        case .sireneStock: return "https://files.data.gouv.fr/insee-sirene"
        case .rechercheEntreprises: return "https://recherche-entreprises.api.gouv.fr"
        case .rne: return "https://registre-national-entreprises.inpi.fr"
        case .bodacc: return "https://bodacc-datadila.opendatasoft.com"
        case .pappers: return "https://api.pappers.fr/v2"
        case .societeCom: return "https://api.societe.com/api/v1"
        case .dropcontact: return "https://api.dropcontact.com/v1"
        case .kaspr: return "https://api.developers.kaspr.io"
        case .googlePlaces: return "https://places.googleapis.com/v1"
        case .nominatim: return "https://nominatim.openstreetmap.org"
        case .overpass: return "https://overpass-api.de/api"
        case .clearbit: return "https://company.clearbit.com/v2"
        // The audit fetches each company's own site: there is no base.
        case .websiteAudit: return ""
        }
    }

    /// Requests per minute: INSEE 30/min, recherche-entreprises 7/s; the others publish no
    /// figure, so a polite one.
    static func ratePerMinute(_ id: ProviderID) -> Int {
        switch id {
        case .sireneAPI: return 30
        case .rechercheEntreprises: return 420
        case .sireneStock: return 6
        // OpenStreetMap's policy: one request a second for the whole application; Overpass
        // public instances ask for a few a minute.
        case .nominatim: return 60
        case .overpass: return 10
        case .societeCom: return 60
        case .googlePlaces: return 600
        // Sites of different owners: a polite pace overall, one page at a time.
        case .websiteAudit: return 120
        default: return 60
        }
    }

    /// Sources that cannot work without a key (or, for the RNE, a login) are off until one is set.
    static func needsKey(_ id: ProviderID) -> Bool {
        switch id {
        case .sireneStock, .rechercheEntreprises, .bodacc, .nominatim, .overpass, .websiteAudit: return false
        case .sireneAPI, .rne, .pappers, .societeCom, .dropcontact, .kaspr, .googlePlaces, .clearbit: return true
        }
    }
}
