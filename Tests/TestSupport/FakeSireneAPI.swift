import Foundation

/// The INSEE API Sirene 3.11 as the daemon sees it: `/siren` and `/siret` with a Lucene range
/// on a date variable, deep paging by `curseur`, 404 when nothing matches, 401 without the key.
/// Tests publish units and establishments and the answers follow.
public final class FakeSireneAPI: @unchecked Sendable {
    public struct Item: Sendable {
        public var key: String
        /// The variables the range queries read, by name.
        public var dates: [String: String]
        public var json: String
    }

    public let key: String
    private let lock = NSLock()
    private var units: [String: Item] = [:]
    private var establishments: [String: Item] = [:]

    public init(key: String = "test-insee-key") { self.key = key }

    /// Adds or replaces a legal unit (its current period last, `dateFin` null).
    public func publishUnit(
        siren: String, name: String, created: String, processed: String, state: String = "A",
        naf: String = "62.01Z", legalForm: String = "5710", headOfficeNIC: String = "00018", diffusion: String = "O"
    ) {
        let json = """
            {"siren":"\(siren)","statutDiffusionUniteLegale":"\(diffusion)","unitePurgeeUniteLegale":null,
             "dateCreationUniteLegale":"\(created)","sigleUniteLegale":null,"sexeUniteLegale":null,
             "prenom1UniteLegale":null,"prenomUsuelUniteLegale":null,"identifiantAssociationUniteLegale":null,
             "trancheEffectifsUniteLegale":"01","anneeEffectifsUniteLegale":"2023",
             "dateDernierTraitementUniteLegale":"\(processed)T09:12:44.000","nombrePeriodesUniteLegale":2,
             "categorieEntreprise":"PME","anneeCategorieEntreprise":"2022",
             "periodesUniteLegale":[
               {"dateFin":null,"dateDebut":"\(processed)","etatAdministratifUniteLegale":"\(state)",
                "changementEtatAdministratifUniteLegale":\(state == "C"),"nomUniteLegale":null,
                "nomUsageUniteLegale":null,"denominationUniteLegale":"\(name)","denominationUsuelle1UniteLegale":null,
                "categorieJuridiqueUniteLegale":"\(legalForm)","activitePrincipaleUniteLegale":"\(naf)",
                "nomenclatureActivitePrincipaleUniteLegale":"NAFRev2","nicSiegeUniteLegale":"\(headOfficeNIC)",
                "economieSocialeSolidaireUniteLegale":"N","societeMissionUniteLegale":null,
                "caractereEmployeurUniteLegale":"N"},
               {"dateFin":"\(created)","dateDebut":"1990-01-01","etatAdministratifUniteLegale":"A",
                "denominationUniteLegale":"ANCIEN NOM","activitePrincipaleUniteLegale":"70.22Z",
                "categorieJuridiqueUniteLegale":"\(legalForm)","nicSiegeUniteLegale":"\(headOfficeNIC)"}
             ]}
            """
        lock.withLock {
            units[siren] = Item(
                key: siren,
                dates: ["dateCreationUniteLegale": created, "dateDernierTraitementUniteLegale": processed], json: json)
        }
    }

