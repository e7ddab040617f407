import FilonCore
import Foundation
import GRDB
import TestSupport
import Testing

@testable import FilonSources

/// The INSEE delta against a fake API Sirene on 127.0.0.1.
@Suite struct SireneAPISourceTests {
    let server: FakeHTTPServer
    let insee = FakeSireneAPI()
    let db: AppDatabase
    let today = String(Timestamp.string(Date()).prefix(10))

    init() throws {
        server = try FakeHTTPServer()
        db = try AppDatabase.inMemory()
        let insee = insee
        server.handle { insee.respond($0) }
    }

    func pass(key: String? = nil, stop: StopSignal = StopSignal(), timeout: Double = 5, stopGrace: Double = 5) async
        -> PassReport
    {
        var pass = TestPass.make(
            db, sources: [.sireneAPI: TestPass.settings(server.baseURL, key: key ?? insee.key)], timeout: timeout)
        pass.stopGrace = stopGrace
        return await pass.run(stop: stop)
    }

    func value<T: DatabaseValueConvertible & StatementColumnConvertible & Sendable>(_ sql: String, _: T.Type) throws
        -> T?
    {
        try db.writer.read { try T.fetchOne($0, sql: sql) }
    }

    @Test func newUnitsAndTheirHeadOfficesThenNothingToDo() async throws {
        let nic = Luhn.nic(for: "552100554")
        insee.publishUnit(
            siren: "552100554", name: "ALPHA CONSEIL", created: today, processed: today, headOfficeNIC: nic)
        insee.publishEstablishment(siren: "552100554", nic: nic, created: today, processed: today)
        insee.publishUnit(siren: "732829320", name: "BETA WEB", created: "2011-03-01", processed: today)

        let first = await pass()
        let outcome = try #require(first.sources.first)
        #expect(outcome.source == .sireneAPI && outcome.status == .ok)
        // Two new units, one new establishment; the new unit comes again in the changes query.
        #expect(outcome.counts.new == 3 && outcome.counts.changed == 0)
        #expect(try value("SELECT name FROM company WHERE siren = 552100554", String.self) == "ALPHA CONSEIL")
        #expect(try value("SELECT city FROM company WHERE siren = 552100554", String.self) == "PARIS")
        #expect(try value("SELECT naf_code FROM company WHERE siren = 732829320", String.self) == "62.01Z")
        let runs = try await db.writer.read { try RunJournal().recent($0, limit: 10) }
        let run = try #require(runs.first { $0.source == "sirene_api" })
        #expect(run.source == "sirene_api" && run.watermarkAfter == today && run.requests == 3)

        let second = await pass()
        #expect(second.sources[0].status == .ok)
        #expect(second.sources[0].counts.new == 0 && second.sources[0].counts.changed == 0)
        #expect(second.sources[0].counts.unchanged == 4)
        let queries = server.requests.suffix(3).compactMap { $0.query["q"] }
        #expect(queries.allSatisfy { $0.contains("[\(today) TO *]") })
    }

    @Test func aClosureIsAChangeEvent() async throws {
        insee.publishUnit(siren: "552100554", name: "ALPHA CONSEIL", created: "2015-01-01", processed: today)
        _ = await pass()
        insee.publishUnit(
            siren: "552100554", name: "ALPHA CONSEIL", created: "2015-01-01", processed: today, state: "C")
        let report = await pass()
        #expect(report.sources[0].counts.changed == 1)
        #expect(try value("SELECT new_value FROM change_event WHERE kind = 'closure'", String.self) == "C")
        #expect(try db.card(siren: 552_100_554)?.isActive == false)
        _ = await pass()
        #expect(try value("SELECT COUNT(*) FROM change_event", Int.self) == 1)
    }

    @Test func aRefusedKeyDisablesTheSourceForThisPass() async throws {
        insee.publishUnit(siren: "552100554", name: "ALPHA CONSEIL", created: today, processed: today)
        let report = await pass(key: "wrong")
        let outcome = try #require(report.sources.first)
        #expect(outcome.status == .failed)
        #expect(outcome.message?.contains("disabled for this pass") == true)
        #expect(outcome.message?.contains("wrong") == false)
        #expect(server.requests.count == 1)
        #expect(try value("SELECT COUNT(*) FROM company", Int.self) == 0)
        #expect(try value("SELECT watermark FROM source_state WHERE source = 'sirene_api'", String.self) == nil)
    }

    @Test func aStoppedPassResumesFromItsCursor() async throws {
        let limited = FakeSireneAPI()
        for n in 0..<5 {
            let siren = Luhn.siren(10_000_000 + n * 7)
            limited.publishUnit(siren: siren, name: "SOCIETE \(n)", created: today, processed: today)
        }
        let stop = StopSignal()
        // The fake caps its pages at two items (INSEE caps them at 1000) and asks the pass to
        // stop while it serves the second page.
        let served = RequestCounter()
        server.handle { request in
            var request = request
            request.query["nombre"] = "2"
            if served.next() == 2 { stop.request() }
            return limited.respond(request)
        }
        let report = await pass(key: limited.key, stop: stop)
        #expect(report.stopped && report.sources[0].status == .interrupted)
        #expect(try value("SELECT COUNT(*) FROM company", Int.self) == 4)
        let cursor = try value("SELECT cursor FROM source_state WHERE source = 'sirene_api'", String.self)
        #expect(cursor == "new_units|4")
        #expect(try value("SELECT COUNT(*) FROM run_issue", Int.self) == 0)

        let resumed = await pass(key: limited.key)
        #expect(resumed.sources[0].status == .ok)
        #expect(server.requests[2].query["curseur"] == "4")
        #expect(try value("SELECT COUNT(*) FROM company", Int.self) == 5)
        #expect(try value("SELECT cursor FROM source_state WHERE source = 'sirene_api'", String.self) == nil)
    }

    @Test func malformedAnswersFailThePassAndKeepWhatWasStored() async throws {
        server.handle { _ in .json(#"{"header":{"statut":200,"curseur":"*","curseurSuivant":5},"unitesLegales":[]}"#) }
        let report = await pass()
        #expect(report.sources[0].status == .failed)
        #expect(report.sources[0].message?.contains("sirene_api") == true)
        #expect(report.sources[0].message?.contains("curseurSuivant") == true)
    }
}

extension SireneAPISourceTests {
    @Test func aStopDuringASlowAnswerCancelsItAfterTheGrace() async throws {
        let stop = StopSignal()
        server.handle { _ in
            stop.request()
            return .delayed(seconds: 20, .json("{}"))
        }
        let report = await pass(stop: stop, timeout: 60, stopGrace: 0.2)
        // Cancelled, not timed out: the answer would have come after 20 s, the timeout after 60.
        #expect(report.stopped && report.sources.first?.status == .interrupted)
    }
}
