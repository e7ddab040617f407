import FilonCore
import Foundation

/// Pappers API v2: legal facts, directors and published accounts, plus, as paid extra fields, the
/// company's websites, phone, email and LinkedIn page. One synchronous request per company.
///
/// Credits: 1 per answer plus the price of each extra field asked for (`sites_internet` +1,
/// `telephone` +3, `email` +3, `lien_linkedin` +3, `entreprises_dirigees` +1); a 404 costs nothing.
struct PappersProvider: EnrichmentProvider {
    var id: ProviderID { .pappers }

    /// The website is what a website seller needs first, and it is the cheapest extra.
    static let defaultExtraFields = ["sites_internet"]

    /// Credits each extra field adds to the 1 every answer costs (Pappers' price list).
    static let extraFieldCredits: [String: Int] = [
        "sites_internet": 1, "telephone": 3, "email": 3, "lien_linkedin": 3, "entreprises_dirigees": 1,
    ]

    /// The extra fields asked for, in the configured order. Unknown ones are left out: their price
    /// is not known, and the daily budget must be checked against exact costs.
    static func extraFields(_ settings: ProviderSettings) -> [String] {
        var seen = Set<String>()
        return (settings.extraFields ?? defaultExtraFields).compactMap {
            let name = $0.trimmingCharacters(in: .whitespaces).lowercased()
            guard extraFieldCredits[name] != nil, seen.insert(name).inserted else { return nil }
            return name
        }
    }

    func maxCredits(_ settings: ProviderSettings) -> Int {
        Self.extraFields(settings).reduce(1) { $0 + (Self.extraFieldCredits[$1] ?? 0) }
    }

    func enrich(_ companies: [CompanyProfile], _ call: ProviderCall) async throws -> [Int: EnrichmentResult] {
        let unknown = (call.settings.extraFields ?? []).filter {
            Self.extraFieldCredits[$0.trimmingCharacters(in: .whitespaces).lowercased()] == nil
        }
        if !unknown.isEmpty {
            call.logger.warning("pappers: extra fields \(unknown) have no known price and are not asked for")
        }
        var results: [Int: EnrichmentResult] = [:]
        for company in companies {
            results[company.siren] = try await enrich(company, call)
        }
        return results
    }

    private func enrich(_ company: CompanyProfile, _ call: ProviderCall) async throws -> EnrichmentResult {
        let fields = Self.extraFields(call.settings)
        var query = [("siren", Siren.pad(company.siren, 9))]
        if !fields.isEmpty { query.append(("champs_supplementaires", fields.joined(separator: ","))) }
        let url = try HTTPRequest.url(base: call.baseURL, path: "/entreprise", query: query, provider: id.rawValue)
        let answer: PappersEntreprise
        do {
            let response = try await call.client.send(HTTPRequest(url: url, headers: headers(call)))
            answer = try response.decode(PappersEntreprise.self)
        } catch HTTPError.notFound {
            return .notFound()
        } catch let error as HTTPError {
            throw await refusal(error, call)
        }
        return Self.result(answer, siren: company.siren, credits: maxCredits(call.settings))
    }

    private func headers(_ call: ProviderCall) -> [String: String] {
        ["api-key": call.apiKey ?? ""]
    }

    /// Pappers refuses with a 401 both a wrong key and an account out of credits ("Vous n'avez plus
    /// assez de crédits"), and the client keeps no body of a 401. The free credit counter tells them
    /// apart: it still answers a valid key. A 402, or another 4xx about credits, needs no probe.
    private func refusal(_ error: HTTPError, _ call: ProviderCall) async -> any Error {
        switch error {
        case .client(_, let status, let excerpt) where status == 402 || EnrichmentValues.mentionsCredits(excerpt):
            return EnrichmentError.outOfCredits(id, detail: "HTTP \(status)")
        case .unauthorized(_, let status):
            guard let url = try? HTTPRequest.url(base: call.baseURL, path: "/suivi-jetons", provider: id.rawValue),
                let counter = try? await call.client.send(HTTPRequest(url: url, headers: headers(call)))
            else { return error }
            let left = (try? counter.decode(JSONValue.self)).flatMap(Self.creditsLeft)
            let detail = "HTTP \(status) with a valid key" + (left.map { ", \($0) credits left" } ?? "")
            return EnrichmentError.outOfCredits(id, detail: detail)
        default:
            return error
        }
    }

