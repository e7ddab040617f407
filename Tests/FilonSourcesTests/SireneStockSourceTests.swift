import FilonCore
import Foundation
import GRDB
import TestSupport
import Testing

@testable import FilonSources

/// The monthly stock: downloaded and imported when a new month is published, not otherwise.
@Suite struct SireneStockSourceTests {
    let server: FakeHTTPServer
    let folder: String
    let db: AppDatabase

    init() throws {
        server = try FakeHTTPServer()
        (db, folder) = try TestSupport.fileDatabase()
    }

    /// files.data.gouv.fr as it behaves: the zip with its validators, 304 when they match.
    func publish(month: String) throws {
        let units = try Data(
            contentsOf: URL(fileURLWithPath: TestSupport.fixture("samples/StockUniteLegale_sample.zip")))
        let establishments = try Data(
            contentsOf: URL(fileURLWithPath: TestSupport.fixture("samples/StockEtablissement_sample.zip")))
        let etag = "\"stock-\(month)\""
        server.handle { request in
            let body: Data
            switch request.path {
            case "/insee-sirene/StockUniteLegale_utf8.zip": body = units
            case "/insee-sirene/StockEtablissement_utf8.zip": body = establishments
            default: return .noRoute
            }
            if request.header("If-None-Match") == etag { return .status(304, headers: ["ETag": etag]) }
            return .bytes(
                body,
                headers: [
                    "ETag": etag, "Last-Modified": "Mon, 01 \(month) 2026 02:10:00 GMT",
                    "Content-Type": "application/zip",
                ])
        }
    }

    func pass() async -> PassReport.SourceOutcome? {
        let stock = TestPass.settings(server.baseURL + "/insee-sirene")
        return await TestPass.make(db, sources: [.sireneStock: stock], timeout: 5).run(stop: StopSignal()).sources.first
    }

    @Test func aNewMonthIsImportedOnceThenNotDownloadedAgain() async throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try publish(month: "Nov")
        let first = try #require(await pass())
        #expect(first.status == .ok)
        #expect(first.counts.new > 0 && first.requests == 2)
        let companies = try await db.writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM company") }
        #expect(companies == first.counts.new - (try await establishments()))
        // The downloads are removed once imported.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/downloads").isEmpty)

        let second = try #require(await pass())
        #expect(second.status == .ok && second.requests == 1)
        #expect(second.counts.read == 0)
        #expect(server.requests.last?.header("If-None-Match") == "\"stock-Nov\"")

        try publish(month: "Dec")
        let third = try #require(await pass())
        #expect(third.status == .ok && third.requests == 2)
        #expect(third.counts.new == 0 && third.counts.changed == 0 && third.counts.unchanged == first.counts.new)
    }

    @Test func aBrokenDownloadFailsThePassAndIsTriedAgain() async throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        server.handle { _ in .truncated(declaredLength: 100_000, partialBody: "PK\u{3}\u{4}") }
        let broken = try #require(await pass())
        #expect(broken.status == .failed)
        #expect(broken.message?.contains("sirene_stock") == true)
        let etag = try await db.writer.read {
            try String.fetchOne($0, sql: "SELECT etag FROM source_state WHERE source = 'sirene_stock'")
        }
        #expect(etag == nil)
        try publish(month: "Nov")
        #expect(try #require(await pass()).status == .ok)
    }

    func establishments() async throws -> Int {
        try await db.writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM establishment") ?? 0 }
    }
}
