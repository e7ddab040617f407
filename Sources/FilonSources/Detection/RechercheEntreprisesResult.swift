/// The answer of recherche-entreprises.api.gouv.fr `GET /search`.
struct RechercheEntreprisesPage: Decodable {
    var results: [LenientItem<RechercheEntreprisesResult>]
    var totalResults: Int?

    enum CodingKeys: String, CodingKey {
        case results
        case totalResults = "total_results"
    }
}

/// One company of a search. Only the fields Filon uses are read.
struct RechercheEntreprisesResult: Decodable {
    var siren: FlexibleString
    var nomRaisonSociale: String?
    var natureJuridique: FlexibleString?
    var activitePrincipale: String?
    var dateCreation: String?
    var dateFermeture: String?
    /// A active, C ceased.
    var etatAdministratif: String?
    var siege: Siege?
    var dirigeants: [Dirigeant]?
    /// `{"2023": {"ca": 1200000, "resultat_net": 54000}}`; a year or a value may be null.
    var finances: [String: Finance?]?

    enum CodingKeys: String, CodingKey {
        case siren, siege, dirigeants, finances
        case nomRaisonSociale = "nom_raison_sociale"
        case natureJuridique = "nature_juridique"
        case activitePrincipale = "activite_principale"
        case dateCreation = "date_creation"
        case dateFermeture = "date_fermeture"
        case etatAdministratif = "etat_administratif"
    }

    struct Siege: Decodable {
        var numeroVoie: FlexibleString?
        var typeVoie: String?
        var libelleVoie: String?
        var complementAdresse: String?
        var codePostal: FlexibleString?
        var libelleCommune: String?
        /// The INSEE code of the commune.
        var commune: FlexibleString?
        var latitude: FlexibleNumber?
        var longitude: FlexibleNumber?

        enum CodingKeys: String, CodingKey {
            case commune, latitude, longitude
            case numeroVoie = "numero_voie"
            case typeVoie = "type_voie"
            case libelleVoie = "libelle_voie"
            case complementAdresse = "complement_adresse"
            case codePostal = "code_postal"
            case libelleCommune = "libelle_commune"
        }
    }

    /// A person (`personne physique`) or a company (`personne morale`) holding a mandate.
    struct Dirigeant: Decodable {
        var typeDirigeant: String?
        var nom: String?
        var prenoms: String?
        var anneeDeNaissance: FlexibleString?
        var qualite: String?
        var siren: FlexibleString?
        var denomination: String?

        enum CodingKeys: String, CodingKey {
            case nom, prenoms, qualite, siren, denomination
            case typeDirigeant = "type_dirigeant"
            case anneeDeNaissance = "annee_de_naissance"
        }
    }

    struct Finance: Decodable {
        var ca: FlexibleNumber?
        var resultatNet: FlexibleNumber?

        enum CodingKeys: String, CodingKey {
            case ca
            case resultatNet = "resultat_net"
        }
    }
}