    /// The sum of the `…restants` counters of `/suivi-jetons`, when it has any.
    private static func creditsLeft(_ counter: JSONValue) -> Int? {
        guard case .object(let fields) = counter else { return nil }
        let left = fields.filter { $0.key.contains("restant") }.compactMap { $0.value.numberValue }
        return left.isEmpty ? nil : Int(left.reduce(0, +))
    }

    // MARK: - An answer as a result

    static func result(_ answer: PappersEntreprise, siren: Int, credits: Int) -> EnrichmentResult {
        // R4: a unit whose person objected keeps its company facts, never the person's data.
        let withheld = answer.diffusable == false
        var observation = CompanyObservation(siren: siren)
        observation.personalDataWithheld = withheld
        observation.legalForm = RegistryValues.text(answer.formeJuridique)
        observation.nafCode = RegistryValues.naf(answer.codeNaf)
        observation.creationDate = RegistryValues.day(answer.dateCreation)
        if answer.entrepriseCessee == true {
            observation.closure = CompanyObservation.Closure(date: RegistryValues.day(answer.dateCessation))
        }
        if !withheld {
            observation.name = RegistryValues.text(answer.denomination) ?? RegistryValues.text(answer.nomEntreprise)
            observation.headOffice = answer.siege.flatMap(address)
        }
        // An empty list says nothing: it must not erase the directors another source gave.
        let directors = (answer.representants ?? []).compactMap { try? $0.result.get() }.compactMap(director)
            .filter { !withheld || $0.kind == .legal }
        if !directors.isEmpty { observation.directors = directors }
        // One year can be listed twice (individual and consolidated accounts): the first is kept.
        var finances: [Int: FinanceYear] = [:]
        for year in (answer.finances ?? []).compactMap({ try? $0.result.get() }).compactMap(financeYear)
        where finances[year.year] == nil {
            finances[year.year] = year
        }
        if !finances.isEmpty { observation.finances = finances.values.sorted { $0.year < $1.year } }

        var contacts: [ContactFinding] = []
        let sites = (answer.sitesInternet?.values ?? []).compactMap(RegistryValues.text)
        for site in sites where !contacts.contains(where: { $0.value == site }) {
            contacts.append(ContactFinding(kind: .website, value: site))
        }
        if !withheld {
            if let phone = EnrichmentValues.phone(answer.telephone?.value) { contacts.append(phone) }
            if let email = EnrichmentValues.email(answer.email) { contacts.append(email) }
            if let linkedin = RegistryValues.text(answer.lienLinkedin) {
                contacts.append(ContactFinding(kind: .linkedin, value: linkedin, subtype: .company))
            }
        }
        return EnrichmentResult(
            observation: observation, contacts: contacts,
            webPresence: sites.first.map { WebPresenceFinding(website: $0) }, creditsSpent: credits)
    }

    private static func address(_ siege: PappersEntreprise.Siege) -> ObservedAddress? {
        let address = ObservedAddress(
            streetName: RegistryValues.text(siege.adresseLigne1), complement: RegistryValues.text(siege.adresseLigne2),
            postalCode: RegistryValues.text(siege.codePostal?.value), city: RegistryValues.text(siege.ville),
            country: RegistryValues.text(siege.pays), latitude: siege.latitude?.value,
            longitude: siege.longitude?.value)
        return address.line.isEmpty && address.latitude == nil ? nil : address
    }

    private static func director(_ r: PappersEntreprise.Representant) -> Director? {
        if r.actuel == false { return nil }
        let role = RegistryValues.text(r.qualite)
        if r.personneMorale == true {
            let legalSiren = r.siren.flatMap { RegistryValues.siren($0.value) }
            let legalName = RegistryValues.text(r.denomination) ?? RegistryValues.text(r.nomComplet)
            guard legalSiren != nil || legalName != nil else { return nil }
            return Director(kind: .legal, role: role, legalSiren: legalSiren, legalName: legalName)
        }
        guard let lastName = RegistryValues.text(r.nom) else { return nil }
        return Director(
            kind: .physical, role: role, lastName: lastName,
            firstNames: RegistryValues.text(r.prenom) ?? RegistryValues.text(r.prenomUsuel),
            birthYear: RegistryValues.year(r.dateDeNaissance?.value))
    }

    private static func financeYear(_ f: PappersEntreprise.Finance) -> FinanceYear? {
        guard let year = f.annee.flatMap({ RegistryValues.year($0.value) }) else { return nil }
        let (revenue, netIncome) = (f.chiffreAffaires?.integer, f.resultat?.integer)
        guard revenue != nil || netIncome != nil else { return nil }
        return FinanceYear(year: year, revenue: revenue, netIncome: netIncome)
    }
}
