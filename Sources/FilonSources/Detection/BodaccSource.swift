import FilonCore
import Foundation

/// Legal announcements from the BODACC, one publication day at a time: registrations (which may
/// create a company Sirene has not given yet), changes, radiations (which close a company at once)
/// and the other notices (sales, insolvency proceedings, filed accounts), each recorded once.
///
/// Watermark: the last publication day read to its end. Cursor: `<day>|<offset>` of the next page,
/// saved with every page, so that a pass stopped or killed goes on from there. A finished pass
/// leaves today as the watermark, and the next pass reads today again: notices published later
/// the same day are then picked up, and those already seen change nothing.
struct BodaccSource: DetectionSource {
    var id: ProviderID { .bodacc }

    static let path = "/api/explore/v2.1/catalog/datasets/annonces-commerciales/records"
    /// The most Explore v2.1 returns per page.
    static let pageSize = 100
    /// Explore v2.1 refuses `offset + limit` beyond this; a bigger day would need the export API.
    static let maxWindow = 10_000
    /// The first pass looks back this many days.
    static let firstPassDays = 7

    func run(_ run: SourceRun) async throws {
        let state = try run.state()
        let today = run.today
        var watermark = RegistryValues.day(state.watermark)
        if state.watermark != nil && watermark == nil {
            run.logger.warning("bodacc: ignoring the saved watermark '\(state.watermark ?? "")', not a day")
        }
        var (day, offset) = (watermark ?? run.day(offset: -Self.firstPassDays), 0)
        if let cursor = Self.parseCursor(state.cursor) {
            (day, offset) = cursor
        }
        defer { run.watermarkAfter = watermark }
        while day <= today {
            guard let nextDay = RegistryValues.day(after: day) else { break }
            let page = try await fetch(run, day: day, nextDay: nextDay, offset: offset)
            var observations: [CompanyObservation] = []
            for (index, item) in page.results.enumerated() {
                switch item.result {
                case .success(let record):
                    switch Self.observation(record) {
                    case .success(let observation): observations.append(observation)
                    case .failure(let failure): try run.reject(failure.description)
                    }
                case .failure(let failure):
                    try run.reject("bodacc record \(offset + index + 1) of \(day): \(failure)")
                }
            }
            let read = offset + page.results.count
            let more = page.results.count == Self.pageSize && read < (page.totalCount ?? Int.max)
            let dayDone: Bool
            if !more {
                dayDone = true
            } else if read + Self.pageSize > Self.maxWindow {
                // Explore v2.1 cannot page further: say so rather than loop or fail the pass.
                let total = page.totalCount.map(String.init) ?? "more than \(read)"
                run.logger.warning("bodacc: \(day) has \(total) notices, only the first \(read) can be read")
                try run.reject(
                    "bodacc: \(day) was truncated: \(total) notices, the API pages through the first \(read) only")
                dayDone = true
            } else {
                dayDone = false
            }
            var cursor: String?
            if dayDone {
                watermark = max(watermark ?? day, day)
                if nextDay <= today { cursor = "\(nextDay)|0" }
            } else {
                cursor = "\(day)|\(read)"
            }
            try run.store(observations, state: SourceState(watermark: watermark, cursor: cursor))
            run.logger.debug("bodacc: \(day) offset \(offset): \(page.results.count) notices")
            if dayDone {
                (day, offset) = (nextDay, 0)
            } else {
                offset = read
            }
            if run.stop.isRequested { return }
        }
    }

    private func fetch(_ run: SourceRun, day: String, nextDay: String, offset: Int) async throws -> BodaccPage {
        let url = try HTTPRequest.url(
            base: run.baseURL, path: Self.path,
            query: [
                ("where", "dateparution>=date'\(day)' AND dateparution<date'\(nextDay)'"),
                ("order_by", "dateparution,id"), ("limit", String(Self.pageSize)), ("offset", String(offset)),
            ], provider: id.rawValue)
        return try await run.client.send(HTTPRequest(url: url)).decode(BodaccPage.self)
    }

    /// `2026-11-24|200` → ("2026-11-24", 200).
    static func parseCursor(_ text: String?) -> (day: String, offset: Int)? {
        guard let parts = text?.split(separator: "|"), parts.count == 2, let day = RegistryValues.day(String(parts[0])),
            let offset = Int(parts[1]), offset >= 0
        else { return nil }
        return (day, offset)
    }

    // MARK: - A notice as an observation

    struct Rejection: Error, CustomStringConvertible {
        var description: String
    }

