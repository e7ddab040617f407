import FilonCore
import Foundation

/// The enrichment providers' answers: decoded as each provider's `enrich` does, then read by
/// the provider's own functions for the company they were asked about (`FuzzEnrichment.company`).
enum FuzzEnrichment {
    /// A company as the stage describes it to providers, with everything they match answers on.
    static let company = CompanyProfile(
        siren: 841_253_677, name: "Boulangerie Martin", legalForm: "5499", nafCode: "10.71C",
        address: ObservedAddress(
            streetNumber: "45", streetType: "RUE", streetName: "PAUL BERT", postalCode: "69003", city: "LYON"),
        directors: [Director(kind: .physical, role: "Gérant", lastName: "MARTIN", firstNames: "Julien Paul")],
        websites: ["https://boulangerie-martin-lyon.fr"],
        linkedinURLs: ["https://www.linkedin.com/in/julien-martin-4b5a1"])

    static func pappers(_ bytes: Data) throws(FuzzViolation) -> FuzzOutcome {
        switch try FuzzResponse(.pappers, .pappers, bytes).decode(PappersEntreprise.self) {
        case .failure(let error): return .refused(error.description)
        case .success(let answer):
            let result = PappersProvider.result(answer, siren: company.siren, credits: 2)
            return .parsed("\(result.contacts.count) contacts")
        }
    }

    /// The order of `SocieteComProvider.fetch`: the error field first, then the content.
    static func societeCom(_ bytes: Data) throws(FuzzViolation) -> FuzzOutcome {
        switch try FuzzResponse(.societeCom, .societeCom, bytes).decode(JSONValue.self) {
        case .failure(let error): return .refused(error.description)
        case .success(let answer):
            if let message = SocieteComAnswer.error(answer) {
                let unknown = SocieteComAnswer.meansUnknown(message)
                let refused = SocieteComAnswer.meansRefused(message)
                let credits = EnrichmentValues.mentionsCredits(message)
                return .refused("error \(message) (unknown \(unknown), refused \(refused), credits \(credits))")
            }
            let content = SocieteComAnswer.content(answer)
            let observation = SocieteComAnswer.observation(content, siren: company.siren)
            let finances = SocieteComAnswer.finances(content)
            let employees = SocieteComAnswer.employees(content)
            return .parsed("\(observation.name ?? "no name"), \(finances.count) years, \(employees ?? "?") employees")
        }
    }

    /// Both Dropcontact answers (the submission and the poll), then the records mapped back to
    /// the people sent for the company.
    static func dropcontact(_ bytes: Data) throws(FuzzViolation) -> FuzzOutcome {
        let answer = FuzzResponse(.dropcontact, .dropcontact, bytes)
        let submission = try answer.decode(DropcontactSubmission.self)
        let result: DropcontactResult
        switch try answer.decode(DropcontactResult.self) {
        case .failure(let error): return .refused(error.description)
        case .success(let decoded): result = decoded
        }
        _ = try? submission.get().error?.isDropcontactError
        let sent = DropcontactProvider.records(company)
        var contacts = 0
        for (index, item) in (result.data ?? []).enumerated() {
            switch item.result {
            case .success(let record):
                let owner = DropcontactProvider.owner(of: record, at: index, in: sent)
                contacts += DropcontactProvider.contacts(record, person: owner?.person).count
            case .failure(let failure): try answer.checkItem(failure)
            }
        }
        return .parsed("\(contacts) contacts, error: \(result.error?.isDropcontactError ?? false)")
    }

    static func kaspr(_ bytes: Data) throws(FuzzViolation) -> FuzzOutcome {
        switch try FuzzResponse(.kaspr, .kaspr, bytes).decode(JSONValue.self) {
        case .failure(let error): return .refused(error.description)
        case .success(let answer):
            let profile = KasprProfile(answer)
            let person = company.directors.first
            let emails = (profile.workEmails + profile.directEmails).compactMap {
                EnrichmentValues.email($0, subtype: .nominative, person: person)
            }
            let phones = profile.phones.compactMap { EnrichmentValues.phone($0, person: person) }
            return .parsed("\(emails.count) emails, \(phones.count) phones")
        }
    }

    static func googlePlaces(_ bytes: Data) throws(FuzzViolation) -> FuzzOutcome {
        let answer = FuzzResponse(.googlePlaces, .googlePlaces, bytes)
        switch try answer.decode(GooglePlacesAnswer.self) {
        case .failure(let error): return .refused(error.description)
        case .success(let decoded):
            var matching = 0
            for item in decoded.places ?? [] {
                switch item.result {
                case .success(let place):
                    let sameTown = place.postalCodes.contains("69003")
                    let score = BusinessNameMatch.score(company.name!, place.displayName?.text ?? "", city: "LYON")
                    if sameTown && score != nil { matching += 1 }
                    _ = GooglePlacesProvider.result(place)
                case .failure(let failure): try answer.checkItem(failure)
                }
            }
            return .parsed("\(matching) of \(decoded.places?.count ?? 0) places match")
        }
    }

    static func overpass(_ bytes: Data) throws(FuzzViolation) -> FuzzOutcome {
        let answer = FuzzResponse(.overpass, .overpass, bytes)
        switch try answer.decode(OverpassAnswer.self) {
        case .failure(let error): return .refused(error.description)
        case .success(let decoded):
            if decoded.isIncomplete { return .refused("incomplete: \(decoded.remark ?? "")") }
            var matching = 0
            for item in decoded.elements ?? [] {
                switch item.result {
                case .success(let element):
                    let tags = OSMTags(element.tags)
                    let score = tags.names.compactMap { BusinessNameMatch.score(company.name!, $0, city: "LYON") }.max()
                    if score != nil, tags.postcode == nil || tags.postcode == "69003" { matching += 1 }
                    _ = (element.coordinates, tags.contacts, tags.websites, tags.signals)
                case .failure(let failure): try answer.checkItem(failure)
                }
            }
            return .parsed("\(matching) of \(decoded.elements?.count ?? 0) elements match")
        }
    }

    static func nominatim(_ bytes: Data) throws(FuzzViolation) -> FuzzOutcome {
        let answer = FuzzResponse(.nominatim, .nominatim, bytes)
        switch try answer.decode([LenientItem<NominatimPlace>].self) {
        case .failure(let error): return .refused(error.description)
        case .success(let items):
            var matching = 0
            for item in items {
                switch item.result {
                case .success(let place):
                    if place.isIn(postcode: "69003"), BusinessNameMatch.matches(company.name!, place.name ?? "") {
                        matching += 1
                    }
                    _ = NominatimProvider.result(place, company)
                case .failure(let failure): try answer.checkItem(failure)
                }
            }
            return .parsed("\(matching) of \(items.count) places match")
        }
    }

    static func clearbit(_ bytes: Data) throws(FuzzViolation) -> FuzzOutcome {
        switch try FuzzResponse(.clearbit, .clearbit, bytes).decode(ClearbitCompany.self) {
        case .failure(let error): return .refused(error.description)
        case .success(let answer):
            let result = ClearbitProvider.result(answer)
            return .parsed("\(result.contacts.count) contacts, \(result.signals.count) signals")
        }
    }
}
