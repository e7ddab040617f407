/// The answer of Pappers `GET /entreprise?siren=`. Only the fields Filon uses are read; a director
/// or a year of accounts of the wrong shape is skipped rather than failing the company.
struct PappersEntreprise: Decodable {
    var siren: FlexibleString?
    var nomEntreprise: String?
    var denomination: String?
    /// False for a unit whose person objected to the diffusion of their data (names come back null).
    var diffusable: Bool?
    var siege: Siege?
    var codeNaf: String?
    var formeJuridique: String?
    var dateCreation: String?
    var entrepriseCessee: Bool?
    var dateCessation: String?
    var finances: [LenientItem<Finance>]?
    var representants: [LenientItem<Representant>]?
    // Paid extra fields (`champs_supplementaires`): absent unless asked for.
    var sitesInternet: StringList?
    var telephone: FlexibleString?
    var email: String?
    var lienLinkedin: String?

    enum CodingKeys: String, CodingKey {
        case siren, denomination, diffusable, siege, finances, representants, telephone, email
        case nomEntreprise = "nom_entreprise"
        case codeNaf = "code_naf"
        case formeJuridique = "forme_juridique"
        case dateCreation = "date_creation"
        case entrepriseCessee = "entreprise_cessee"
        case dateCessation = "date_cessation"
        case sitesInternet = "sites_internet"
        case lienLinkedin = "lien_linkedin"
    }

    struct Siege: Decodable {
        var adresseLigne1: String?
        var adresseLigne2: String?
        var codePostal: FlexibleString?
        var ville: String?
        var pays: String?
        var latitude: FlexibleNumber?
        var longitude: FlexibleNumber?

        enum CodingKeys: String, CodingKey {
            case ville, pays, latitude, longitude
            case adresseLigne1 = "adresse_ligne_1"
            case adresseLigne2 = "adresse_ligne_2"
            case codePostal = "code_postal"
        }
    }

    struct Finance: Decodable {
        var annee: FlexibleString?
        var chiffreAffaires: FlexibleNumber?
        var resultat: FlexibleNumber?

        enum CodingKeys: String, CodingKey {
            case annee, resultat
            case chiffreAffaires = "chiffre_affaires"
        }
    }

    /// A director: a person, or a company (`personne_morale`) with its SIREN.
    struct Representant: Decodable {
        var qualite: String?
        var nom: String?
        var prenom: String?
        var prenomUsuel: String?
        var nomComplet: String?
        var personneMorale: Bool?
        var dateDeNaissance: FlexibleString?
        var siren: FlexibleString?
        var denomination: String?
        /// False for a past mandate, when Pappers lists them.
        var actuel: Bool?

        enum CodingKeys: String, CodingKey {
            case qualite, nom, prenom, siren, denomination, actuel
            case prenomUsuel = "prenom_usuel"
            case nomComplet = "nom_complet"
            case personneMorale = "personne_morale"
            case dateDeNaissance = "date_de_naissance"
        }
    }
}
