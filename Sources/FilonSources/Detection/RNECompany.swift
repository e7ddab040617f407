/// The INPI's answer to `POST /api/sso/login`.
struct RNELogin: Decodable {
    var token: String
}

/// One company of the RNE diff (`GET /api/companies/diff`), as its latest formality describes it.
/// Only the fields Filon uses are read. The formality comes at the top level, or under `company`
/// in the shape of `GET /api/companies/{siren}`.
struct RNECompany: Decodable {
    var siren: FlexibleString?
    var updatedAt: String?
    var formality: Formality?
    var company: Wrapped?

    struct Wrapped: Decodable {
        var siren: FlexibleString?
        var formality: Formality?
    }

    struct Formality: Decodable {
        var siren: FlexibleString?
        /// False when the person behind a sole trader objected to commercial use of their data.
        var diffusionCommerciale: Bool?
        var formeJuridique: FlexibleString?
        var content: Content?
    }

    struct Content: Decodable {
        var natureCreation: NatureCreation?
        var personneMorale: Entity?
        var personnePhysique: Entity?
        var exploitation: Entity?
    }

    struct NatureCreation: Decodable {
        var dateCreation: String?
    }

    /// A legal person, a sole trader or an agricultural holding: the same blocks in each.
    struct Entity: Decodable {
        var identite: Identity?
        var adresseEntreprise: AddressBlock?
        var composition: Composition?
        var detailCessationEntreprise: Cessation?
    }

    struct Identity: Decodable {
        var entreprise: Enterprise?
    }

    struct Enterprise: Decodable {
        var denomination: String?
        var formeJuridique: FlexibleString?
        var codeApe: String?
        var dateImmat: String?
    }

    struct AddressBlock: Decodable {
        var adresse: Address?
    }

    struct Address: Decodable {
        var numVoie: FlexibleString?
        var typeVoie: String?
        var voie: String?
        var complementLocalisation: String?
        var codePostal: FlexibleString?
        var commune: String?
        var codeInseeCommune: FlexibleString?
        var pays: String?
    }

    struct Composition: Decodable {
        var pouvoirs: [Power]?
    }

    /// A mandate: a person (`INDIVIDU`) or a company (`ENTREPRISE`) in a role given as a code.
    struct Power: Decodable {
        var roleEntreprise: FlexibleString?
        var typeDePersonne: String?
        var actif: Bool?
        var individu: Individual?
        var entreprise: Holder?
    }

    struct Individual: Decodable {
        var descriptionPersonne: Person?
    }

    struct Person: Decodable {
        var nom: String?
        var prenoms: StringList?
        /// `YYYY-MM`: the register publishes no day.
        var dateDeNaissance: String?
    }

    struct Holder: Decodable {
        var siren: FlexibleString?
        var denomination: String?
    }

    struct Cessation: Decodable {
        var dateRadiation: String?
        var dateCessationTotaleActivite: String?
    }
}