    /// Adds or replaces an establishment with its address block and current period.
    public func publishEstablishment(
        siren: String, nic: String, created: String, processed: String, headOffice: Bool = true,
        number: String = "12", streetType: String = "RUE", street: String = "DE LA PAIX", postalCode: String = "75002",
        city: String = "PARIS", cityCode: String = "75102", state: String = "A"
    ) {
        let json = """
            {"siren":"\(siren)","nic":"\(nic)","siret":"\(siren)\(nic)","statutDiffusionEtablissement":"O",
             "dateCreationEtablissement":"\(created)","trancheEffectifsEtablissement":null,
             "anneeEffectifsEtablissement":null,"activitePrincipaleRegistreMetiersEtablissement":null,
             "dateDernierTraitementEtablissement":"\(processed)T09:12:44","etablissementSiege":\(headOffice),
             "nombrePeriodesEtablissement":1,
             "uniteLegale":{"etatAdministratifUniteLegale":"A","denominationUniteLegale":"IGNORED HERE"},
             "adresseEtablissement":{"complementAdresseEtablissement":null,"numeroVoieEtablissement":"\(number)",
               "indiceRepetitionEtablissement":null,"typeVoieEtablissement":"\(streetType)",
               "libelleVoieEtablissement":"\(street)","codePostalEtablissement":"\(postalCode)",
               "libelleCommuneEtablissement":"\(city)","codeCommuneEtablissement":"\(cityCode)",
               "coordonneeLambertAbscisseEtablissement":"651234.5","coordonneeLambertOrdonneeEtablissement":"6862275.1"},
             "adresse2Etablissement":{"numeroVoie2Etablissement":null,"libelleVoie2Etablissement":null},
             "periodesEtablissement":[
               {"dateFin":null,"dateDebut":"\(created)","etatAdministratifEtablissement":"\(state)",
                "enseigne1Etablissement":null,"denominationUsuelleEtablissement":null,
                "activitePrincipaleEtablissement":"62.01Z","nomenclatureActivitePrincipaleEtablissement":"NAFRev2",
                "caractereEmployeurEtablissement":"N"}
             ]}
            """
        lock.withLock {
            establishments[siren + nic] = Item(
                key: siren + nic,
                dates: ["dateCreationEtablissement": created, "dateDernierTraitementEtablissement": processed],
                json: json)
        }
    }

    /// Answers one request as INSEE would.
    public func respond(_ request: FakeRequest) -> FakeResponse {
        guard request.header("X-INSEE-Api-Key-Integration") == key else {
            return .json(
                #"{"code":"900901","message":"Invalid Credentials","description":"Invalid Credentials. Make sure you have given the correct access token"}"#,
                status: 401)
        }
        let isUnits = request.path.hasSuffix("/siren")
        guard isUnits || request.path.hasSuffix("/siret") else { return .noRoute }
        let q = request.query["q"] ?? ""
        guard let range = Self.range(q) else {
            return .json(
                #"{"header":{"statut":400,"message":"Erreur de syntaxe dans le paramètre q=\#(q)"}}"#, status: 400)
        }
        let items = lock.withLock { Array((isUnits ? units : establishments).values) }
            .filter { ($0.dates[range.field] ?? "") >= range.from }
            .sorted { $0.key < $1.key }
        let size = Int(request.query["nombre"] ?? "20") ?? 20
        let cursor = request.query["curseur"] ?? "*"
        let start = cursor == "*" ? 0 : Int(cursor) ?? 0
        let page = Array(items.dropFirst(start).prefix(size))
        guard !items.isEmpty else {
            return .json(#"{"header":{"statut":404,"message":"Aucun élément trouvé pour q=\#(q)"}}"#, status: 404)
        }
        let next = start + page.count < items.count ? String(start + page.count) : cursor
        let name = isUnits ? "unitesLegales" : "etablissements"
        return .json(
            """
            {"header":{"statut":200,"message":"OK","total":\(items.count),"debut":\(start),"nombre":\(page.count),
              "curseur":"\(cursor)","curseurSuivant":"\(next)"},
             "\(name)":[\(page.map(\.json).joined(separator: ","))]}
            """)
    }

    /// `field:[YYYY-MM-DD TO *]`
    static func range(_ q: String) -> (field: String, from: String)? {
        guard let colon = q.firstIndex(of: ":"), q[q.index(after: colon)...].hasPrefix("["),
            q.hasSuffix(" TO *]")
        else { return nil }
        let field = String(q[..<colon])
        let from = q[q.index(colon, offsetBy: 2)...].dropLast(" TO *]".count)
        return (field, String(from))
    }
}
