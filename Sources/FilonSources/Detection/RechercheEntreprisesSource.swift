import FilonCore
import Foundation
import GRDB

/// A free refresh, from recherche-entreprises.api.gouv.fr, of the companies that changed: their
/// directors, head office with coordinates, and published accounts. It cannot list new companies
/// itself (no creation-date filter), so it asks about those the other sources brought or changed.
///
/// Candidates: companies whose last change came from a daemon pass after the watermark (a run
/// id) and that this provider has not answered about since (a later run asked), active ones
/// first, newest first, at most
/// `maxPerPass` a pass. Stock imports do not make candidates: 28 M companies at 7 requests a
/// second would take seven weeks; the enrichment stage asks about prospects by score. Each answer is stored with its `provider_fetch` row, which is the
/// progress record: a pass stopped or killed goes on with the companies not asked yet. The
/// watermark moves to the last run that existed when the pass started only once every candidate
/// has been asked.
struct RechercheEntreprisesSource: DetectionSource {
    var id: ProviderID { .rechercheEntreprises }

    /// Seven requests a second allow about 500 in 70 seconds: a pass stays short, the rest waits.
    static let maxPerPass = 500

    func run(_ run: SourceRun) async throws {
        let state = try run.state()
        let watermark = Int(state.watermark ?? "0") ?? 0
        let provider = id.rawValue
        try await run.database.writer.write { try Schema.ensureDaemonIndexes($0) }
        let (candidates, lastRun) = try await run.database.writer.read { db in
            let candidates = try Int.fetchAll(
                db,
                sql: """
                    SELECT c.siren FROM company c JOIN run r ON r.id = c.last_run_id
                    WHERE c.last_run_id > ? AND r.kind = 'pass'
                      AND NOT EXISTS (SELECT 1 FROM provider_fetch f
                        WHERE f.provider = ? AND f.siren = c.siren AND f.run_id >= c.last_run_id)
                    ORDER BY c.state = 'A' DESC, c.creation_date DESC, c.siren
                    LIMIT ?
                    """, arguments: [watermark, provider, Self.maxPerPass])
            return (candidates, try Int.fetchOne(db, sql: "SELECT MAX(id) FROM run") ?? watermark)
        }
        run.logger.debug("recherche_entreprises: \(candidates.count) companies to refresh")
        for siren in candidates {
            if run.stop.isRequested { return }
            try await refresh(siren, run)
        }
        // A full batch may leave others behind: keep the watermark so that they come next pass.
        if candidates.count < Self.maxPerPass {
            let reached = String(max(lastRun, watermark))
            try run.save(SourceState(watermark: reached))
            run.watermarkAfter = reached
        }
    }

    private func refresh(_ siren: Int, _ run: SourceRun) async throws {
        let sirenText = Siren.pad(siren, 9)
        let url = try HTTPRequest.url(
            base: run.baseURL, path: "/search", query: [("q", sirenText), ("page", "1"), ("per_page", "1")],
            provider: id.rawValue)
        let results: [LenientItem<RechercheEntreprisesResult>]
        do {
            results = try await run.client.send(HTTPRequest(url: url)).decode(RechercheEntreprisesPage.self).results
        } catch HTTPError.notFound {
            results = []
        }
        let match = results.lazy.compactMap { try? $0.result.get() }
            .first { RegistryValues.nineDigits($0.siren.value) == sirenText }
        if let match {
            let outcome = try run.storeFetch(
                siren: siren, outcome: "found", observation: Self.observation(match, siren))
            if let outcome { run.count(outcome) }
        } else if case .failure(let failure)? = results.first?.result {
            // Recorded as asked, so that a broken answer is not asked again until the company changes.
            try run.reject("recherche_entreprises \(sirenText): \(failure)")
            _ = try run.storeFetch(siren: siren, outcome: "rejected", observation: nil)
        } else {
            _ = try run.storeFetch(siren: siren, outcome: "not_found", observation: nil)
            run.count(.unchanged)
        }
    }

    // MARK: - A result as an observation

    static func observation(_ result: RechercheEntreprisesResult, _ siren: Int) -> CompanyObservation {
        var observation = CompanyObservation(siren: siren)
        observation.name = RegistryValues.text(result.nomRaisonSociale)
        observation.legalForm = RegistryValues.text(result.natureJuridique?.value)
        observation.nafCode = RegistryValues.naf(result.activitePrincipale)
        observation.creationDate = RegistryValues.day(result.dateCreation)
        if result.etatAdministratif?.uppercased() == "C" {
            observation.closure = CompanyObservation.Closure(date: RegistryValues.day(result.dateFermeture))
        }
        if let siege = result.siege {
            let address = ObservedAddress(
                streetNumber: RegistryValues.text(siege.numeroVoie?.value),
                streetType: RegistryValues.text(siege.typeVoie),
                streetName: RegistryValues.text(siege.libelleVoie),
                complement: RegistryValues.text(siege.complementAdresse),
                postalCode: RegistryValues.text(siege.codePostal?.value),
                city: RegistryValues.text(siege.libelleCommune), cityCode: RegistryValues.text(siege.commune?.value),
                latitude: siege.latitude?.value, longitude: siege.longitude?.value)
            if !address.line.isEmpty || address.latitude != nil { observation.headOffice = address }
        }
        // An empty list says nothing: it must not erase the directors another source gave.
        let directors = (result.dirigeants ?? []).compactMap(director)
        if !directors.isEmpty { observation.directors = directors }
        let finances = (result.finances ?? [:]).compactMap { key, value -> FinanceYear? in
            guard let year = Int(key), let value else { return nil }
            let (revenue, netIncome) = (value.ca?.integer, value.resultatNet?.integer)
            guard revenue != nil || netIncome != nil else { return nil }
            return FinanceYear(year: year, revenue: revenue, netIncome: netIncome)
        }
        if !finances.isEmpty { observation.finances = finances.sorted { $0.year < $1.year } }
        return observation
    }

    private static func director(_ d: RechercheEntreprisesResult.Dirigeant) -> Director? {
        let role = RegistryValues.text(d.qualite)
        if d.typeDirigeant?.lowercased() == "personne morale" {
            let legalSiren = d.siren.flatMap { RegistryValues.siren($0.value) }
            let legalName = RegistryValues.text(d.denomination)
            guard legalSiren != nil || legalName != nil else { return nil }
            return Director(kind: .legal, role: role, legalSiren: legalSiren, legalName: legalName)
        }
        guard let lastName = RegistryValues.text(d.nom) else { return nil }
        return Director(
            kind: .physical, role: role, lastName: lastName, firstNames: RegistryValues.text(d.prenoms),
            birthYear: RegistryValues.year(d.anneeDeNaissance?.value))
    }
}
