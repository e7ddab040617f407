import Testing

@testable import FilonCore

/// Each scoring rule, the decay, the clamp, and the companies that always score 0.
@Suite struct ScorerTests {
    let today = CalendarDay(year: 2026, month: 6, day: 1)
    let scorer = Scorer(settings: ScoringSettings())

    func points(_ facts: ProspectFacts, _ code: ScoreReason.Code, scorer: Scorer? = nil) -> Int? {
        (scorer ?? self.scorer).score(facts, today: today).reasons.first { $0.code == code }?.points
    }

    @Test func anUnknownCompanyScoresNothing() {
        let score = scorer.score(ProspectFacts(), today: today)
        #expect(score == Score(total: 0, reasons: []))
    }

    @Test func recentCompaniesGetFullPointsThenDecayLinearlyToZero() {
        func at(_ age: Int) -> Int? { points(ProspectFacts(createdOn: today + -age), .recentCompany) }
        #expect(at(0) == 25)
        #expect(at(29) == 25)
        #expect(at(30) == 25)
        // Halfway between 30 and 365 days: half the points, rounded.
        #expect(at(30 + (365 - 30) / 2) == 13)
        #expect(at(364) == nil)  // 0.07 points round to none
        #expect(at(365) == nil)
        #expect(at(4000) == nil)
        // A creation date in the future (a data error) counts as today.
        #expect(at(-10) == 25)
        let label = scorer.score(ProspectFacts(createdOn: today + -3), today: today).reasons[0].label
        #expect(label == "created less than 30 days ago")
        #expect(
            scorer.score(ProspectFacts(createdOn: today + -100), today: today).reasons[0].text
                == "created less than a year ago +20")
    }

    @Test func theDecayDaysAreSettings() {
        var settings = ScoringSettings()
        settings.recentCompany = 10
        settings.recentFullDays = 0
        settings.recentZeroDays = 10
        let scorer = Scorer(settings: settings)
        #expect(points(ProspectFacts(createdOn: today), .recentCompany, scorer: scorer) == 10)
        #expect(points(ProspectFacts(createdOn: today + -5), .recentCompany, scorer: scorer) == 5)
        #expect(points(ProspectFacts(createdOn: today + -9), .recentCompany, scorer: scorer) == 1)
        #expect(points(ProspectFacts(createdOn: today + -10), .recentCompany, scorer: scorer) == nil)
    }

    @Test(arguments: [0, 5, 29, 30, 31, 100, 200, 300, 350])
    func nextChangeIsTheFirstDayTheRecentPointsMove(age: Int) throws {
        let created = today + -age
        let next = try #require(scorer.nextChange(createdOn: created, today: today))
        let nextAge = next.daysSince1970 - created.daysSince1970
        #expect(nextAge > age && nextAge <= 365)
        #expect(scorer.recentPoints(age: nextAge) != scorer.recentPoints(age: age))
        for between in age..<nextAge { #expect(scorer.recentPoints(age: between) == scorer.recentPoints(age: age)) }
    }

    @Test func nothingToWaitForOnceTheDecayIsOver() {
        // At 360 days 0.37 points round to none already.
        #expect(scorer.nextChange(createdOn: today + -360, today: today) == nil)
        #expect(scorer.nextChange(createdOn: today + -365, today: today) == nil)
        #expect(scorer.nextChange(createdOn: today + -4000, today: today) == nil)
        #expect(scorer.nextChange(createdOn: nil, today: today) == nil)
        var settings = ScoringSettings()
        settings.recentCompany = 0
        #expect(Scorer(settings: settings).nextChange(createdOn: today, today: today) == nil)
    }

    @Test(arguments: [
        ("no website", ProspectFacts.Website.missing), ("no website found", .missing), ("parked domain", .missing),
        ("website unreachable", .missing), ("no usable website", .missing), ("weak website", .weak),
        ("fair website", .present), ("good website", .present), ("website not audited yet", .unknown),
        ("not enriched yet", .unknown),
    ])
    func verdictsMapToWebsiteFacts(_ verdict: String, _ website: ProspectFacts.Website) {
        #expect(ProspectFacts.Website(verdict: verdict) == website)
        #expect(ProspectFacts.Website(verdict: nil) == .unknown)
    }

    @Test func websiteRules() {
        #expect(points(ProspectFacts(website: .missing), .noWebsite) == 25)
        #expect(points(ProspectFacts(website: .missing), .weakWebsite) == nil)
        #expect(points(ProspectFacts(website: .weak), .weakWebsite) == 15)
        #expect(points(ProspectFacts(website: .present), .noWebsite) == nil)
        #expect(scorer.score(ProspectFacts(website: .present), today: today).total == 0)
        #expect(scorer.score(ProspectFacts(website: .unknown), today: today).total == 0)
    }

    @Test func lowDigitalMaturityIsNoneOrWeak() {
        #expect(points(ProspectFacts(digitalMaturity: 0), .lowMaturity) == 10)
        #expect(points(ProspectFacts(digitalMaturity: 1), .lowMaturity) == 10)
        #expect(points(ProspectFacts(digitalMaturity: 2), .lowMaturity) == nil)
        #expect(points(ProspectFacts(digitalMaturity: 3), .lowMaturity) == nil)
        #expect(points(ProspectFacts(digitalMaturity: nil), .lowMaturity) == nil)
    }

    @Test func theMostSpecificSectorWins() {
        var settings = ScoringSettings()
        settings.sectors = ["56": 15, "56.30Z": 3, "96.02": 12, "I": 6, "86.2": 8]
        let scorer = Scorer(settings: settings)
        func sector(_ code: String?) -> Int? { points(ProspectFacts(nafCode: code), .sector, scorer: scorer) }
        #expect(sector("56.10A") == 15)
        #expect(sector("56.30Z") == 3)
        #expect(sector("5630Z") == 3)
        #expect(sector("96.02A") == 12)
        #expect(sector("96.02B") == 12)
        #expect(sector("96.01A") == nil)
        #expect(sector("86.21Z") == 8)
        #expect(sector("86.90A") == nil)
        // Section I is 55 and 56: the division 56 beats it, 55 takes it.
        #expect(sector("55.10Z") == 6)
        #expect(sector("62.01Z") == nil)
        #expect(sector(nil) == nil)
        #expect(sector("") == nil)
        #expect(
            scorer.score(ProspectFacts(nafCode: "96.02A"), today: today).reasons[0].text == "target sector 96.02 +12")
    }

    @Test func theDefaultSectorsCoverAWebAgencysTrades() {
        #expect(points(ProspectFacts(nafCode: "56.10A"), .sector) == 15)  // restaurant
        #expect(points(ProspectFacts(nafCode: "96.02A"), .sector) == 15)  // hairdresser
        #expect(points(ProspectFacts(nafCode: "43.22A"), .sector) == 15)  // plumber
        #expect(points(ProspectFacts(nafCode: "47.76Z"), .sector) == 10)  // florist
        #expect(points(ProspectFacts(nafCode: "68.31Z"), .sector) == 12)  // estate agency
        #expect(points(ProspectFacts(nafCode: "69.10Z"), .sector) == 10)  // lawyer
        #expect(points(ProspectFacts(nafCode: "62.01Z"), .sector) == nil)  // developers build their own
    }

    @Test func directorPhoneAndSize() {
        #expect(points(ProspectFacts(hasNamedDirector: true), .namedDirector) == 10)
        #expect(points(ProspectFacts(hasPhone: true), .phone) == 10)
        #expect(points(ProspectFacts(sizeBand: "01"), .sizeBand) == 5)
        #expect(points(ProspectFacts(sizeBand: "12"), .sizeBand) == 5)
        #expect(points(ProspectFacts(sizeBand: "NN"), .sizeBand) == nil)
        #expect(points(ProspectFacts(sizeBand: "00"), .sizeBand) == nil)
        #expect(points(ProspectFacts(sizeBand: "32"), .sizeBand) == -10)
        #expect(points(ProspectFacts(sizeBand: "bogus"), .sizeBand) == nil)
        let big = scorer.score(ProspectFacts(sizeBand: "53"), today: today)
        #expect(big.total == 0)  // clamped at 0
        #expect(big.reasons.map(\.text) == ["10,000 employees or more −10"])
    }

    @Test func theIdealProspectScoresExactly100AndMoreIsClamped() {
        let ideal = ProspectFacts(
            createdOn: today + -3, nafCode: "56.10A", sizeBand: "01", website: .missing, digitalMaturity: 0,
            hasNamedDirector: true, hasPhone: true)
        let score = scorer.score(ideal, today: today)
        #expect(score.total == 100)
        #expect(
            score.reasons.map(\.code) == [
                .recentCompany, .noWebsite, .lowMaturity, .sector, .namedDirector, .phone, .sizeBand,
            ])
        var settings = ScoringSettings()
        settings.phone = 60
        let over = Scorer(settings: settings).score(ideal, today: today)
        #expect(over.total == 100)
        #expect(over.reasons.reduce(0) { $0 + $1.points } == 150)
    }

    @Test func zeroWeightsGiveNoReason() {
        var settings = ScoringSettings()
        settings.noWebsite = 0
        settings.phone = 0
        let score = Scorer(settings: settings).score(ProspectFacts(website: .missing, hasPhone: true), today: today)
        #expect(score.reasons.isEmpty)
    }

    @Test func ceasedSuppressedAndRestrictedScoreZeroWithTheirReason() {
        let good = ProspectFacts(
            createdOn: today, nafCode: "56.10A", website: .missing, hasNamedDirector: true, hasPhone: true)
        var ceased = good
        ceased.isCeased = true
        var dnc = good
        dnc.doNotContact = true
        var restricted = good
        restricted.isRestricted = true
        #expect(
            scorer.score(ceased, today: today)
                == Score(total: 0, reasons: [ScoreReason(code: .ceased, points: 0, label: "company ceased")]))
        #expect(scorer.score(dnc, today: today).reasons.map(\.code) == [.doNotContact])
        #expect(scorer.score(restricted, today: today).reasons.map(\.code) == [.restricted])
        #expect(scorer.score(dnc, today: today).total == 0)
        // Archived is not a score matter: restored, it is worth what it was.
        var archived = good
        archived.isArchived = true
        #expect(scorer.score(archived, today: today) == scorer.score(good, today: today))
    }

    @Test func reasonsAsCompactJSONAndBack() {
        let score = scorer.score(ProspectFacts(sizeBand: "32", website: .missing), today: today)
        #expect(
            score.json
                == #"[{"code":"no_website","points":25,"label":"no website"},{"code":"size_band","points":-10,"label":"250–499 employees"}]"#
        )
        let back: [String]? = Score.storedReasons(json: score.json)?.map { $0.text }
        #expect(back == ["no website +25", "250–499 employees −10"])
        #expect(Score(total: 0, reasons: []).json == "[]")
        #expect(Score.storedReasons(json: "not json") == nil)
        let quoted = Score(total: 1, reasons: [ScoreReason(code: .sector, points: 1, label: "a \"b\" \\ c")])
        #expect(Score.storedReasons(json: quoted.json)?.first?.label == "a \"b\" \\ c")
    }

    @Test func calendarDays() {
        #expect(CalendarDay("1970-01-01")?.daysSince1970 == 0)
        #expect(CalendarDay("2026-03-01")?.text == "2026-03-01")
        #expect(CalendarDay("2024-02-29") != nil)
        #expect(CalendarDay("2025-02-29") == nil)
        #expect(CalendarDay("2026-13-01") == nil)
        #expect(CalendarDay("2026-1-01") == nil)
        #expect(CalendarDay("20260101") == nil)
        #expect(CalendarDay("") == nil)
        #expect(CalendarDay("2026-01-15T10:00:00Z") == CalendarDay("2026-01-15"))
        #expect(CalendarDay("2026-01-01")! + 31 == CalendarDay("2026-02-01"))
        for n in stride(from: -800_000, to: 800_000, by: 997) {
            let day = CalendarDay(daysSince1970: n)
            if n >= -719_162 { #expect(CalendarDay(day.text) == day) }  // years 0001 onwards
        }
    }

    @Test func theFingerprintFollowsEverySetting() {
        let base = ScoringSettings()
        #expect(base.fingerprint == ScoringSettings().fingerprint)
        var other = base
        other.sectors["56"] = 14
        #expect(other.fingerprint != base.fingerprint)
        other = base
        other.routes = [RouteRule(route: .telemarketing)]
        #expect(other.fingerprint != base.fingerprint)
        other = base
        other.tierB = 44
        #expect(other.fingerprint != base.fingerprint)
    }
}
