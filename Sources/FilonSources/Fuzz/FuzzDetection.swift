import FilonCore
import Foundation

/// The detection sources' pages: decoded as each source's `fetch` does, then every item turned
/// into an observation (or a rejection) by the source's own `observation` function.
enum FuzzDetection {
    static func sireneAPI(_ bytes: Data) throws(FuzzViolation) -> FuzzOutcome {
        let answer = FuzzResponse(.sireneAPI, .sireneAPI, bytes)
        let page: SireneAPIPage
        switch try answer.decode(SireneAPIPage.self) {
        case .success(let decoded): page = decoded
        case .failure(let error): return .refused(error.description)
        }
        // `SireneAPISource.run` hands the rows to the stock importer as CSV: it must read them all.
        var rows = 0
        for (kind, items) in [(SireneFileKind.legalUnits, page.unitesLegales), (.establishments, page.etablissements)] {
            let records = (items ?? []).map {
                kind == .legalUnits ? SireneAPIPage.unitRecord($0) : SireneAPIPage.establishmentRecord($0)
            }
            guard !records.isEmpty else { continue }
            let csv = SireneImporter.csv(records, layout: kind.layout)
            guard case .parsed = try FuzzSireneStock.run(csv) else {
                throw FuzzViolation(.sireneAPI, "the stock importer refused the page's \(kind.rawValue) rows")
            }
            rows += records.count
        }
        return .parsed("\(rows) rows, next cursor \(page.header.curseurSuivant ?? "none")")
    }

    static func rne(_ bytes: Data) throws(FuzzViolation) -> FuzzOutcome {
        let answer = FuzzResponse(.rne, .rne, bytes)
        switch try answer.decode([LenientItem<RNECompany>].self) {
        case .failure(let error): return .refused(error.description)
        case .success(let items):
            var observations = 0
            for item in items {
                switch item.result {
                case .success(let company):
                    if case .success = RNESource.observation(company) { observations += 1 }
                case .failure(let failure): try answer.checkItem(failure)
                }
            }
            return .parsed("\(observations) of \(items.count) companies")
        }
    }

    static func bodacc(_ bytes: Data) throws(FuzzViolation) -> FuzzOutcome {
        let answer = FuzzResponse(.bodacc, .bodacc, bytes)
        switch try answer.decode(BodaccPage.self) {
        case .failure(let error): return .refused(error.description)
        case .success(let page):
            var observations = 0
            for item in page.results {
                switch item.result {
                case .success(let record):
                    if case .success = BodaccSource.observation(record) { observations += 1 }
                case .failure(let failure): try answer.checkItem(failure)
                }
            }
            return .parsed("\(observations) of \(page.results.count) notices")
        }
    }

    static func rechercheEntreprises(_ bytes: Data) throws(FuzzViolation) -> FuzzOutcome {
        let answer = FuzzResponse(.rechercheEntreprises, .rechercheEntreprises, bytes)
        switch try answer.decode(RechercheEntreprisesPage.self) {
        case .failure(let error): return .refused(error.description)
        case .success(let page):
            var observations = 0
            for item in page.results {
                switch item.result {
                case .success(let result):
                    let siren = RegistryValues.siren(result.siren.value) ?? 0
                    _ = RechercheEntreprisesSource.observation(result, siren)
                    observations += 1
                case .failure(let failure): try answer.checkItem(failure)
                }
            }
            return .parsed("\(observations) of \(page.results.count) results")
        }
    }
}
