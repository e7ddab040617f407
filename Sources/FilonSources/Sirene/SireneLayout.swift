/// The columns Filon keeps from each Sirene file, and what it needs to recognise them.
/// Columns are found by header name: their position and number change between releases.
public struct SireneLayout: Sendable {
    public let kind: SireneFileKind
    public let table: String
    public let columns: [SireneColumn]
    /// Headers without which a row means nothing.
    public let required: [String]

    public static let legalUnits = SireneLayout(
        kind: .legalUnits, table: "company",
        columns: [
            SireneColumn("statutDiffusionUniteLegale", "diffusion", fallback: "O"),
            SireneColumn("dateCreationUniteLegale", "creation_date", .date),
            SireneColumn("sigleUniteLegale", "acronym"),
            SireneColumn("prenom1UniteLegale", "first_name", personal: true),
            SireneColumn("prenomUsuelUniteLegale", "usual_first_name", personal: true),
            SireneColumn("identifiantAssociationUniteLegale", "association_id"),
            SireneColumn("trancheEffectifsUniteLegale", "size_band"),
            SireneColumn("anneeEffectifsUniteLegale", "size_year", .integer),
            SireneColumn("dateDernierTraitementUniteLegale", "sirene_updated_at", .timestamp, hashed: false),
            SireneColumn("categorieEntreprise", "category"),
            SireneColumn("dateDebut", "state_since", .date),
            SireneColumn("etatAdministratifUniteLegale", "state", fallback: "A"),
            SireneColumn("nomUniteLegale", "last_name", personal: true),
            SireneColumn("nomUsageUniteLegale", "usage_name", personal: true),
            SireneColumn("denominationUniteLegale", "denomination"),
            SireneColumn("denominationUsuelle1UniteLegale", "usual_name"),
            SireneColumn("categorieJuridiqueUniteLegale", "legal_form"),
            SireneColumn("activitePrincipaleUniteLegale", "naf_code"),
            SireneColumn("nomenclatureActivitePrincipaleUniteLegale", "naf_nomenclature"),
            SireneColumn("nicSiegeUniteLegale", "head_office_nic"),
            SireneColumn("economieSocialeSolidaireUniteLegale", "social_economy"),
            SireneColumn("caractereEmployeurUniteLegale", "employer"),
            SireneColumn("activitePrincipaleNAF25UniteLegale", "naf25_code"),
        ],
        required: ["siren", "etatAdministratifUniteLegale"])

    public static let establishments = SireneLayout(
        kind: .establishments, table: "establishment",
        columns: [
            SireneColumn("nic", "nic"),
            SireneColumn("statutDiffusionEtablissement", "diffusion", fallback: "O"),
            SireneColumn("dateCreationEtablissement", "creation_date", .date),
            SireneColumn("trancheEffectifsEtablissement", "size_band"),
            SireneColumn("etablissementSiege", "is_head_office", .flag, fallback: "false"),
            SireneColumn("complementAdresseEtablissement", "address_complement", address: true),
            SireneColumn("numeroVoieEtablissement", "street_number", address: true),
            SireneColumn("indiceRepetitionEtablissement", "street_repetition", address: true),
            SireneColumn("typeVoieEtablissement", "street_type", address: true),
            SireneColumn("libelleVoieEtablissement", "street_name", address: true),
            SireneColumn("codePostalEtablissement", "postal_code", address: true),
            SireneColumn("libelleCommuneEtablissement", "city", address: true),
            SireneColumn("libelleCommuneEtrangerEtablissement", "foreign_city", address: true),
            SireneColumn("distributionSpecialeEtablissement", "special_distribution", address: true),
            SireneColumn("codeCommuneEtablissement", "city_code", address: true),
            SireneColumn("codeCedexEtablissement", "cedex_code"),
            SireneColumn("libelleCedexEtablissement", "cedex_label"),
            SireneColumn("codePaysEtrangerEtablissement", "foreign_country_code", address: true),
            SireneColumn("libellePaysEtrangerEtablissement", "foreign_country", address: true),
            SireneColumn("coordonneeLambertAbscisseEtablissement", "lambert_x", .real, address: true),
            SireneColumn("coordonneeLambertOrdonneeEtablissement", "lambert_y", .real, address: true),
            SireneColumn("dateDebut", "state_since", .date),
            SireneColumn("etatAdministratifEtablissement", "state", fallback: "A"),
            SireneColumn("enseigne1Etablissement", "sign"),
            SireneColumn("denominationUsuelleEtablissement", "usual_name"),
            SireneColumn("activitePrincipaleEtablissement", "naf_code"),
            SireneColumn("nomenclatureActivitePrincipaleEtablissement", "naf_nomenclature"),
            SireneColumn("caractereEmployeurEtablissement", "employer"),
            SireneColumn("dateDernierTraitementEtablissement", "sirene_updated_at", .timestamp, hashed: false),
        ],
        required: ["siren", "nic", "siret", "etablissementSiege"])
}
