import FilonCore
import Foundation
import GRDB

/// `sirene_api`: the INSEE API Sirene 3.11 delta. New legal units first (by creation date), then
/// units and establishments processed since the watermark (by `dateDernierTraitement…`). Pages
/// are read with the deep-paging cursor (`curseur=*`, then `curseurSuivant` until it stops
/// moving) and go through the stock importer, so a company has one row, one hash and the same
/// change events whichever way it came. A closed unit (`C`) writes a closure event.
struct SireneAPISource: DetectionSource {
    var id: ProviderID { .sireneAPI }

    /// The three queries of a pass, in order; the saved cursor names the one in progress.
    enum Phase: String, CaseIterable {
        case newUnits = "new_units"
        case changedUnits = "changed_units"
        case changedEstablishments = "changed_establishments"

        var path: String { self == .changedEstablishments ? "/siret" : "/siren" }
        var kind: SireneFileKind { self == .changedEstablishments ? .establishments : .legalUnits }

        func query(since day: String) -> String {
            switch self {
            case .newUnits: return "dateCreationUniteLegale:[\(day) TO *]"
            case .changedUnits: return "dateDernierTraitementUniteLegale:[\(day) TO *]"
            case .changedEstablishments: return "dateDernierTraitementEtablissement:[\(day) TO *]"
            }
        }
    }

    /// The API's largest page.
    static let pageSize = 1000

    func run(_ run: SourceRun) async throws {
        var state = try run.state()
        let since = try state.watermark ?? startDay(run)
        var resume = Self.parseCursor(state.cursor)
        let importer = SireneImporter(database: run.database, filter: run.filter, source: id.rawValue)
        for phase in Phase.allCases {
            if let r = resume, r.phase != phase { continue }
            var cursor = resume?.cursor ?? "*"
            resume = nil
            while true {
                if run.stop.isRequested { return }
                let page: SireneAPIPage
                do {
                    page = try await fetch(run, phase: phase, since: since, cursor: cursor)
                } catch HTTPError.client(_, 400, _) where cursor != "*" {
                    // A cursor from an interrupted pass may have expired: read the query again.
                    run.logger.notice("sirene_api: saved cursor refused, \(phase.rawValue) starts again")
                    cursor = "*"
                    continue
                }
                let records = (phase.kind == .legalUnits ? page.unitesLegales : page.etablissements) ?? []
                let rows = records.map {
                    phase.kind == .legalUnits
                        ? SireneAPIPage.unitRecord($0) : SireneAPIPage.establishmentRecord($0)
                }
                let counts = try await run.database.writer.writeWithoutTransaction { db in
                    try importer.importRecords(
                        rows, kind: phase.kind, name: "sirene_api \(phase.path) \(phase.rawValue)", db: db,
                        run: run.run, now: run.now)
                }
                run.counts = run.counts + counts
                let next = page.header.curseurSuivant
                let done = next == nil || next == cursor || records.isEmpty
                // Saved after the page: a kill between the two replays one page, which changes nothing.
                state.cursor =
                    done ? Phase.allCases.after(phase).map { "\($0.rawValue)|*" } : "\(phase.rawValue)|\(next!)"
                try run.save(state)
                if done { break }
                cursor = next!
            }
        }
        if !run.filter.departments.isEmpty {
            // Units whose head office lies outside the wanted departments leave again.
            try importer.dropCompaniesOutsideDepartments(runs: [run.run])
        }
        state.watermark = run.today
        state.cursor = nil
        try run.save(state)
        run.watermarkAfter = run.today
    }

    private func fetch(_ run: SourceRun, phase: Phase, since: String, cursor: String) async throws -> SireneAPIPage {
        let url = try HTTPRequest.url(
            base: run.baseURL, path: phase.path,
            query: [("q", phase.query(since: since)), ("nombre", String(Self.pageSize)), ("curseur", cursor)],
            provider: id.rawValue)
        let request = HTTPRequest(url: url, headers: ["X-INSEE-Api-Key-Integration": run.apiKey ?? ""])
        do {
            return try await run.client.send(request).decode(SireneAPIPage.self)
        } catch HTTPError.notFound {
            // INSEE answers 404 when a query matches nothing.
            return SireneAPIPage(header: .init(total: 0, curseur: cursor, curseurSuivant: cursor))
        }
    }

    /// Without a watermark the delta starts where the stock left off (its latest processing
    /// day), or a week back on an empty store.
    private func startDay(_ run: SourceRun) throws -> String {
        let latest = try run.database.writer.read { db in
            try String.fetchOne(db, sql: "SELECT MAX(sirene_updated_at) FROM company")
        }
        return latest.map { String($0.prefix(10)) } ?? run.day(offset: -7)
    }

    static func parseCursor(_ text: String?) -> (phase: Phase, cursor: String)? {
        guard let text, let bar = text.firstIndex(of: "|"),
            let phase = Phase(rawValue: String(text[..<bar]))
        else { return nil }
        return (phase, String(text[text.index(after: bar)...]))
    }
}

extension Array where Element == SireneAPISource.Phase {
    fileprivate func after(_ phase: Element) -> Element? {
        guard let i = firstIndex(of: phase), i + 1 < count else { return nil }
        return self[i + 1]
    }
}
