import FilonCore

/// Société.com answers, read by field name: the API wraps its content in `data` (or `infolegales`)
/// depending on the version, and spells each fact twice, as INSEE (`…insee`) and as the RCS
/// (`…rcs`) know it. INSEE spellings come first since Sirene is the store's reference.
enum SocieteComAnswer {
    static let nameKeys = ["denoinsee", "denorcs", "deno", "denomination", "nomcommercial"]
    static let legalFormKeys = ["catjurlibinsee", "catjurlibrcs", "catjurlib", "formejuridique", "formejur"]
    static let nafKeys = ["nafinsee", "nafrcs", "naf", "codenaf", "nafcode"]
    static let creationKeys = ["datecreainsee", "datecrearcs", "datecrea", "datecreation"]
    static let streetKeys = ["voieadressageinsee", "voieadressagercs", "voieadr", "adresse"]
    static let postalCodeKeys = ["codepostalinsee", "codepostalrcs", "codepostal", "cp"]
    static let cityKeys = ["villeinsee", "villercs", "ville"]
    static let closureDateKeys = [
        "dateradrcs", "dateradiationrcs", "dateradiation", "datecessation", "datecessationinsee", "datefermeture",
    ]
    static let stateKeys = ["etatinsee", "etatrcs", "etat", "statut", "status"]
    static let employeesKeys = ["trancheeffinsee", "trancheeff", "effectif"]
    static let yearKeys = ["anneebilan", "annee", "exercice"]
    static let closingDateKeys = ["datebilan", "datecloture", "dateclotureexercice", "datefinexercice"]
    static let revenueKeys = ["rescatotal", "ca", "chiffreaffaires", "chiffre_affaires"]
    static let netIncomeKeys = ["resresnet", "resultatnet", "resultat_net", "resultat"]

    /// The object holding the facts, under whichever wrapper this version uses.
    static func content(_ answer: JSONValue) -> JSONValue {
        var current = answer
        while let inner = current.value(forAnyOf: ["data", "infolegales", "infoslegales"]),
            case .object = inner
        {
            current = inner
        }
        return current
    }

    /// `error.codemsg` (or `error.msg`, or `error` as text) when the answer is an error.
    static func error(_ answer: JSONValue) -> String? {
        guard let error = answer["error"], !error.isNull else { return nil }
        if case .bool(false) = error { return nil }
        return error.value(forAnyOf: ["codemsg", "msg", "message"])?.textValue ?? error.textValue ?? "error"
    }

    /// Whether an error says the SIREN is unknown rather than that the request failed.
    static func meansUnknown(_ message: String) -> Bool {
        let folded = EnrichmentValues.fold(message)
        return ["inconnu", "inexistant", "introuvable", "not found", "notfound", "unknown", "aucun", "non trouv"]
            .contains { folded.contains($0) }
    }

    /// Whether an error refuses the key or the caller's address (the API has an IP allow-list).
    static func meansRefused(_ message: String) -> Bool {
        let folded = EnrichmentValues.fold(message)
        return ["autoris", "acces refuse", "token", "forbidden", "unauthorized", "ip "].contains { folded.contains($0) }
    }

    // MARK: - Legal information

    static func observation(_ infos: JSONValue, siren: Int) -> CompanyObservation {
        var observation = CompanyObservation(siren: siren)
        observation.name = infos.value(forAnyOf: nameKeys)?.textValue
        observation.legalForm = infos.value(forAnyOf: legalFormKeys)?.textValue
        observation.nafCode = RegistryValues.naf(infos.value(forAnyOf: nafKeys)?.textValue)
        observation.creationDate = EnrichmentValues.day(infos.value(forAnyOf: creationKeys)?.textValue)
        let address = ObservedAddress(
            streetName: infos.value(forAnyOf: streetKeys)?.textValue,
            postalCode: infos.value(forAnyOf: postalCodeKeys)?.textValue,
            city: infos.value(forAnyOf: cityKeys)?.textValue)
        if !address.line.isEmpty { observation.headOffice = address }
        let closureDate = EnrichmentValues.day(infos.value(forAnyOf: closureDateKeys)?.textValue)
        if closureDate != nil || isClosedState(infos.value(forAnyOf: stateKeys)?.textValue) {
            observation.closure = CompanyObservation.Closure(date: closureDate)
        }
        return observation
    }

    /// "C", "F", "radiée", "cessée", "fermé"… against "A", "actif", "active".
    static func isClosedState(_ state: String?) -> Bool {
        let folded = EnrichmentValues.fold(state)
        return folded == "c" || folded == "f" || ["radi", "cess", "ferm", "inactiv"].contains { folded.contains($0) }
    }

    static func employees(_ infos: JSONValue) -> String? {
        infos.value(forAnyOf: employeesKeys)?.textValue
    }

    // MARK: - Accounts

    /// One year per closing, the first listed kept when a year comes twice (individual and
    /// consolidated accounts), oldest first.
    static func finances(_ bilans: JSONValue) -> [FinanceYear] {
        let list: [JSONValue]
        if case .array(let items) = bilans {
            list = items
        } else {
            list = bilans.value(forAnyOf: ["bilans", "bilan", "data"])?.elements ?? []
        }
        var years: [Int: FinanceYear] = [:]
        for item in list {
            guard
                let year = item.value(forAnyOf: yearKeys).flatMap({ RegistryValues.year($0.textValue) })
                    ?? item.value(forAnyOf: closingDateKeys).flatMap({
                        RegistryValues.year(EnrichmentValues.day($0.textValue))
                    }),
                years[year] == nil
            else { continue }
            let revenue = euros(item.value(forAnyOf: revenueKeys)?.numberValue)
            let netIncome = euros(item.value(forAnyOf: netIncomeKeys)?.numberValue)
            guard revenue != nil || netIncome != nil else { continue }
            years[year] = FinanceYear(year: year, revenue: revenue, netIncome: netIncome)
        }
        return years.values.sorted { $0.year < $1.year }
    }

    /// Whole euros, nil for a value no account holds.
    private static func euros(_ value: Double?) -> Int? {
        guard let value, value.isFinite, abs(value) < 9e15 else { return nil }
        return Int(value.rounded())
    }
}