    static func observation(_ record: BodaccRecord) -> Result<CompanyObservation, Rejection> {
        let id = record.id.value
        let entries = record.registre?.values.flatMap { $0.split(separator: ",").map(String.init) } ?? []
        guard let digits = entries.lazy.compactMap(RegistryValues.nineDigits).first else {
            let shown = entries.isEmpty ? "missing" : entries.joined(separator: ", ")
            return .failure(Rejection(description: "bodacc record \(id): registre \(shown) holds no SIREN"))
        }
        guard let siren = RegistryValues.siren(digits) else {
            return .failure(Rejection(description: "bodacc record \(id): registre \(digits) is not a valid SIREN"))
        }
        let kind = (record.typeAvis ?? "annonce").lowercased()
        let cancelled = kind.hasPrefix("annulation")
        let corrected = kind.hasPrefix("rectificatif")
        let family = (record.familleAvis ?? "").lowercased()
        let published = RegistryValues.day(record.dateParution)
        var observation = CompanyObservation(siren: siren)
        let noticeFamily: LegalNotice.Family
        var detail: String?
        switch family {
        case "creation", "creations", "immatriculation", "immatriculations":
            noticeFamily = .creation
            let acte = record.acte?.content
            detail = text(acte?.creation?.categorieCreation ?? acte?.immatriculation?.categorieImmatriculation)
            if !cancelled {
                observation.mayCreate = true
                observation.name = RegistryValues.text(record.commercant)
                let postalCode = RegistryValues.text(record.cp?.value)
                let city = RegistryValues.text(record.ville)
                if postalCode != nil || city != nil {
                    observation.headOffice = ObservedAddress(postalCode: postalCode, city: city)
                }
                observation.creationDate =
                    [
                        acte?.dateImmatriculation, acte?.immatriculation?.dateImmatriculation,
                        acte?.dateCommencementActivite, acte?.creation?.dateCommencementActivite,
                        acte?.immatriculation?.dateCommencementActivite,
                    ].lazy.compactMap { RegistryValues.day($0?.value) }.first
            }
        case "modification", "modifications":
            noticeFamily = .modification
            detail = text(record.modificationsGenerales?.content?.descriptif)
        case "radiation", "radiations":
            noticeFamily = .radiation
            detail = radiationDetail(record.radiationAuRCS)
            // A correction or a cancellation of a radiation must not close the company.
            if !cancelled && !corrected { observation.closure = CompanyObservation.Closure(date: published) }
        case "collective":
            noticeFamily = .other
            detail = text(record.jugement?.content?.nature ?? record.jugement?.content?.famille)
        case "dpc":
            noticeFamily = .other
            let depot = record.depot?.content
            detail = [text(depot?.typeDepot), text(depot?.dateCloture).map { "clôture \($0)" }].compactMap { $0 }
                .joined(separator: ", ")
        default:
            noticeFamily = .other
            detail = text(record.acte?.content?.descriptif)
        }
        var label = RegistryValues.text(record.familleAvisLabel) ?? RegistryValues.text(record.familleAvis) ?? "Annonce"
        if cancelled { label = "Annulation : " + label }
        if corrected { label = "Rectificatif : " + label }
        observation.notice = LegalNotice(
            id: id, family: noticeFamily, label: label, publishedOn: published,
            detail: detail.flatMap { $0.isEmpty ? nil : shortened($0) })
        return .success(observation)
    }

    private static func text(_ value: FlexibleString?) -> String? { RegistryValues.text(value?.value) }

    private static func radiationDetail(_ field: EmbeddedJSON<BodaccRecord.Radiation>?) -> String? {
        guard let radiation = field?.content else { return nil }
        if let comment = text(radiation.commentaire) { return comment }
        let ceased = RegistryValues.day(
            radiation.dateCessationActivitePP?.value ?? radiation.radiationPP?.content?.dateCessationActivitePP?.value)
        if radiation.radiationPP != nil || ceased != nil {
            return "Radiation de la personne physique" + (ceased.map { ", cessation d'activité le \($0)" } ?? "")
        }
        if radiation.radiationPM != nil { return "Radiation de la personne morale" }
        return nil
    }

    /// Free-text descriptions run to pages; the event keeps their start, always cut the same way
    /// so that a replay finds the notice again.
    private static func shortened(_ text: String) -> String {
        let collapsed = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return collapsed.count <= 300 ? collapsed : String(collapsed.prefix(299)) + "…"
    }
}
