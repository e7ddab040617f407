import FilonCore
import Foundation
import GRDB
import Logging
import TestSupport
import Testing

@testable import FilonSources

/// The suppression list and erasure against the real importer and enrichment stage: a re-import,
/// a purge or a paid provider must not bring back what a person objected to (RGPD R4, R7, R9).
@Suite struct ComplianceImportTests {
    let folder: String
    let db: AppDatabase
    let now = Date(timeIntervalSince1970: 1_796_117_400)  // Tuesday 2026-12-01 10:30 in Paris
    let alpha = 552_100_554
    let header =
        "siren,statutDiffusionUniteLegale,etatAdministratifUniteLegale,nomUniteLegale,prenom1UniteLegale,denominationUniteLegale,categorieJuridiqueUniteLegale"

    init() throws {
        folder = try TestSupport.temporaryFolder()
        db = try AppDatabase.inMemory()
        try db.writer.write { db in
            for (id, login, role) in [(1, "admin", "admin"), (2, "tina", "telepro")] {
                try db.execute(
                    sql: "INSERT INTO user (id, login, name, role, created_at) VALUES (?, ?, ?, ?, 'x')",
                    arguments: [id, login, login, role])
            }
        }
        try TestSupport.write(header + "\n552100554,O,A,,,ALPHA CONSEIL,5710\n", to: folder + "/alpha.csv")
    }

    func importAlpha() throws {
        _ = try SireneImporter(database: db).importFiles([folder + "/alpha.csv"])
    }

    /// What the daemon does after an import: score (which creates the prospect row) and assign.
    func scoreAndAssign() throws {
        _ = try ScoringJob(database: db, settings: ScoringSettings(), now: now).rescore(sirens: [alpha])
        try db.writer.write { [alpha] db in
            try db.execute(sql: "UPDATE prospect SET route = 'telemarketing' WHERE siren = ?", arguments: [alpha])
            _ = try AssignmentEngine(now: now).assignUnowned(db)
        }
    }

    func queued() throws -> [Int] {
        try db.writer.read { [now] db in
            try CallQueue(policy: CallingPolicy(), now: now).items(for: 2, limit: 10, db).map(\.siren)
        }
    }

    func contacts(_ result: EnrichmentResult, provider: ProviderID = .dropcontact) throws {
        _ = try db.writer.write { [alpha, now] db in
            try EnrichmentStore(provider: provider, run: 1, now: now).store(result, siren: alpha, timeToLive: 60, db)
        }
    }

