import FilonCore
import Foundation

/// The INPI's national register (RNE): the companies whose formalities changed between two days,
/// with their directors, head office and cessation. The diff covers all of France, so it only
/// updates companies already held (`mayCreate` stays false; the others count as filtered).
///
/// Login: the key is `username:password`, exchanged for a bearer token that expires; a 401 while
/// paging logs in again once and retries the page. Watermark: the `to` day of the last diff read
/// to its end; the next diff starts from it (a day read twice changes nothing). Cursor:
/// `<to>|<searchAfter>`, saved with every page, so that an interrupted diff goes on with the same
/// window from the next page.
struct RNESource: DetectionSource {
    var id: ProviderID { .rne }

    static let pageSize = 100

    func run(_ run: SourceRun) async throws {
        guard let key = run.apiKey, let colon = key.firstIndex(of: ":"), colon != key.startIndex,
            key.index(after: colon) != key.endIndex
        else { throw DetectionError.badLogin(id) }
        var session = Session(
            run: run, username: String(key[..<colon]), password: String(key[key.index(after: colon)...]))
        let state = try run.state()
        let today = run.today
        var watermark = RegistryValues.day(state.watermark)
        defer { run.watermarkAfter = watermark }
        var to = today
        var searchAfter: String?
        if let cursor = Self.parseCursor(state.cursor) {
            (to, searchAfter) = (cursor.to, cursor.searchAfter)
        }
        try await session.login()
        while true {
            let from = watermark ?? run.day(offset: -1)
            guard from <= to else { break }
            while true {
                var query = [("from", from), ("to", to), ("pageSize", String(Self.pageSize))]
                if let searchAfter { query.append(("searchAfter", searchAfter)) }
                let url = try HTTPRequest.url(
                    base: run.baseURL, path: "/api/companies/diff", query: query, provider: id.rawValue)
                let response = try await session.get(url)
                let items = try response.decode([LenientItem<RNECompany>].self)
                var observations: [CompanyObservation] = []
                for (index, item) in items.enumerated() {
                    switch item.result {
                    case .success(let company):
                        switch Self.observation(company) {
                        case .success(let observation): observations.append(observation)
                        case .failure(let failure): try run.reject(failure.description)
                        }
                    case .failure(let failure):
                        try run.reject("rne diff \(from)…\(to), item \(index + 1) of its page: \(failure)")
                    }
                }
                let next = RegistryValues.text(response.header("pagination-search-after"))
                // An empty page, no cursor, or the same cursor again: the diff is read to its end.
                let done = items.isEmpty || next == nil || next == searchAfter
                if done {
                    watermark = max(watermark ?? to, to)
                    try run.store(observations, state: SourceState(watermark: watermark))
                } else {
                    try run.store(observations, state: SourceState(watermark: watermark, cursor: "\(to)|\(next ?? "")"))
                }
                run.logger.debug("rne: diff \(from)…\(to): \(items.count) companies")
                if done { break }
                searchAfter = next
                if run.stop.isRequested { return }
            }
            // A diff resumed from an earlier pass ended before today: read on up to today.
            guard to < today, !run.stop.isRequested else { break }
            (to, searchAfter) = (today, nil)
        }
    }

    /// `2026-11-26|<searchAfter>` → ("2026-11-26", "<searchAfter>").
    static func parseCursor(_ text: String?) -> (to: String, searchAfter: String)? {
        guard let text, let bar = text.firstIndex(of: "|"), let to = RegistryValues.day(String(text[..<bar])) else {
            return nil
        }
        let searchAfter = String(text[text.index(after: bar)...])
        return searchAfter.isEmpty ? nil : (to, searchAfter)
    }

    /// The login and its token, renewed when the server says it expired.
    private struct Session {
        let run: SourceRun
        let username: String
        let password: String
        var token = ""

        /// A 401 here is a wrong account: it goes up and disables the source for this pass.
        mutating func login() async throws {
            let url = try HTTPRequest.url(base: run.baseURL, path: "/api/sso/login", provider: run.id.rawValue)
            let body = try JSONEncoder().encode(["username": username, "password": password])
            let request = HTTPRequest(
                method: "POST", url: url, headers: ["Content-Type": "application/json"], body: body)
            let answer = try await run.client.send(request).decode(RNELogin.self)
            token = answer.token
        }

