import Foundation

/// A small France behind fake registries, for the end-to-end tests of `filond run`: the same
/// companies answered by the INSEE API (`/insee`), BODACC (`/bodacc`), the RNE (`/rne`) and
/// recherche-entreprises (`/recherche`), each in its real format. Tests register companies and
/// publish events (a new director, a moved head office, a closure) and every registry follows.
public final class FakeFrance: @unchecked Sendable {
    public struct Director: Sendable, Equatable {
        public var lastName: String
        public var firstNames: String
        public var role: String
        public init(_ lastName: String, _ firstNames: String, role: String = "Président") {
            self.lastName = lastName
            self.firstNames = firstNames
            self.role = role
        }
    }

    public struct Address: Sendable, Equatable {
        public var number: String
        public var streetType: String
        public var street: String
        public var postalCode: String
        public var city: String
        public var cityCode: String
        public init(
            _ number: String, _ streetType: String, _ street: String, _ postalCode: String, _ city: String,
            _ cityCode: String
        ) {
            self.number = number
            self.streetType = streetType
            self.street = street
            self.postalCode = postalCode
            self.city = city
            self.cityCode = cityCode
        }
    }

    public struct Company: Sendable {
        public var siren: String
        public var name: String
        public var created: String
        public var naf: String
        public var legalForm: String
        public var address: Address
        public var directors: [Director]
        public var closed: String?
        /// The day the RNE last recorded a formality for it.
        public var rneUpdated: String
        public var nic: String { Luhn.nic(for: siren) }

        public init(
            siren: String, name: String, created: String, naf: String = "62.01Z", legalForm: String = "5710",
            address: Address, directors: [Director]
        ) {
            self.siren = siren
            self.name = name
            self.created = created
            self.naf = naf
            self.legalForm = legalForm
            self.address = address
            self.directors = directors
            self.closed = nil
            self.rneUpdated = created
        }
    }

    public let insee = FakeSireneAPI()
    public let rneLogin = "filon@example.fr:s3cret"
    private let lock = NSLock()
    private var companies: [String: Company] = [:]
    private var notices: [(id: String, day: String, json: String)] = []
    private var tokens = 0

    public init() {}

    /// The environment that points `filond` at this France on `server`.
    public func environment(server: FakeHTTPServer) -> [String: String] {
        [
            "FILON_SIRENE_API_BASE_URL": server.baseURL + "/insee", "FILON_SIRENE_API_API_KEY": insee.key,
            "FILON_BODACC_BASE_URL": server.baseURL + "/bodacc", "FILON_RNE_BASE_URL": server.baseURL + "/rne",
            "FILON_RNE_API_KEY": rneLogin, "FILON_RECHERCHE_ENTREPRISES_BASE_URL": server.baseURL + "/recherche",
        ]
    }

    // MARK: - What happens in France

    /// A company is registered: INSEE lists it, the RNE records it, BODACC announces it.
    public func register(_ company: Company, on day: String) {
        lock.withLock { companies[company.siren] = company }
        publishToINSEE(company, processed: day)
        notice(company, family: "creation", label: "Créations", day: day, extra: "")
    }

    public func changeDirectors(_ siren: String, to directors: [Director], on day: String) {
        lock.withLock {
            companies[siren]?.directors = directors
            companies[siren]?.rneUpdated = day
        }
    }

    public func moveHeadOffice(_ siren: String, to address: Address, on day: String) {
        guard
            let company = lock.withLock({ () -> Company? in
                companies[siren]?.address = address
                companies[siren]?.rneUpdated = day
                return companies[siren]
            })
        else { return }
        publishToINSEE(company, processed: day)
    }

