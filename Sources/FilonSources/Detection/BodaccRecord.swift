/// One page of BODACC's Explore v2.1 `records` endpoint (dataset `annonces-commerciales`).
struct BodaccPage: Decodable {
    var totalCount: Int?
    var results: [LenientItem<BodaccRecord>]

    enum CodingKeys: String, CodingKey {
        case totalCount = "total_count"
        case results
    }
}

/// One announcement. Only the fields Filon uses are read; `listepersonnes`,
/// `listeetablissements` and the others are ignored. The detail fields hold JSON inside a string.
struct BodaccRecord: Decodable {
    var id: FlexibleString
    var dateParution: String?
    /// annonce, rectificatif, annulation.
    var typeAvis: String?
    /// creation, immatriculation, modification, radiation, vente, collective, dpc…
    var familleAvis: String?
    var familleAvisLabel: String?
    var tribunal: String?
    var commercant: String?
    var ville: String?
    var cp: FlexibleString?
    /// `["880878145","880 878 145"]`, or `"880878145,880 878 145"` in the older API.
    var registre: StringList?
    var acte: EmbeddedJSON<Acte>?
    var jugement: EmbeddedJSON<Jugement>?
    var modificationsGenerales: EmbeddedJSON<Modifications>?
    var radiationAuRCS: EmbeddedJSON<Radiation>?
    var depot: EmbeddedJSON<Depot>?

    enum CodingKeys: String, CodingKey {
        case id
        case dateParution = "dateparution"
        case typeAvis = "typeavis"
        case familleAvis = "familleavis"
        case familleAvisLabel = "familleavis_lib"
        case tribunal, commercant, ville, cp, registre, acte, jugement, depot
        case modificationsGenerales = "modificationsgenerales"
        case radiationAuRCS = "radiationaurcs"
    }

    /// The act behind a registration: `{"dateImmatriculation": …, "dateCommencementActivite": …,
    /// "creation": {"categorieCreation": …}}`, the dates sometimes under `immatriculation`.
    struct Acte: Decodable {
        var dateImmatriculation: FlexibleString?
        var dateCommencementActivite: FlexibleString?
        var descriptif: FlexibleString?
        var creation: Category?
        var immatriculation: Category?

        struct Category: Decodable {
            var categorieCreation: FlexibleString?
            var categorieImmatriculation: FlexibleString?
            var dateImmatriculation: FlexibleString?
            var dateCommencementActivite: FlexibleString?
        }
    }

    /// A court decision (insolvency proceedings): `{"type", "famille", "nature", "date", …}`.
    struct Jugement: Decodable {
        var famille: FlexibleString?
        var nature: FlexibleString?
        var date: FlexibleString?
    }

    struct Modifications: Decodable {
        var descriptif: FlexibleString?
        var dateEffet: FlexibleString?
    }

    /// `{"radiationPM": "O"}`, `{"radiationPP": {"dateCessationActivitePP": …}}`,
    /// `{"dateCessationActivitePP": …}` or `{"commentaire": …}` depending on the year.
    struct Radiation: Decodable {
        var radiationPM: FlexibleString?
        var radiationPP: EmbeddedJSON<PersonCessation>?
        var dateCessationActivitePP: FlexibleString?
        var commentaire: FlexibleString?

        struct PersonCessation: Decodable {
            var dateCessationActivitePP: FlexibleString?
        }
    }

    struct Depot: Decodable {
        var typeDepot: FlexibleString?
        var dateCloture: FlexibleString?
    }
}
