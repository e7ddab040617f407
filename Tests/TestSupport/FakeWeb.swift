import Foundation

/// The web as enrichment sees it, for the end-to-end test and the benchmark: OpenStreetMap
/// (`/nominatim`, `/overpass`), Google Places (`/google`), Pappers (`/pappers`) and the companies'
/// own websites (`/sites/<siren>/`), each in its real format, on one fake server. Every company
/// gets one of five situations, by its place in the list, so that counts are known in advance.
/// With a `RateGate`, a provider asked faster than its rate answers 429 with Retry-After.
public final class FakeWeb: @unchecked Sendable {
    public struct Company: Sendable {
        public var siren: String
        public var name: String
        public var postalCode: String
        public var city: String
        public init(siren: String, name: String, postalCode: String, city: String) {
            self.siren = siren
            self.name = name
            self.postalCode = postalCode
            self.city = city
        }
    }

    /// What the web knows of a company.
    public enum Situation: Int, CaseIterable, Sendable {
        /// Google lists the business, without a website: the lead a web agency wants.
        case listedWithoutWebsite
        /// A modern site, given by Google and Pappers.
        case modernSite
        /// A 2012 WordPress only Pappers knows (a paid provider finds it; the audit follows).
        case oldSiteOnPappers
        /// A parked domain that OpenStreetMap gives.
        case parkedDomain
        /// Nobody knows the business: Google has no place, Pappers answers 404.
        case unknown
    }

    public let companies: [Company]
    public let gate: RateGate?
    public static let pappersKey = "pappers-test-key"
    public static let googleKey = "google-test-key"
    private var baseURL = ""
    private let lock = NSLock()

    public init(companies: [Company], gate: RateGate? = nil) {
        self.companies = companies
        self.gate = gate
    }

    public func situation(_ siren: String) -> Situation? {
        companies.firstIndex { $0.siren == siren }.map { Situation(rawValue: $0 % Situation.allCases.count)! }
    }

    /// The environment that points `filond` at this web on `server`.
    public func environment(server: FakeHTTPServer) -> [String: String] {
        lock.withLock { baseURL = server.baseURL }
        return [
            "FILON_NOMINATIM_BASE_URL": server.baseURL + "/nominatim",
            "FILON_OVERPASS_BASE_URL": server.baseURL + "/overpass",
            "FILON_GOOGLE_PLACES_BASE_URL": server.baseURL + "/google", "FILON_GOOGLE_PLACES_API_KEY": Self.googleKey,
            "FILON_PAPPERS_BASE_URL": server.baseURL + "/pappers", "FILON_PAPPERS_API_KEY": Self.pappersKey,
        ]
    }

    func site(_ siren: String) -> String { lock.withLock { baseURL } + "/sites/\(siren)/" }

