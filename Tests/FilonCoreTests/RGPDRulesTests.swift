import Foundation
import GRDB
import Testing

@testable import FilonCore

/// The RGPD rules of research/crm-anchors.md §5, one test (or more) per rule, named after it.
@Suite struct RGPDRulesTests {
    let db: AppDatabase
    /// Thursday 26 November 2026, 10:00 UTC.
    let now = Date(timeIntervalSince1970: 1_795_687_200)
    static let sole = 552_100_554
    static let company = 732_829_320

    init() throws {
        db = try AppDatabase.inMemory()
        try db.writer.write { db in
            for (id, login, role) in [(1, "ada", "admin"), (2, "tina", "telepro"), (3, "theo", "telepro")] {
                try db.execute(
                    sql: "INSERT INTO user (id, login, name, role, created_at) VALUES (?, ?, ?, ?, 'x')",
                    arguments: [id, login, login.capitalized, role])
            }
            try db.execute(
                sql: """
                    INSERT INTO company (siren, last_name, first_name, legal_form, row_hash)
                    VALUES (?, 'DUPONT', 'JEAN', '1000', 1)
                    """, arguments: [Self.sole])
            try db.execute(
                sql:
                    "INSERT INTO company (siren, denomination, legal_form, row_hash) VALUES (?, 'BETA SAS', '5710', 1)",
                arguments: [Self.company])
            for siren in [Self.sole, Self.company] {
                try db.execute(
                    sql: """
                        INSERT INTO prospect (siren, owner_id, created_at, updated_at)
                        VALUES (?, 2, '2026-01-05T09:00:00Z', '2026-01-05T09:00:00Z')
                        """, arguments: [siren])
            }
        }
    }

    func call(_ siren: Int, _ disposition: Disposition, at: String, user: Int = 2) throws {
        try db.writer.write { db in
            try db.execute(
                sql: "INSERT INTO activity (siren, user_id, kind, disposition, created_at) VALUES (?, ?, 'call', ?, ?)",
                arguments: [siren, user, disposition.rawValue, at])
        }
    }

    func value<T: DatabaseValueConvertible>(_ sql: String, _ arguments: StatementArguments = []) throws -> T? {
        try db.writer.read { try T.fetchOne($0, sql: sql, arguments: arguments) }
    }

    // MARK: - R1

    @Test("R1: generic, nominative and personal-domain emails are told apart")
    func r1EmailKinds() {
        #expect(EmailKind.of("contact@beta.fr") == .generic)
        #expect(EmailKind.of("info.lyon@beta.fr") == .generic)
        #expect(EmailKind.of("jean.dupont@beta.fr") == .nominative)
        #expect(EmailKind.of("Jean.Dupont@GMAIL.com") == .personalDomain)
        // A consumer mailbox is a person's even with a role word.
        #expect(EmailKind.of("contact@orange.fr") == .personalDomain)
        for address in ["a@free.fr", "a@wanadoo.fr", "a@laposte.net", "a@sfr.fr", "a@hotmail.co.uk", "a@yahoo.es"] {
            #expect(EmailKind.of(address) == .personalDomain, "\(address)")
        }
        // The enrichment's subtype wins over the local part, not over a consumer domain.
        #expect(EmailKind.of("direction@beta.fr", subtype: "nominative") == .nominative)
        #expect(EmailKind.of("jd@gmail.com", subtype: "generic") == .personalDomain)
        #expect(!EmailKind.generic.isPersonalData && EmailKind.nominative.isPersonalData)
        #expect(EmailKind.personalDomain.needsConsent && !EmailKind.nominative.needsConsent)
    }