    /// A company is struck off: INSEE marks the unit ceased, BODACC publishes the radiation.
    public func close(_ siren: String, on day: String) {
        guard
            let company = lock.withLock({ () -> Company? in
                companies[siren]?.closed = day
                return companies[siren]
            })
        else { return }
        publishToINSEE(company, processed: day)
        notice(
            company, family: "radiation", label: "Radiations", day: day,
            extra: #","radiationaurcs":"{\"radiationPM\":\"O\"}""#)
    }

    private func publishToINSEE(_ c: Company, processed: String) {
        insee.publishUnit(
            siren: c.siren, name: c.name, created: c.created, processed: processed, state: c.closed == nil ? "A" : "C",
            naf: c.naf, legalForm: c.legalForm, headOfficeNIC: c.nic)
        insee.publishEstablishment(
            siren: c.siren, nic: c.nic, created: c.created, processed: processed, number: c.address.number,
            streetType: c.address.streetType, street: c.address.street, postalCode: c.address.postalCode,
            city: c.address.city, cityCode: c.address.cityCode)
    }

    private func notice(_ c: Company, family: String, label: String, day: String, extra: String) {
        lock.withLock {
            let id = "A\(day.replacingOccurrences(of: "-", with: ""))\(String(format: "%04d", notices.count + 1))"
            let spaced = "\(c.siren.prefix(3)) \(c.siren.dropFirst(3).prefix(3)) \(c.siren.suffix(3))"
            let json = """
                {"id":"\(id)","publicationavis":"A","publicationavis_facette":"Bodacc A","parution":"\(day.replacingOccurrences(of: "-", with: ""))",
                 "dateparution":"\(day)","numeroannonce":\(notices.count + 1),"typeavis":"annonce","typeavis_lib":"Avis initial",
                 "familleavis":"\(family)","familleavis_lib":"\(label)","numerodepartement":"\(c.address.postalCode.prefix(2))",
                 "tribunal":"GREFFE DU TRIBUNAL DE COMMERCE DE \(c.address.city)","commercant":"\(c.name)",
                 "ville":"\(c.address.city)","cp":"\(c.address.postalCode)","registre":["\(c.siren)","\(spaced)"],
                 "listepersonnes":"{\\"personne\\":{\\"typePersonne\\":\\"pm\\",\\"denomination\\":\\"\(c.name)\\",\\"numeroImmatriculation\\":{\\"numeroIdentification\\":\\"\(spaced)\\",\\"codeRCS\\":\\"RCS\\",\\"nomGreffeImmat\\":\\"\(c.address.city)\\"}}}",
                 "acte":"{\\"dateImmatriculation\\":\\"\(c.created)\\",\\"descriptif\\":\\"Immatriculation d'une personne morale\\"}"\(extra),
                 "url_complete":"https://www.bodacc.fr/pages/annonces-commerciales-detail/?q.id=id:\(id)"}
                """
            notices.append((id, day, json))
        }
    }

    // MARK: - The registries' answers

    public func respond(_ request: FakeRequest) -> FakeResponse {
        let path = request.path
        func strip(_ prefix: String) -> FakeRequest {
            var inner = request
            inner.path = String(path.dropFirst(prefix.count))
            return inner
        }
        if path.hasPrefix("/insee/") { return insee.respond(strip("/insee")) }
        if path.hasPrefix("/bodacc/") { return bodacc(strip("/bodacc")) }
        if path.hasPrefix("/rne/") { return rne(strip("/rne")) }
        if path.hasPrefix("/recherche/") { return recherche(strip("/recherche")) }
        return .noRoute
    }

    private func bodacc(_ request: FakeRequest) -> FakeResponse {
        guard request.path == "/api/explore/v2.1/catalog/datasets/annonces-commerciales/records" else {
            return .noRoute
        }
        let days = Self.quotedDates(request.query["where"] ?? "")
        let from = days.first ?? "0000-00-00"
        let until = days.count > 1 ? days[1] : "9999-99-99"
        let matching = lock.withLock { notices }.filter { $0.day >= from && $0.day < until }
        let offset = Int(request.query["offset"] ?? "0") ?? 0
        let limit = Int(request.query["limit"] ?? "10") ?? 10
        let page = matching.dropFirst(offset).prefix(limit).map(\.json)
        return .json(#"{"total_count":\#(matching.count),"results":[\#(page.joined(separator: ","))]}"#)
    }

    /// `date'2026-11-26'` values of an ODSQL where clause, in order.
    static func quotedDates(_ clause: String) -> [String] {
        clause.components(separatedBy: "date'").dropFirst().compactMap { part in
            part.firstIndex(of: "'").map { String(part[..<$0]) }
        }
    }

    private func rne(_ request: FakeRequest) -> FakeResponse {
        if request.path == "/api/sso/login" {
            let body = String(decoding: request.body, as: UTF8.self)
            let parts = rneLogin.split(separator: ":")
            guard request.method == "POST", body.contains("\"\(parts[0])\""), body.contains("\"\(parts[1])\"") else {
                return .json(#"{"code":401,"message":"Invalid credentials."}"#, status: 401)
            }
            let token = lock.withLock {
                tokens += 1
                return "rne-token-\(tokens)"
            }
            return .json(#"{"token":"\#(token)","user":{"id":42,"email":"\#(parts[0])"}}"#)
        }
        guard request.path == "/api/companies/diff" else { return .noRoute }
        let current = lock.withLock { "Bearer rne-token-\(tokens)" }
        guard request.header("Authorization") == current else {
            return .json(#"{"code":401,"message":"Expired JWT Token"}"#, status: 401)
        }
        let from = request.query["from"] ?? "0000-00-00"
        let to = request.query["to"] ?? "9999-99-99"
        let after = request.query["searchAfter"] ?? ""
        let size = Int(request.query["pageSize"] ?? "100") ?? 100
        let matching = lock.withLock { Array(companies.values) }
            .filter { $0.rneUpdated >= from && $0.rneUpdated <= to && $0.siren > after }
            .sorted { $0.siren < $1.siren }
        let page = Array(matching.prefix(size))
        var headers: [String: String] = [:]
        if page.count == size, let last = page.last { headers["pagination-search-after"] = last.siren }
        return .json("[" + page.map(rneCompany).joined(separator: ",") + "]", headers: headers)
    }

    private func rneCompany(_ c: Company) -> String {
        let pouvoirs = c.directors.map { d in
            """
            {"roleEntreprise":"\(d.role)","typeDePersonne":"INDIVIDU","actif":true,
             "individu":{"descriptionPersonne":{"nom":"\(d.lastName)","prenoms":[\(d.firstNames.split(separator: " ").map { "\"\($0)\"" }.joined(separator: ","))],"dateDeNaissance":"1978-05","nationalite":"Française"}}}
            """
        }.joined(separator: ",")
        let cessation = c.closed.map { #","detailCessationEntreprise":{"dateRadiation":"\#($0)"}"# } ?? ""
        return """
            {"id":"\(c.siren)-rne","siren":"\(c.siren)","updatedAt":"\(c.rneUpdated)T08:15:02+01:00","nombreRepresentantsActifs":\(c.directors.count),
             "formality":{"siren":"\(c.siren)","typePersonne":"M","diffusionINSEE":"O","diffusionCommerciale":true,"formeJuridique":"\(c.legalForm)",
              "content":{"natureCreation":{"dateCreation":"\(c.created)","societeEtrangere":false},
               "personneMorale":{"identite":{"entreprise":{"siren":"\(c.siren)","denomination":"\(c.name)","formeJuridique":"\(c.legalForm)","codeApe":"\(c.naf.replacingOccurrences(of: ".", with: ""))","dateImmat":"\(c.created)T00:00:00+01:00"},
                 "description":{"objet":"Conseil en systèmes et logiciels informatiques","duree":99}},
                "adresseEntreprise":{"adresse":{"pays":"FRANCE","codePays":"FRA","codePostal":"\(c.address.postalCode)","commune":"\(c.address.city)","codeInseeCommune":"\(c.address.cityCode)","typeVoie":"\(c.address.streetType)","voie":"\(c.address.street)","numVoie":"\(c.address.number)"}},
                "composition":{"pouvoirs":[\(pouvoirs)]}\(cessation)}}}}
            """
    }

    private func recherche(_ request: FakeRequest) -> FakeResponse {
        guard request.path == "/search" else { return .noRoute }
        let q = request.query["q"] ?? ""
        guard let c = lock.withLock({ companies[q] }) else {
            return .json(#"{"results":[],"total_results":0,"page":1,"per_page":1,"total_pages":0}"#)
        }
        let dirigeants = c.directors.map { d in
            #"{"nom":"\#(d.lastName)","prenoms":"\#(d.firstNames)","annee_de_naissance":"1978","date_de_naissance":"1978-05","qualite":"\#(d.role)","nationalite":"Française","type_dirigeant":"personne physique"}"#
        }.joined(separator: ",")
        let a = c.address
        let state = c.closed == nil ? "A" : "C"
        return .json(
            """
            {"results":[{"siren":"\(c.siren)","nom_complet":"\(c.name.lowercased())","nom_raison_sociale":"\(c.name)","sigle":null,
              "nombre_etablissements":1,"nombre_etablissements_ouverts":\(c.closed == nil ? 1 : 0),
              "siege":{"activite_principale":"\(c.naf)","adresse":"\(a.number) \(a.streetType) \(a.street) \(a.postalCode) \(a.city)",
                "numero_voie":"\(a.number)","type_voie":"\(a.streetType)","libelle_voie":"\(a.street)","code_postal":"\(a.postalCode)",
                "libelle_commune":"\(a.city)","commune":"\(a.cityCode)","latitude":"48.868","longitude":"2.331",
                "siret":"\(c.siren)\(c.nic)","est_siege":true,"etat_administratif":"\(state)"},
              "activite_principale":"\(c.naf)","categorie_entreprise":"PME","date_creation":"\(c.created)",
              "date_fermeture":\(c.closed.map { "\"\($0)\"" } ?? "null"),"date_mise_a_jour":"\(c.rneUpdated)T08:00:00",
              "dirigeants":[\(dirigeants)],"etat_administratif":"\(state)","nature_juridique":"\(c.legalForm)",
              "section_activite_principale":"J","tranche_effectif_salarie":"01",
              "finances":{"2024":{"ca":184000,"resultat_net":12400}},
              "complements":{"est_entrepreneur_individuel":false,"est_ess":false,"convention_collective_renseignee":true},
              "matching_etablissements":[]}],
             "total_results":1,"page":1,"per_page":1,"total_pages":1}
            """)
    }
}