    public func respond(_ request: FakeRequest) -> FakeResponse {
        let path = request.path
        let prefix = "/" + (path.split(separator: "/").first.map(String.init) ?? "")
        if let gate, prefix != "/sites", !gate.admit(prefix) {
            return .json(#"{"error":"rate limited"}"#, status: 429, headers: ["Retry-After": "1"])
        }
        switch prefix {
        case "/nominatim": return nominatim(request)
        case "/overpass": return .json(#"{"version":0.6,"generator":"Overpass API","elements":[]}"#)
        case "/google": return google(request)
        case "/pappers": return pappers(request)
        case "/sites": return website(path)
        default: return .noRoute
        }
    }

    /// The one company a query names, as a search engine would read it: its postcode and every
    /// word of its name, whatever the case, accents and punctuation; none when ambiguous.
    private func company(named query: String) -> Company? {
        let words = Set(Self.words(query))
        let matches = companies.filter { c in
            query.contains(c.postalCode) && Set(Self.words(c.name)).isSubset(of: words)
        }
        return matches.count == 1 ? matches[0] : nil
    }

    static func words(_ text: String) -> [String] {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
    }

    /// Text inside a JSON string: names hold quotes and backslashes.
    private func esc(_ text: String) -> String {
        let encoded = String(decoding: try! JSONEncoder().encode(text), as: UTF8.self)
        return String(encoded.dropFirst().dropLast())
    }

    private func nominatim(_ request: FakeRequest) -> FakeResponse {
        guard let c = company(named: request.query["q"] ?? ""), situation(c.siren) != .unknown else {
            return .json("[]")
        }
        let website = situation(c.siren) == .parkedDomain ? #","website":"\#(site(c.siren))""# : ""
        return .json(
            """
            [{"place_id":\(Int(c.siren.suffix(6))!),"licence":"Data © OpenStreetMap contributors, ODbL 1.0.","osm_type":"node",
              "osm_id":\(c.siren),"lat":"45.76\(c.siren.suffix(3))","lon":"4.83\(c.siren.suffix(3))","category":"shop",
              "type":"bakery","place_rank":30,"importance":0.0001,"addresstype":"shop","name":"\(esc(c.name))",
              "display_name":"\(esc(c.name)), \(esc(c.city)), \(c.postalCode), France",
              "address":{"shop":"\(esc(c.name))","city":"\(esc(c.city))","postcode":"\(c.postalCode)","country":"France","country_code":"fr"},
              "extratags":{"opening_hours":"Mo-Sa 07:00-19:30"\(website)},
              "boundingbox":["45.7","45.8","4.8","4.9"]}]
            """)
    }

    private func google(_ request: FakeRequest) -> FakeResponse {
        struct Search: Decodable { var textQuery: String }
        let body = (try? JSONDecoder().decode(Search.self, from: request.body))?.textQuery ?? ""
        guard request.header("X-Goog-Api-Key") == Self.googleKey else {
            return .json(
                #"{"error":{"code":400,"message":"API key not valid. Please pass a valid API key.","status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_INVALID"}]}}"#,
                status: 400)
        }
        guard let c = company(named: body), let situation = situation(c.siren), situation != .unknown else {
            return .json("{}")
        }
        let website = situation == .modernSite ? #""websiteUri":"\#(site(c.siren))","# : ""
        return .json(
            """
            {"places":[{"id":"ChIJ\(c.siren)","displayName":{"text":"\(esc(c.name))","languageCode":"fr"},
              "formattedAddress":"12 Rue de la République, \(c.postalCode) \(esc(c.city)), France",
              "addressComponents":[{"longText":"\(c.postalCode)","shortText":"\(c.postalCode)","types":["postal_code"]}],
              "nationalPhoneNumber":"04 78 \(c.siren.suffix(2)) 12 34","internationalPhoneNumber":"+33 4 78 \(c.siren.suffix(2)) 12 34",
              \(website)"rating":4.6,"userRatingCount":87,"businessStatus":"OPERATIONAL",
              "googleMapsUri":"https://maps.google.com/?cid=\(c.siren)","types":["bakery","store"]}]}
            """)
    }

    private func pappers(_ request: FakeRequest) -> FakeResponse {
        guard request.header("api-key") == Self.pappersKey else {
            return .json(#"{"statusCode":401,"error":"Unauthorized","message":"Clé API invalide"}"#, status: 401)
        }
        guard let siren = request.query["siren"], let c = companies.first(where: { $0.siren == siren }),
            let situation = situation(siren), situation != .unknown
        else {
            return .json(#"{"statusCode":404,"error":"Not Found","message":"Entreprise non trouvée"}"#, status: 404)
        }
        let sites =
            situation == .modernSite || situation == .oldSiteOnPappers ? "[\"\(site(siren))\"]" : "[]"
        return .json(
            """
            {"siren":"\(siren)","siren_formate":"\(siren)","nom_entreprise":"\(esc(c.name))","denomination":"\(esc(c.name))",
             "diffusable":true,"forme_juridique":"SAS, société par actions simplifiée","code_naf":"10.71C",
             "date_creation":"2019-03-14","entreprise_cessee":false,"statut_consolide":"Actif","capital":5000,
             "siege":{"siret":"\(siren)00012","adresse_ligne_1":"12 RUE DE LA REPUBLIQUE","code_postal":"\(c.postalCode)",
               "ville":"\(esc(c.city))","latitude":45.76,"longitude":4.83},
             "representants":[{"qualite":"Président","nom":"MARTIN","prenom":"Claire","nom_complet":"Claire MARTIN",
               "personne_morale":false,"date_prise_de_poste":"2019-03-14","actuel":true}],
             "finances":[{"annee":2024,"chiffre_affaires":\(100_000 + Int(siren.suffix(3))!),"resultat":9000,"effectif":3}],
             "sites_internet":\(sites)}
            """)
    }

    /// The companies' own homepages, one kind per situation.
    private func website(_ path: String) -> FakeResponse {
        let parts = path.split(separator: "/")
        guard parts.count >= 2, let situation = situation(String(parts[1])) else { return .status(404) }
        let html: String
        switch situation {
        case .modernSite:
            html = """
                <!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Boulangerie moderne</title><meta name="description" content="Pains au levain, viennoiseries.">
                <script type="application/ld+json">{"@context":"https://schema.org","@type":"Bakery","name":"x"}</script>
                </head><body><a href="mentions-legales">Mentions légales</a>
                <footer>© 2021–\(Calendar.current.component(.year, from: Date())) — SIREN \(parts[1])</footer></body></html>
                """
        case .oldSiteOnPappers:
            html = """
                <html><head><meta name="generator" content="WordPress 3.4.2"><title>Accueil</title>
                <link rel="stylesheet" href="/wp-content/themes/twentyeleven/style.css"></head>
                <body><p>Bienvenue sur notre site</p><p>Copyright © 2012</p></body></html>
                """
        case .parkedDomain:
            html = "<html><head><title>Domaine à vendre</title></head><body>Ce domaine est à vendre.</body></html>"
        case .listedWithoutWebsite, .unknown:
            return .status(404)
        }
        return .bytes(Data(html.utf8), headers: ["Content-Type": "text/html; charset=utf-8"])
    }
}
