/// Why and how each source may collect what it gives (RGPD R10, R8): the legal basis, the
/// method, and the terms the data comes under. The CNIL expects a named source, not "public
/// sources" (Kaspr, 2024); `filon history` prints this next to each field a provider gave.
public struct ProviderLegalBasis: Sendable, Equatable {
    public enum Method: String, Sendable {
        /// An open-data file or API published by the state.
        case openData = "open data API"
        /// A commercial API under a contract.
        case api = "API under contract"
        /// Our own reading of a public web page.
        case scrape = "page read by Filon"
    }

    public var basis: String
    public var method: Method
    public var terms: String

    /// The declaration of every source. A new `ProviderID` must be added here: the switch has no
    /// default, so the compiler asks.
    public static func of(_ provider: ProviderID) -> ProviderLegalBasis {
        let interest = "legitimate interest, art. 6(1)(f): B2B prospecting"
        switch provider {
        case .sireneStock, .sireneAPI:
            return ProviderLegalBasis(
                basis: interest + "; diffusion status honoured (R4)", method: .openData,
                terms: "INSEE Sirene, Licence Ouverte 2.0")
        case .rechercheEntreprises:
            return ProviderLegalBasis(
                basis: interest, method: .openData, terms: "DINUM API Recherche d'entreprises, Licence Ouverte 2.0")
        case .rne:
            return ProviderLegalBasis(
                basis: interest + "; diffusionCommerciale honoured", method: .openData,
                terms: "INPI RNE, reuse licence of the INPI")
        case .bodacc:
            return ProviderLegalBasis(
                basis: interest, method: .openData, terms: "DILA BODACC, Licence Ouverte 2.0")
        case .pappers:
            return ProviderLegalBasis(
                basis: interest, method: .api, terms: "Pappers API terms (registry data resold)")
        case .societeCom:
            return ProviderLegalBasis(basis: interest, method: .api, terms: "Societe.com API terms")
        case .dropcontact:
            return ProviderLegalBasis(
                basis: interest, method: .api, terms: "Dropcontact terms, DPA")
        case .kaspr:
            return ProviderLegalBasis(
                basis: interest + "; LinkedIn-sourced: CNIL sanction of 5 Dec 2024, check the person was informed",
                method: .api, terms: "Kaspr terms, DPA")
        case .googlePlaces:
            return ProviderLegalBasis(
                basis: interest + "; business listing (legal-person data)", method: .api,
                terms: "Google Maps Platform terms")
        case .nominatim, .overpass:
            return ProviderLegalBasis(
                basis: interest + "; map data about businesses", method: .openData,
                terms: "OpenStreetMap, ODbL 1.0")
        case .clearbit:
            return ProviderLegalBasis(basis: interest, method: .api, terms: "Clearbit (HubSpot) terms")
        case .websiteAudit:
            return ProviderLegalBasis(
                basis: interest + "; the company's own public site", method: .scrape,
                terms: "the site's public pages")
        }
    }

    /// One line: "legitimate interest…; API under contract; Pappers API terms".
    public var line: String { "\(basis); \(method.rawValue); \(terms)" }
}