    @Test("R1: the history shows each stored address's kind")
    func r1HistoryShowsTheKind() throws {
        try db.writer.write { db in
            for (value, subtype) in [("contact@beta.fr", "generic"), ("paul@gmail.com", "nominative")] {
                try db.execute(
                    sql: """
                        INSERT INTO contact_point (siren, kind, value, normalized, subtype, source, retrieved_at)
                        VALUES (?, 'email', ?, ?, ?, 'dropcontact', '2026-11-01T08:00:00Z')
                        """, arguments: [Self.company, value, value, subtype])
            }
        }
        let lines = try db.writer.read { try FieldHistory.entries(siren: Self.company, $0) }.filter {
            $0.field == "email"
        }
        #expect(lines.map(\.detail) == ["generic (company)", "personal mailbox (consent needed)"])
    }

    @Test("R1: the outbox refuses a personal mailbox until the person's consent is recorded")
    func r1ConsentBeforeAPersonalMailbox() throws {
        let outbox = EmailOutbox()
        let draft = EmailDraft(subject: "Votre site", body: "Bonjour")
        func queue(_ address: String) throws -> Int {
            try db.writer.write { db in
                try outbox.queue(
                    siren: Self.sole, userID: 2, to: Mailbox(name: nil, address: try EmailAddress(address)),
                    draft: draft, now: now, db)
            }
        }
        #expect(throws: EmailError.self) { try queue("jean.dupont@gmail.com") }
        // A nominative address at the business's own domain is opt-out: allowed.
        _ = try queue("jean@dupont-plomberie.fr")
        #expect(throws: ContactRecordError.futureDate("2026-11-26T11:00:00Z")) {
            try db.writer.write { db in
                try EmailConsent.record(
                    siren: Self.sole, address: "jean.dupont@gmail.com", userID: 2, at: now + 3600, now: now, db)
            }
        }
        #expect(throws: ActionError.notYourProspect(owner: "Tina")) {
            try db.writer.write { db in
                try EmailConsent.record(
                    siren: Self.sole, address: "jean.dupont@gmail.com", userID: 3, at: now, now: now, db)
            }
        }
        try db.writer.write { db in
            try EmailConsent.record(
                siren: Self.sole, address: "Jean.Dupont@gmail.com", userID: 2, at: now, now: now, db)
        }
        _ = try queue("jean.dupont@gmail.com")
        let history = try db.writer.read { try FieldHistory.entries(siren: Self.sole, $0) }
        #expect(history.contains { $0.field == "other" && $0.detail == "email consent: Jean.Dupont@gmail.com" })
    }

    // MARK: - R2

    @Test("R2: sole traders get at most 4 calls in 30 days, and 60 days of rest after a refusal")
    func r2SoleTraderLimits() throws {
        let policy = CallingPolicy()
        let day: TimeInterval = 86_400
        #expect(CallingAudience.of(legalForm: "1000", personalMobile: false) == .soleTrader)
        let four = [now - 20 * day, now - 10 * day, now - 5 * day, now]
        guard
            case .rest(let until, .attemptLimit(let maxAttempts, let days)) = try policy.nextAttempt(
                after: .noAnswer, attemptsSoFar: 4, attemptsInWindow: four, at: now, audience: .soleTrader)
        else {
            Issue.record("a fifth call within 30 days was not refused")
            return
        }
        #expect(maxAttempts == 4 && days == 30)
        // Not before the oldest of the four leaves the 30 days.
        #expect(until >= now - 20 * day + 30 * day)
        // Three calls leave room for a fourth.
        if case .rest = try policy.nextAttempt(
            after: .noAnswer, attemptsSoFar: 3, attemptsInWindow: Array(four.suffix(3)), at: now, audience: .soleTrader)
        {
            Issue.record("the fourth call was refused")
        }
        guard
            case .rest(let restUntil, .refusal(let restDays)) = try policy.nextAttempt(
                after: .notInterested, attemptsSoFar: 1, attemptsInWindow: [now], at: now, audience: .soleTrader)
        else {
            Issue.record("a refusal did not rest")
            return
        }
        #expect(restDays == 60)
        #expect(restUntil >= now + 60 * day - 3600)
    }

    // MARK: - R3

    @Test("R3: an email sent with the notice's link records the recipient as informed")
    func r3EmailCarriesTheNotice() throws {
        let sent = now - 3600
        try db.writer.write { db in
            for (id, siren) in [(1, Self.sole), (2, Self.company)] {
                try db.execute(
                    sql: """
                        INSERT INTO email_outbox (id, siren, user_id, to_address, subject, body, status, next_attempt_at,
                          created_at)
                        VALUES (?, ?, 2, 'jean@dupont.fr', 'Bonjour', 'Texte', 'queued', 'x', 'x')
                        """, arguments: [id, siren])
            }
            let receipt = MailReceipt(
                messageID: "<1@x>", recipient: "jean@dupont.fr", subject: "Bonjour", sentAt: sent, serverReply: "250")
            try EmailOutbox().markSent(id: 1, receipt: receipt, privacyNoticeURL: "https://ex.fr/rgpd-v2", db)
            // Without a notice URL the message informs nobody.
            try EmailOutbox().markSent(id: 2, receipt: receipt, db)
        }
        let notices = try db.writer.read { try PrivacyNotice.all(siren: Self.sole, $0) }
        #expect(notices.count == 1)
        #expect(notices.first?.channel == .email && notices.first?.version == "https://ex.fr/rgpd-v2")
        #expect(notices.first?.notifiedAt == Timestamp.string(sent) && notices.first?.by == "tina")
        #expect(notices.first?.recipient == "jean@dupont.fr")
        #expect(try db.writer.read { try PrivacyNotice.isInformed(siren: Self.company, at: now, $0) } == false)
        // The dashboard: the email with the link informed; the one without did not.
        let report = try db.writer.read {
            try ReportBuilder(period: ReportPeriod.last(30, endingAt: now), now: now).build($0)
        }
        #expect(report.contactedWithoutNotice == 1)
        #expect(ReportText.render(report).contains("Contacted without privacy notice: 1 (should be 0"))
    }

    @Test("R3: the dashboard counts prospects reached before any notice")
    func r3ContactedWithoutNotice() throws {
        // The sole trader is reached at 09:00 and told at 09:01: too late for that contact.
        try call(Self.sole, .noAnswer, at: "2026-11-20T08:00:00Z")
        try call(Self.sole, .contact, at: "2026-11-20T09:00:00Z")
        _ = try db.writer.write { db in
            try PrivacyNotice.record(
                siren: Self.sole, channel: .call, userID: 2, at: Timestamp.date("2026-11-20T09:01:00Z")!, now: now,
                recipient: "Jean Dupont", db)
        }
        // The company is told first, then reached.
        _ = try db.writer.write { db in
            try PrivacyNotice.record(
                siren: Self.company, channel: .letter, userID: 2, at: Timestamp.date("2026-11-19T09:00:00Z")!,
                now: now, db)
        }
        try call(Self.company, .interested, at: "2026-11-20T09:00:00Z")
        let builder = ReportBuilder(period: ReportPeriod.last(30, endingAt: now), now: now)
        #expect(try db.writer.read { try builder.contactedWithoutNotice(user: nil, $0) } == 1)
        #expect(try db.writer.read { try builder.contactedWithoutNotice(user: 3, $0) } == 0)
        // A call that reached nobody is no contact: only unanswered calls count nothing.
        let period = ReportPeriod.last(30, endingAt: now)
        try db.writer.write { db in
            try db.execute(sql: "DELETE FROM activity WHERE disposition = 'contact'")
        }
        #expect(
            try db.writer.read { try ReportBuilder(period: period, now: now).contactedWithoutNotice(user: nil, $0) }
                == 0)
    }

    @Test("R3: only who may call the prospect records an oral notice, never in the future")
    func r3NoticeRules() throws {
        #expect(throws: ActionError.notYourProspect(owner: "Tina")) {
            try db.writer.write { db in
                try PrivacyNotice.record(siren: Self.sole, channel: .call, userID: 3, at: now, now: now, db)
            }
        }
        #expect(throws: ContactRecordError.futureDate("2026-11-26T12:00:00Z")) {
            try db.writer.write { db in
                try PrivacyNotice.record(
                    siren: Self.sole, channel: .call, userID: 2, at: now + 7200, now: now, db)
            }
        }
        #expect(throws: ContactRecordError.unknownProspect(404_833_048)) {
            try db.writer.write { db in
                try PrivacyNotice.record(siren: 404_833_048, channel: .call, userID: 1, at: now, now: now, db)
            }
        }
        _ = try db.writer.write { db in
            try PrivacyNotice.record(siren: Self.sole, channel: .call, userID: 1, at: now, now: now, db)
        }
        let notice = try db.writer.read { try PrivacyNotice.all(siren: Self.sole, $0) }.first
        #expect(notice?.version == PrivacyNotice.currentVersion && notice?.by == "ada")
    }

    // MARK: - R6

    @Test("R6: only the prospect's own engagement moves the retention clock")
    func r6InboundSignals() throws {
        var sirens: [Disposition: Int] = [:]
        try db.writer.write { db in
            for (index, disposition) in Disposition.allCases.enumerated() {
                let siren = 100_000_000 + index
                sirens[disposition] = siren
                try db.execute(sql: "INSERT INTO company (siren, row_hash) VALUES (?, 1)", arguments: [siren])
                try db.execute(
                    sql: "INSERT INTO prospect (siren, owner_id, created_at, updated_at) VALUES (?, 2, 'x', 'x')",
                    arguments: [siren])
            }
        }
        for (disposition, siren) in sirens { try call(siren, disposition, at: "2026-11-20T09:00:00Z") }
        for (disposition, siren) in sirens {
            let clock: String? = try value("SELECT last_inbound_contact_at FROM prospect WHERE siren = ?", [siren])
            // The trigger and RetentionPolicy agree for every outcome.
            #expect(
                (clock == "2026-11-20T09:00:00Z") == RetentionPolicy.inboundDispositions.contains(disposition),
                "\(disposition)")
        }
        // An older call never moves the clock back; an enrichment refresh never moves it at all.
        let talked = sirens[.contact]!
        try call(talked, .callback, at: "2026-10-01T09:00:00Z")
        try db.writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO contact_point (siren, kind, value, normalized, source, retrieved_at)
                    VALUES (?, 'phone', '0102030405', '+33102030405', 'pappers', '2026-11-25T09:00:00Z')
                    """, arguments: [talked])
            try db.execute(
                sql: """
                    INSERT INTO field_provenance (siren, field, source, retrieved_at)
                    VALUES (?, 'naf', 'pappers', '2026-11-25T09:00:00Z')
                    """, arguments: [talked])
        }
        #expect(
            try value("SELECT last_inbound_contact_at FROM prospect WHERE siren = ?", [talked])
                == "2026-11-20T09:00:00Z")
        // A reply recorded by hand moves it, and shows in the history.
        try db.writer.write { db in
            try RetentionPolicy.recordInbound(
                siren: talked, channel: .email, userID: 2, at: now - 60, note: "répond au devis", now: now, db)
        }
        #expect(
            try value("SELECT last_inbound_contact_at FROM prospect WHERE siren = ?", [talked])
                == Timestamp.string(now - 60))
        let history = try db.writer.read { try FieldHistory.entries(siren: talked, $0) }
        #expect(history.last?.detail == "inbound email: répond au devis" && history.last?.user == "tina")
    }

    @Test("R6: the purge reports first and anonymises only on an admin's confirmation")
    func r6Purge() throws {
        let old = 443_061_841
        try db.writer.write { db in
            // A prospect last heard from four years ago, with personal data.
            try db.execute(
                sql: "INSERT INTO company (siren, denomination, row_hash) VALUES (?, 'GAMMA', 1)", arguments: [old])
            try db.execute(
                sql: """
                    INSERT INTO prospect (siren, owner_id, notes, last_inbound_contact_at, created_at, updated_at)
                    VALUES (?, 2, 'Marié, deux enfants', '2022-10-01T09:00:00Z', '2021-01-01T00:00:00Z', 'x')
                    """, arguments: [old])
            try db.execute(
                sql: """
                    INSERT INTO person (siren, role, last_name, first_names, birth_year, source, retrieved_at)
                    VALUES (?, 'Gérant', 'MARTIN', 'Paul', 1970, 'rne', '2021-01-01T00:00:00Z')
                    """, arguments: [old])
            for (value, subtype, optedOut) in [
                ("contact@gamma.fr", "generic", 0), ("paul.martin@gamma.fr", "nominative", 0),
                ("p.martin@gamma.fr", "nominative", 1),
            ] {
                try db.execute(
                    sql: """
                        INSERT INTO contact_point (siren, kind, value, normalized, subtype, opted_out, source, retrieved_at)
                        VALUES (?, 'email', ?, ?, ?, ?, 'dropcontact', '2021-01-01T00:00:00Z')
                        """, arguments: [old, value, value, subtype, optedOut])
            }
            try db.execute(
                sql: """
                    INSERT INTO activity (siren, user_id, kind, detail, created_at)
                    VALUES (?, 2, 'note', 'Paul préfère le matin', '2022-09-01T09:00:00Z')
                    """, arguments: [old])
            try db.execute(
                sql:
                    "INSERT INTO suppression (kind, hash, reason, created_at) VALUES ('email', 'abc', 'objection', 'x')"
            )
            // Customers are never purged, whatever their clock; a recent contact keeps a prospect.
            try db.execute(
                sql: "UPDATE prospect SET pipeline_status = 'client', notes = 'x' WHERE siren = ?",
                arguments: [Self.company])
            try db.execute(
                sql:
                    "UPDATE prospect SET notes = 'y', last_inbound_contact_at = '2025-06-01T00:00:00Z' WHERE siren = ?",
                arguments: [Self.sole])
        }
        let purge = RetentionPurge()
        let dryRun = try db.writer.read { try purge.report(now: now, $0) }
        #expect(!dryRun.applied && dryRun.cutoff == "2023-11-26T10:00:00Z")
        #expect(dryRun.candidates.map(\.siren) == [old])
        let candidate = try #require(dryRun.candidates.first)
        #expect(candidate.clock == "2022-10-01T09:00:00Z")
        #expect(candidate.persons == 1 && candidate.contactPoints == 1 && candidate.keptObjections == 1)
        #expect(candidate.hasNotes && candidate.activityTexts == 1 && candidate.emails == 0)
        // The dry run changed nothing.
        #expect(try value("SELECT notes FROM prospect WHERE siren = ?", [old]) == "Marié, deux enfants")
        // A telemarketer cannot confirm.
        #expect(throws: PermissionError.notAdmin(login: "tina", action: "purge prospects past their retention")) {
            try db.writer.write { try purge.confirm(by: 2, now: now, $0) }
        }
        #expect(try value("SELECT COUNT(*) FROM contact_point WHERE siren = ?", [old]) == 3)
        let done = try db.writer.write { try purge.confirm(by: 1, now: now, $0) }
        #expect(done.applied && done.candidates == dryRun.candidates)
        #expect(
            try value(
                "SELECT COUNT(*) FROM person WHERE siren = ? AND last_name IS NULL AND erased_at IS NOT NULL", [old])
                == 1)
        let kept: [String] = try db.writer.read {
            try String.fetchAll(
                $0, sql: "SELECT value FROM contact_point WHERE siren = ? ORDER BY value", arguments: [old])
        }
        #expect(kept == ["contact@gamma.fr", "p.martin@gamma.fr"])
        #expect(
            try value("SELECT notes IS NULL AND archived_at IS NOT NULL FROM prospect WHERE siren = ?", [old]) == true)
        #expect(try value("SELECT COUNT(*) FROM activity WHERE siren = ? AND detail IS NOT NULL", [old]) == 0)
        #expect(try value("SELECT COUNT(*) FROM suppression") == 1)
        #expect(try value("SELECT notes FROM prospect WHERE siren = ?", [Self.company]) == "x")
        #expect(try value("SELECT notes FROM prospect WHERE siren = ?", [Self.sole]) == "y")
        #expect(
            try value("SELECT actor FROM audit_log WHERE action = 'retention_purge' AND target = ?", [String(old)])
                == "ada")
        // Nothing personal is left: the next run lists nothing.
        #expect(try db.writer.read { try purge.report(now: now, $0) }.candidates.isEmpty)
    }

    // MARK: - R8

    @Test("R8: every field shows its source and time, and every change its user or source")
    func r8Provenance() throws {
        try db.writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO field_provenance (siren, field, source, retrieved_at)
                    VALUES (?, 'naf', 'pappers', '2026-11-02T08:00:00Z')
                    """, arguments: [Self.company])
            try db.execute(
                sql: """
                    INSERT INTO change_event (siren, kind, old_value, new_value, source, detected_at)
                    VALUES (?, 'naf', '62.01Z', '62.02A', 'rne', '2026-11-03T08:00:00Z')
                    """, arguments: [Self.company])
            let actions = ProspectActions(userID: 2, now: now - 600)
            try actions.changeStatus(siren: Self.company, to: .interesse, db)
            try actions.addNote(siren: Self.company, text: "Rappeler lundi", db)
            try AuditTrail.record(
                at: now - 60, actor: "ada", action: "reassign", target: String(Self.company), detail: "tina → theo", db)
        }
        let entries = try db.writer.read { try FieldHistory.entries(siren: Self.company, $0) }
        #expect(entries.map(\.at) == entries.map(\.at).sorted())
        let provenance = try #require(entries.first { $0.origin == .provenance && $0.field == "naf" })
        #expect(provenance.source == "pappers" && provenance.at == "2026-11-02T08:00:00Z")
        let change = try #require(entries.first { $0.origin == .change })
        #expect(change.oldValue == "62.01Z" && change.newValue == "62.02A" && change.source == "rne")
        let status = try #require(entries.first { $0.field == "status_change" })
        #expect(status.oldValue == "nouveau" && status.newValue == "interesse" && status.user == "tina")
        #expect(entries.contains { $0.field == "note" && $0.detail == "Rappeler lundi" && $0.user == "tina" })
        #expect(entries.last?.origin == .audit && entries.last?.user == "ada")
        #expect(throws: ContactRecordError.unknownCompany(404_833_048)) {
            try db.writer.read { try FieldHistory.entries(siren: 404_833_048, $0) }
        }
    }

    // MARK: - R10

    @Test("R10: every source declares its legal basis and method, shown next to its fields")
    func r10LegalBasis() throws {
        for provider in ProviderID.allCases {
            let basis = ProviderLegalBasis.of(provider)
            #expect(basis.basis.contains("legitimate interest"), "\(provider)")
            #expect(!basis.terms.isEmpty, "\(provider)")
        }
        #expect(ProviderLegalBasis.of(.websiteAudit).method == .scrape)
        #expect(ProviderLegalBasis.of(.sireneStock).method == .openData)
        #expect(ProviderLegalBasis.of(.kaspr).method == .api)
        let entry = FieldHistoryEntry(at: "x", origin: .provenance, field: "email", source: "kaspr")
        #expect(entry.legalBasis == ProviderLegalBasis.of(.kaspr).line)
        #expect(FieldHistoryEntry(at: "x", origin: .action, field: "note", user: "tina").legalBasis == nil)
    }
}
