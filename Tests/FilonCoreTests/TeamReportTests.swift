import FilonCore
import Foundation
import GRDB
import Testing

/// The dashboard's figures on a scripted week, each checked against the same figure worked out
/// from the script in Swift.
@Suite struct TeamReportTests {
    let db: AppDatabase
    let script = ReportScript()
    let period: ReportPeriod

    init() throws {
        db = try AppDatabase.inMemory()
        try db.writer.write { [script] in try script.write($0) }
        period = try ReportPeriod(since: CalendarDay(ReportScript.since)!, until: CalendarDay(ReportScript.until)!)
    }

    func report(user: String? = nil, schedule: Schedule = .every(minutes: 60), now: Date = ReportScript.now) throws
        -> TeamReport
    {
        var daemon = DaemonSettings()
        daemon.schedule = schedule
        let period = try ReportPeriod(since: period.since, until: period.until, user: user)
        return try db.writer.read {
            try ReportBuilder(period: period, calling: CallingSettings(), daemon: daemon, now: now).build($0)
        }
    }

    @Test func detectionsCountTheDaemonsPassesPerParisDay() throws {
        let report = try report()
        let expected = script.detectionsPerDay()
        #expect(report.detections.total == script.detected().count)
        #expect(report.detections.perDay.map(\.day) == ReportScript.days)
        #expect(report.detections.perDay.map(\.count) == ReportScript.days.map { expected[$0] ?? 0 })
        // The pass at 23:30 in Paris counts on 30 November, BODACC's at 00:10 on 1 December; the
        // pass a second before the period is out, the one on its first second is in.
        #expect(expected == ["2026-11-25": 2, "2026-11-30": 3, "2026-12-01": 1])
        #expect(
            report.detections.bySource == [
                SourceCount(source: "sirene_api", count: 5), SourceCount(source: "bodacc", count: 1),
            ])
        #expect(report.detections.fromStockFiles == script.fromStock())
        #expect(report.detections.fromStockFiles == 2)
    }

    @Test func callsEmailsAndRatesFollowTheirDefinitions() throws {
        let report = try report()
        let calls = script.calls()
        let contacts = calls.filter { $0.disposition!.isContact }
        let conversions = calls.filter { $0.disposition!.isPositive }
        #expect(report.calls == calls.count)
        #expect(report.calls == 7)
        #expect(
            report.callsPerDay.map(\.count)
                == ReportScript.days.map { day in
                    calls.filter { ReportScript.localDay($0.at) == day }.count
                })
        #expect(report.emailsSent == script.emailsSent().count)
        #expect(report.emailsSent == 3)
        #expect(report.contactRate == Ratio(part: contacts.count, whole: calls.count))
        #expect(report.conversionRate == Ratio(part: conversions.count, whole: contacts.count))
        #expect(report.talkSeconds == calls.compactMap(\.seconds).reduce(0, +))
        let touched = Set(calls.map(\.siren) + script.emailsSent().map(\.siren))
        let reached = Set(contacts.map(\.siren))
        #expect(report.responseRate == Ratio(part: reached.count, whole: touched.count))
        #expect(report.responseRate == Ratio(part: 4, whole: 5))
    }

    @Test func eachUserHasTheirOwnRow() throws {
        let report = try report()
        // Sellers who are active, and anyone who worked in the period (Ada emailed).
        #expect(report.users.map(\.login) == ["ada", "abe", "carla", "theo", "tina"].sorted())
        for row in report.users {
            let user = script.users.first { $0.login == row.login }!
            let calls = script.calls(of: user.id)
            let contacts = calls.filter { $0.disposition!.isContact }
            let hours = Set(calls.map { String($0.at.prefix(13)) })
            #expect(row.calls == calls.count, "\(row.login)")
            #expect(row.activeHours == hours.count, "\(row.login)")
            #expect(row.callsPerHour == (hours.isEmpty ? nil : Double(calls.count) / Double(hours.count)))
            #expect(row.contactRate == Ratio(part: contacts.count, whole: calls.count))
            #expect(
                row.conversionRate
                    == Ratio(part: contacts.filter { $0.disposition!.isPositive }.count, whole: contacts.count))
            #expect(row.talkSeconds == calls.compactMap(\.seconds).reduce(0, +))
            #expect(row.timedCalls == calls.filter { $0.seconds != nil }.count)
            #expect(row.emailsSent == script.emailsSent(of: user.id).count)
        }
        let tina = report.users.first { $0.login == "tina" }!
        // Two calls in the same clock hour: 4 calls in 3 hours.
        #expect(tina.calls == 4 && tina.activeHours == 3 && tina.callsPerHour == 4.0 / 3.0)
    }

    @Test func statusesActionsAndFollowUpsAreCountedAsTheyStandNow() throws {
        let report = try report()
        #expect(report.statuses.map(\.status) == PipelineStatus.allCases)
        for count in report.statuses {
            #expect(
                count.count == script.prospects.filter { !$0.archived && $0.status == count.status }.count,
                "\(count.status)")
        }
        #expect(report.withoutAction == script.unworked().count)
        #expect(report.withoutAction == 6)
        #expect(report.overdueFollowUps == script.overdue().count)
        #expect(report.overdueFollowUps == 2)
    }

    @Test func enrichmentCoverageAndCredits() throws {
        let report = try report()
        let detected = Set(script.detected().map(\.siren))
        let coverage = report.enrichment
        #expect(coverage.companies == detected.count)
        #expect(coverage.enriched == Ratio(part: detected.intersection(script.enriched).count, whole: detected.count))
        #expect(coverage.withPhone == Ratio(part: detected.intersection(script.phones).count, whole: detected.count))
        #expect(coverage.withEmail == Ratio(part: detected.intersection(script.emails).count, whole: detected.count))
        #expect(
            coverage.withWebVerdict
                == Ratio(part: detected.intersection(script.webVerdicts).count, whole: detected.count))
        // 105 has a phone but was detected before the period.
        #expect(coverage.withPhone.part == 2)
        let spent = script.spend.filter { $0.day >= ReportScript.since && $0.day <= ReportScript.until }
        let providers = Set(spent.filter { $0.requests > 0 || $0.credits > 0 }.map(\.provider)).sorted()
        #expect(report.credits.map(\.provider) == providers)
        for row in report.credits {
            #expect(row.credits == spent.filter { $0.provider == row.provider }.map(\.credits).reduce(0, +))
            #expect(row.requests == spent.filter { $0.provider == row.provider }.map(\.requests).reduce(0, +))
        }
        #expect(report.creditsSpent == 15)
    }

    @Test func oneUsersReportIsTheirWorkAndTheirProspects() throws {
        let report = try report(user: "tina")
        #expect(report.period.user == "tina")
        #expect(report.users.map(\.login) == ["tina"])
        #expect(report.calls == script.calls(of: 2).count)
        #expect(report.emailsSent == script.emailsSent(of: 2).count)
        #expect(report.callsPerDay.map(\.count).reduce(0, +) == report.calls)
        let calls = script.calls(of: 2)
        let touched = Set(calls.map(\.siren) + script.emailsSent(of: 2).map(\.siren))
        #expect(
            report.responseRate
                == Ratio(part: Set(calls.filter { $0.disposition!.isContact }.map(\.siren)).count, whole: touched.count)
        )
        for count in report.statuses {
            #expect(
                count.count
                    == script.prospects.filter { !$0.archived && $0.owner == 2 && $0.status == count.status }.count)
        }
        #expect(report.withoutAction == script.unworked(owner: 2).count)
        #expect(report.overdueFollowUps == script.overdue(owner: 2).count)
        #expect(report.alerts.untreated == script.untreated(owner: 2).count)
        // The daemon's figures stay the whole base's.
        #expect(report.detections.total == script.detected().count)
        #expect(report.alerts.withoutOwner == script.withoutOwner().count)
    }

    @Test func anUnknownLoginIsRefusedByName() throws {
        #expect(throws: ReportError.unknownUser("zoe")) { try report(user: "zoe") }
        #expect(ReportError.unknownUser("zoe").description.contains("filon users list"))
    }

    @Test func theReportRoundTripsThroughJSON() throws {
        let report = try report()
        let data = try JSONEncoder().encode(report)
        #expect(try JSONDecoder().decode(TeamReport.self, from: data) == report)
        let json = String(decoding: data, as: UTF8.self)
        #expect(json.contains("\"since\":\"2026-11-25\""))
        #expect(json.contains("\"status\":\"a_contacter\""))
    }
}