        /// Tokens expire during long passes: on a 401, one new login and one more try.
        mutating func get(_ url: URL) async throws -> HTTPResponse {
            do {
                return try await run.client.send(authorized(url))
            } catch HTTPError.unauthorized {
                run.logger.info("rne: token refused, logging in again")
                try await login()
                return try await run.client.send(authorized(url))
            }
        }

        private func authorized(_ url: URL) -> HTTPRequest {
            HTTPRequest(url: url, headers: ["Authorization": "Bearer \(token)"])
        }
    }

    // MARK: - A company as an observation

    struct Rejection: Error, CustomStringConvertible {
        var description: String
    }

    static func observation(_ company: RNECompany) -> Result<CompanyObservation, Rejection> {
        let formality = company.formality ?? company.company?.formality
        let sirenText = company.siren?.value ?? company.company?.siren?.value ?? formality?.siren?.value
        guard let sirenText else { return .failure(Rejection(description: "rne company without a siren")) }
        guard let siren = RegistryValues.siren(sirenText) else {
            return .failure(Rejection(description: "rne company \(sirenText): not a valid SIREN"))
        }
        var observation = CompanyObservation(siren: siren)
        observation.personalDataWithheld = formality?.diffusionCommerciale == false
        let content = formality?.content
        let entity = content?.personneMorale ?? content?.personnePhysique ?? content?.exploitation
        let enterprise = entity?.identite?.entreprise
        observation.name = RegistryValues.text(enterprise?.denomination)
        observation.legalForm = RegistryValues.text(
            enterprise?.formeJuridique?.value ?? formality?.formeJuridique?.value)
        observation.nafCode = RegistryValues.naf(enterprise?.codeApe)
        observation.creationDate = RegistryValues.day(content?.natureCreation?.dateCreation)
        if let address = entity?.adresseEntreprise?.adresse {
            observation.headOffice = headOffice(address)
        }
        // An empty list says nothing: it must not erase the directors another source gave.
        let directors = (entity?.composition?.pouvoirs ?? []).filter { $0.actif != false }.compactMap(director)
        if !directors.isEmpty { observation.directors = directors }
        let cessation = entity?.detailCessationEntreprise
        if let date = RegistryValues.day(cessation?.dateRadiation ?? cessation?.dateCessationTotaleActivite) {
            observation.closure = CompanyObservation.Closure(date: date)
        }
        return .success(observation)
    }

    private static func headOffice(_ a: RNECompany.Address) -> ObservedAddress? {
        let country = RegistryValues.text(a.pays)
        let address = ObservedAddress(
            streetNumber: RegistryValues.text(a.numVoie?.value), streetType: RegistryValues.text(a.typeVoie),
            streetName: RegistryValues.text(a.voie), complement: RegistryValues.text(a.complementLocalisation),
            postalCode: RegistryValues.text(a.codePostal?.value), city: RegistryValues.text(a.commune),
            cityCode: RegistryValues.text(a.codeInseeCommune?.value),
            // Sirene leaves the country empty for France: the same address must read the same.
            country: ["FRANCE", "FR", "FRA"].contains(country?.uppercased() ?? "FRANCE") ? nil : country)
        return address.line.isEmpty ? nil : address
    }

    private static func director(_ power: RNECompany.Power) -> Director? {
        let role = RegistryValues.text(power.roleEntreprise?.value)
        switch power.typeDePersonne?.uppercased() {
        case "INDIVIDU":
            guard let person = power.individu?.descriptionPersonne, let name = RegistryValues.text(person.nom) else {
                return nil
            }
            let firstNames = person.prenoms?.values.compactMap(RegistryValues.text).joined(separator: " ")
            return Director(
                kind: .physical, role: role, lastName: name, firstNames: firstNames.flatMap(RegistryValues.text),
                birthYear: RegistryValues.year(person.dateDeNaissance))
        case "ENTREPRISE":
            guard let holder = power.entreprise else { return nil }
            let legalSiren = holder.siren.flatMap { RegistryValues.siren($0.value) }
            let legalName = RegistryValues.text(holder.denomination)
            guard legalSiren != nil || legalName != nil else { return nil }
            return Director(kind: .legal, role: role, legalSiren: legalSiren, legalName: legalName)
        default:
            return nil
        }
    }
}