    @Test("R7: a suppressed SIREN stays \"ne plus contacter\" through a purge and a re-import by the real importer")
    func survivesPurgeAndReimport() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try importAlpha()
        try scoreAndAssign()
        #expect(try queued() == [alpha])
        try db.writer.write { [alpha, now] db in
            try ProspectActions(userID: 2, now: now).markDoNotContact(siren: alpha, reason: "refus", db)
            // The retention purge deletes the company and everything hanging from it.
            try db.execute(sql: "DELETE FROM company WHERE siren = ?", arguments: [alpha])
        }
        try importAlpha()
        try scoreAndAssign()
        #expect(try queued().isEmpty)
        #expect(try TestSupport.value(db, "SELECT do_not_contact FROM prospect", Int.self) == 1)
        #expect(try TestSupport.value(db, "SELECT COUNT(*) FROM prospect WHERE owner_id IS NOT NULL", Int.self) == 0)
        // Something cleared the flag: the next import sets it again.
        try db.writer.write { db in try db.execute(sql: "UPDATE prospect SET do_not_contact = 0") }
        try importAlpha()
        #expect(try TestSupport.value(db, "SELECT do_not_contact FROM prospect", Int.self) == 1)
    }

    @Test("R7: a suppressed phone is never called again, even after a re-import and a new enrichment")
    func suppressedPhoneAfterReimport() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try importAlpha()
        try contacts(EnrichmentResult(contacts: [ContactFinding(kind: .phone, value: "01 23 45 67 89")]))
        try scoreAndAssign()
        try db.writer.write { db in
            try SuppressionList().add(.phone, "+33123456789", reason: "refus", by: 2, db)
            try db.execute(sql: "DELETE FROM company")
        }
        try importAlpha()
        try contacts(EnrichmentResult(contacts: [ContactFinding(kind: .phone, value: "0123456789")]))
        try scoreAndAssign()
        #expect(try TestSupport.value(db, "SELECT COUNT(*) FROM contact_point", Int.self) == 0)
        // No phone stored at all: the queue serves it (the card then refuses to dial nothing).
        try contacts(
            EnrichmentResult(contacts: [
                ContactFinding(kind: .phone, value: "01 23 45 67 89"), ContactFinding(kind: .phone, value: "0999"),
            ]))
        #expect(try TestSupport.value(db, "SELECT normalized FROM contact_point", String.self) == "0999")
    }

    @Test("R7: paid providers are not asked about a suppressed company, even one named by filond enrich")
    func paidEnrichmentSkipsSuppressed() async throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let server = try FakeHTTPServer()
        server.handle { _ in .bytes(Data("https://www.alpha.fr".utf8)) }
        try importAlpha()
        _ = try await db.writer.write { [alpha] db in
            try SuppressionList().add(.siren, String(alpha), reason: "refus", by: 1, db)
        }
        var config = FilonConfig()
        var settings = ProviderSettings()
        settings.apiKey = "secret"
        settings.baseURL = server.baseURL
        config.providers[.pappers] = settings
        var stage = EnrichmentStage(
            database: db, config: config, logger: Logger(label: "t", factory: { _ in SwiftLogNoOpLogHandler() }))
        stage.providers = [MeteredProvider()]
        stage.policy = { _ in HTTPPolicy(ratePerMinute: nil, maxAttempts: 1, baseDelay: 0.05, timeout: 2) }
        let outcomes = await stage.run(EnrichmentStage.Request(sirens: [alpha]), stop: StopSignal())
        #expect(outcomes.first?.message == "1 skipped: company on the suppression list")
        #expect(server.requests.isEmpty)
    }

    @Test("R9: after an erasure a re-import may bring the director back, never the email, phone or queue entry")
    func reimportAfterErasure() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try importAlpha()
        let dupont = Director(kind: .physical, role: "Gérant", lastName: "DUPONT", firstNames: "Jean")
        let answer = EnrichmentResult(contacts: [
            ContactFinding(kind: .email, value: "jean.dupont@alpha-conseil.fr", subtype: .nominative, person: dupont),
            ContactFinding(kind: .phone, value: "06 12 34 56 78", subtype: .mobile, person: dupont),
        ])
        try contacts(answer)
        try scoreAndAssign()
        #expect(try queued() == [alpha])
        let summary = try db.writer.write { [alpha, now] db in
            try PersonData(.name(siren: alpha, name: "DUPONT Jean"), now: now).erase(objected: true, by: 1, db)
        }
        #expect(summary.persons == 1 && summary.contactPoints == 2 && summary.blockedSirens == [alpha])
        // The purge, the registry's re-import and the providers' next answers.
        try db.writer.write { db in try db.execute(sql: "DELETE FROM company") }
        try importAlpha()
        try contacts(answer)
        try scoreAndAssign()
        // The registry's director is public data and may come back; their email and phone do not.
        #expect(try TestSupport.value(db, "SELECT COUNT(*) FROM contact_point", Int.self) == 0)
        #expect(try queued().isEmpty)
        #expect(try TestSupport.value(db, "SELECT do_not_contact FROM prospect", Int.self) == 1)
        let audit = try db.writer.read { try String.fetchAll($0, sql: "SELECT action FROM audit_log") }
        #expect(audit == ["gdpr_erase"])
    }

    @Test("R4: diffusion P at every import keeps no personal data, and enrichment adds no person for it")
    func diffusionPartielle() throws {
        // See also SireneImporterTests.aSoleTraderWhoObjectsLeavesNoNameBehind (O then P).
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try TestSupport.write(header + "\n552100554,P,A,MARTIN,HÉLÈNE,,1000\n", to: folder + "/p.csv")
        _ = try SireneImporter(database: db).importFiles([folder + "/p.csv"])
        _ = try SireneImporter(database: db).importFiles([folder + "/p.csv"])
        #expect(
            try TestSupport.value(
                db, "SELECT COUNT(*) FROM company WHERE last_name IS NOT NULL OR first_name IS NOT NULL", Int.self) == 0
        )
        let martin = Director(kind: .physical, role: "Gérante", lastName: "MARTIN", firstNames: "Hélène")
        try contacts(
            EnrichmentResult(contacts: [
                ContactFinding(kind: .email, value: "helene.martin@gmail.com", subtype: .nominative, person: martin)
            ]))
        #expect(try TestSupport.value(db, "SELECT COUNT(*) FROM person", Int.self) == 0)
        #expect(try TestSupport.value(db, "SELECT COUNT(*) FROM contact_point", Int.self) == 0)
        #expect(try db.prospectCount() == 0)
    }
}
