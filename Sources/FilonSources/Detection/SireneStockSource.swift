import FilonCore
import Foundation

/// `sirene_stock`: the monthly official files. A conditional request on the legal-units file
/// (ETag / Last-Modified kept in the database) tells whether INSEE published a new month; only
/// then are both zips downloaded next to the database and imported by the stock importer, which
/// writes only what changed. The validators are saved after the import succeeded, so an
/// interrupted month is downloaded and completed by the next pass.
struct SireneStockSource: DetectionSource {
    var id: ProviderID { .sireneStock }

    static let unitsFile = "StockUniteLegale_utf8.zip"
    static let establishmentsFile = "StockEtablissement_utf8.zip"

    func run(_ run: SourceRun) async throws {
        var state = try run.state()
        let folder = downloadFolder(run)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let units = folder.appendingPathComponent(Self.unitsFile)
        var conditional: [String: String] = [:]
        // Validators only count when the file they describe was imported (it is then deleted).
        if let etag = state.etag { conditional["If-None-Match"] = etag }
        if let modified = state.lastModified { conditional["If-Modified-Since"] = modified }
        let answer = try await run.client.download(
            HTTPRequest(url: try url(run, Self.unitsFile), headers: conditional), to: units)
        if answer.status == 304 {
            run.logger.info("sirene_stock: no new monthly stock since \(state.lastModified ?? state.etag ?? "?")")
            run.watermarkAfter = state.watermark
            return
        }
        if run.stop.isRequested { return }
        let establishments = folder.appendingPathComponent(Self.establishmentsFile)
        _ = try await run.client.download(
            HTTPRequest(url: try url(run, Self.establishmentsFile)), to: establishments)
        if run.stop.isRequested { return }

        let importer = SireneImporter(database: run.database, filter: run.filter, source: id.rawValue)
        let summaries = try importer.importFiles([units.path, establishments.path])
        for summary in summaries {
            run.counts = run.counts + summary.counts
            for issue in summary.issues {
                try run.reject("\(summary.kind.rawValue) line \(issue.line ?? 0): \(issue.message)")
            }
        }
        state.etag = answer.header("ETag")
        state.lastModified = answer.header("Last-Modified")
        state.watermark = answer.header("Last-Modified") ?? run.today
        try run.save(state)
        run.watermarkAfter = state.watermark
        // 2 to 3 GB a month: keep the disk for the database.
        try? FileManager.default.removeItem(at: units)
        try? FileManager.default.removeItem(at: establishments)
    }

    private func url(_ run: SourceRun, _ file: String) throws -> URL {
        try HTTPRequest.url(base: run.baseURL, path: "/" + file, provider: id.rawValue)
    }

    /// `downloads/` beside the database file; the temporary folder for a database in memory.
    private func downloadFolder(_ run: SourceRun) -> URL {
        let path = run.database.writer.path
        guard path.hasPrefix("/") else {
            return FileManager.default.temporaryDirectory.appendingPathComponent("filon-downloads")
        }
        return URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("downloads")
    }
}
