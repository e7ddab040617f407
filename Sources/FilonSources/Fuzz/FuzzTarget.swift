import FilonCore
import Foundation

/// Every parser that turns outside bytes into values, named as its corpus folder
/// (`Fixtures/fuzz/<rawValue>/`). `run` feeds bytes to the very entry point production uses, so
/// the Swift Testing fuzz suite and the libFuzzer harness (`filon-fuzz`) exercise the same code.
public enum FuzzTarget: String, CaseIterable, Sendable {
    case sireneStock = "sirene_stock"
    case sireneArchive = "sirene_zip"
    case config = "config_toml"
    case sireneAPI = "sirene_api"
    case rne
    case bodacc
    case rechercheEntreprises = "recherche_entreprises"
    case pappers
    case societeCom = "societe_com"
    case dropcontact
    case kaspr
    case googlePlaces = "google_places"
    case overpass
    case nominatim
    case clearbit
    case websiteAudit = "website_audit"

    /// Parses `bytes` as this target's production path does. Returns what came out, or the typed
    /// error it refused the input with; throws only when the parser broke its contract (an error
    /// of the wrong type, one that does not name its place, or readings that disagree).
    public func run(_ bytes: Data) throws(FuzzViolation) -> FuzzOutcome {
        switch self {
        case .sireneStock: return try FuzzSireneStock.run(bytes)
        case .sireneArchive: return try FuzzSireneStock.runArchive(bytes)
        case .config: return try FuzzConfig.run(bytes)
        case .sireneAPI: return try FuzzDetection.sireneAPI(bytes)
        case .rne: return try FuzzDetection.rne(bytes)
        case .bodacc: return try FuzzDetection.bodacc(bytes)
        case .rechercheEntreprises: return try FuzzDetection.rechercheEntreprises(bytes)
        case .pappers: return try FuzzEnrichment.pappers(bytes)
        case .societeCom: return try FuzzEnrichment.societeCom(bytes)
        case .dropcontact: return try FuzzEnrichment.dropcontact(bytes)
        case .kaspr: return try FuzzEnrichment.kaspr(bytes)
        case .googlePlaces: return try FuzzEnrichment.googlePlaces(bytes)
        case .overpass: return try FuzzEnrichment.overpass(bytes)
        case .nominatim: return try FuzzEnrichment.nominatim(bytes)
        case .clearbit: return try FuzzEnrichment.clearbit(bytes)
        case .websiteAudit: return FuzzWebsite.run(bytes)
        }
    }

    /// The input's syntax, for mutations that know it.
    public var format: FuzzFormat {
        switch self {
        case .sireneStock: return .csv
        case .sireneArchive: return .binary
        case .config: return .toml
        case .websiteAudit: return .html
        default: return .json
        }
    }
}
