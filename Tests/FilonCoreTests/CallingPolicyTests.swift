import Foundation
import Testing

@testable import FilonCore

@Suite struct CallingPolicyTests {
    let policy = CallingPolicy()

    // MARK: Windows

    @Test(arguments: [
        ((2026, 11, 26, 9, 59), false), ((2026, 11, 26, 10, 0), true), ((2026, 11, 26, 12, 59), true),
        ((2026, 11, 26, 13, 0), false), ((2026, 11, 26, 13, 59), false), ((2026, 11, 26, 14, 0), true),
        ((2026, 11, 26, 19, 59), true), ((2026, 11, 26, 20, 0), false),
        ((2026, 11, 28, 11, 0), false),  // Saturday
        ((2026, 11, 29, 11, 0), false),  // Sunday
        ((2026, 12, 25, 11, 0), false),  // Christmas, a Friday
        ((2027, 3, 29, 11, 0), false),  // Easter Monday
        ((2027, 3, 30, 11, 0), true),
        ((2027, 5, 6, 11, 0), false),  // Ascension, a Thursday
        ((2027, 5, 17, 11, 0), false),  // Whit Monday
        ((2027, 7, 14, 11, 0), false),  // Bastille Day, a Wednesday
    ])
    func soleTradersFollowTheConsumerHours(time: (Int, Int, Int, Int, Int), callable: Bool) {
        #expect(policy.isCallable(at: paris(time), audience: .soleTrader) == callable)
    }

    @Test(arguments: [
        ((2026, 11, 26, 8, 29), false), ((2026, 11, 26, 8, 30), true), ((2026, 11, 26, 13, 30), true),
        ((2026, 11, 26, 18, 59), true), ((2026, 11, 26, 19, 0), false), ((2026, 11, 28, 10, 0), false),
        ((2026, 12, 25, 10, 0), false), ((2027, 3, 29, 10, 0), false),
    ])
    func companiesFollowBusinessHours(time: (Int, Int, Int, Int, Int), callable: Bool) {
        #expect(policy.isCallable(at: paris(time), audience: .company) == callable)
    }

    @Test func theHoursHoldOnBothSidesOfAClockChange() {
        // 10:00 in Paris is 09:00 UTC in winter and 08:00 UTC in summer (change on 28 March 2027).
        #expect(policy.isCallable(at: utc(2027, 3, 26, 9, 0), audience: .soleTrader))
        #expect(!policy.isCallable(at: utc(2027, 3, 26, 8, 59), audience: .soleTrader))
        #expect(policy.isCallable(at: utc(2027, 3, 30, 8, 0), audience: .soleTrader))
        #expect(!policy.isCallable(at: utc(2027, 3, 30, 7, 59), audience: .soleTrader))
        #expect(policy.isCallable(at: utc(2027, 3, 30, 17, 59), audience: .soleTrader))
        #expect(!policy.isCallable(at: utc(2027, 3, 30, 18, 0), audience: .soleTrader))
        // On the change day itself, a window over the skipped hour opens when the clock does.
        let night = CallingWindow(hours: [try! CallingHours.parse("Mo-Su 02:00-04:00")], skipsPublicHolidays: false)
        let opening = night.nextCallableTime(after: paris(2027, 3, 28, 0, 0))
        #expect(opening == utc(2027, 3, 28, 1, 0))
        #expect(night.isCallable(at: opening))
        // And on the autumn change day the hour that happens twice is callable both times.
        #expect(night.isCallable(at: utc(2026, 10, 25, 0, 30)))
        #expect(night.isCallable(at: utc(2026, 10, 25, 1, 30)))
    }

    @Test func holidaysCanBeWorked() {
        var settings = CallingSettings()
        settings.skipPublicHolidays = false
        #expect(CallingPolicy(settings: settings).isCallable(at: paris(2026, 12, 25, 11, 0), audience: .soleTrader))
    }

    @Test(arguments: [
        // Already callable: unchanged.
        ((2026, 11, 27, 19, 30), CallingAudience.soleTrader, (2026, 11, 27, 19, 30)),
        // Before opening, over lunch.
        ((2026, 11, 26, 8, 0), .soleTrader, (2026, 11, 26, 10, 0)),
        ((2026, 11, 26, 13, 0), .soleTrader, (2026, 11, 26, 14, 0)),
        // Across a weekend.
        ((2026, 11, 27, 20, 0), .soleTrader, (2026, 11, 30, 10, 0)),
        ((2026, 11, 28, 15, 0), .company, (2026, 11, 30, 8, 30)),
        // Across Christmas (Friday) and the weekend after.
        ((2026, 12, 24, 20, 0), .soleTrader, (2026, 12, 28, 10, 0)),
        // Across Ascension.
        ((2027, 5, 5, 19, 0), .company, (2027, 5, 7, 8, 30)),
        // Across a weekend, a clock change and Easter Monday.
        ((2027, 3, 26, 20, 0), .soleTrader, (2027, 3, 30, 10, 0)),
        // Across a weekend with the autumn clock change.
        ((2026, 10, 23, 19, 0), .company, (2026, 10, 26, 8, 30)),
    ])
    func nextCallableTime(
        from start: (Int, Int, Int, Int, Int), audience: CallingAudience, expected: (Int, Int, Int, Int, Int)
    ) {
        #expect(policy.nextCallableTime(after: paris(start), audience: audience) == paris(expected))
    }

    @Test func theNextCallableTimeKeepsTheSecondsOfACallableMoment() {
        let inside = paris(2026, 11, 26, 12, 59).addingTimeInterval(30)
        #expect(policy.nextCallableTime(after: inside, audience: .soleTrader) == inside)
        let outside = paris(2026, 11, 26, 9, 59).addingTimeInterval(30)
        #expect(policy.nextCallableTime(after: outside, audience: .soleTrader) == paris(2026, 11, 26, 10, 0))
    }

    @Test func aWindowWithoutHoursIsNeverOpen() {
        let closed = CallingWindow(hours: [])
        #expect(closed.nextCallableTime(after: paris(2026, 11, 26, 10, 0)) == .distantFuture)
    }

    @Test(arguments: [
        (2024, 3, 31), (2025, 4, 20), (2026, 4, 5), (2027, 3, 28), (2038, 4, 25), (2285, 3, 22), (1943, 4, 25),
    ])
    func easterSunday(year: Int, month: Int, day: Int) {
        let easter = FrenchPublicHolidays.easterSunday(year: year)
        #expect(easter.month == month && easter.day == day)
    }

    @Test func elevenPublicHolidays() {
        let days = FrenchPublicHolidays.holidays(year: 2027).map { "\($0.month)-\($0.day)" }
        #expect(
            days == ["1-1", "3-29", "5-1", "5-6", "5-8", "5-17", "7-14", "8-15", "11-1", "11-11", "12-25"])
        // Whit Monday in June, from a late Easter.
        #expect(FrenchPublicHolidays.contains(year: 2038, month: 6, day: 14))
        #expect(!FrenchPublicHolidays.contains(year: 2027, month: 12, day: 26))
    }

    @Test func theAudienceFollowsTheLegalFormAndThePhone() {
        #expect(CallingAudience.of(legalForm: "1000", personalMobile: false) == .soleTrader)
        #expect(CallingAudience.of(legalForm: "5710", personalMobile: false) == .company)
        #expect(CallingAudience.of(legalForm: nil, personalMobile: false) == .company)
        #expect(CallingAudience.of(legalForm: "5499", personalMobile: true) == .soleTrader)
    }

    // MARK: Recycling

    @Test func missedCallsComeBackAfterTheirDelayInsideTheWindow() throws {
        let call = paris(2026, 11, 26, 11, 0)
        #expect(
            try next(.noAnswer, 1, [call], call, .soleTrader) == .callAgain(at: paris(2026, 11, 26, 15, 0)))
        // Busy at 12:45: half an hour later is lunch, so 14:00.
        let busy = paris(2026, 11, 26, 12, 45)
        #expect(try next(.busy, 1, [busy], busy, .soleTrader) == .callAgain(at: paris(2026, 11, 26, 14, 0)))
        #expect(try next(.busy, 1, [busy], busy, .company) == .callAgain(at: paris(2026, 11, 26, 13, 15)))
        // Voicemail on a Friday: a day later is Saturday, so Monday, after the autumn clock change.
        let friday = paris(2026, 10, 23, 11, 0)
        #expect(
            try next(.voicemail, 1, [friday], friday, .company) == .callAgain(at: paris(2026, 10, 26, 8, 30)))
        #expect(try next(.contact, 1, [call], call, .company) == .callAgain(at: paris(2026, 11, 30, 8, 30)))
    }

    @Test func aDayIsTheSameTimeTomorrowAcrossAClockChange() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = CallingWindow.france
        let saturday = paris(2026, 10, 24, 10, 30)
        let due = RecycleRule(delay: 1, .days, maxAttempts: 4).due(after: saturday, calendar: calendar)
        #expect(due == paris(2026, 10, 25, 10, 30))
        #expect(due.timeIntervalSince(saturday) == 25 * 3600)
    }

    @Test func eachOutcomeHasItsMaximumOfAttempts() throws {
        let call = paris(2026, 11, 26, 11, 0)
        #expect(try next(.noAnswer, 5, [], call, .company) == .callAgain(at: paris(2026, 11, 26, 15, 0)))
        #expect(try next(.noAnswer, 6, [], call, .company) == .stop(.attemptsExhausted(.noAnswer, maxAttempts: 6)))
        #expect(try next(.busy, 7, [], call, .company) == .stop(.attemptsExhausted(.busy, maxAttempts: 6)))
        #expect(try next(.voicemail, 4, [], call, .company) == .stop(.attemptsExhausted(.voicemail, maxAttempts: 4)))
        #expect(try next(.contact, 3, [], call, .company) == .stop(.attemptsExhausted(.contact, maxAttempts: 3)))
    }

    @Test func soleTradersGetAtMostFourCallsInASlidingThirtyDays() throws {
        let now = paris(2026, 11, 26, 11, 0)
        let fourInWindow = [daysBefore(now, 20), daysBefore(now, 10), daysBefore(now, 5), now]
        // The call 20 days ago leaves the window in 10 days, a Sunday: Monday at opening.
        #expect(
            try next(.noAnswer, 4, fourInWindow, now, .soleTrader)
                == .rest(until: paris(2026, 12, 7, 10, 0), .attemptLimit(maxAttempts: 4, days: 30)))
        // Companies have no such limit.
        #expect(try next(.noAnswer, 4, fourInWindow, now, .company) == .callAgain(at: paris(2026, 11, 26, 15, 0)))
        // A call 31 days ago no longer counts.
        let oneOld = [daysBefore(now, 31), daysBefore(now, 10), daysBefore(now, 5), now]
        #expect(
            try next(.noAnswer, 4, oneOld, now, .soleTrader) == .callAgain(at: paris(2026, 11, 26, 15, 0)))
        // The window slides: with the oldest at 29 days, one more call is allowed tomorrow.
        let oldest29 = [daysBefore(now, 29), daysBefore(now, 28), daysBefore(now, 1), now]
        #expect(
            try next(.noAnswer, 4, oldest29, now, .soleTrader)
                == .rest(until: paris(2026, 11, 27, 11, 0), .attemptLimit(maxAttempts: 4, days: 30)))
        // A delay longer than the rest is kept as it is.
        #expect(
            try next(.voicemail, 1, oldest29, now, .soleTrader) == .callAgain(at: paris(2026, 11, 27, 11, 0)))
        let threeDays = [daysBefore(now, 2), daysBefore(now, 1), daysBefore(now, 1), now]
        #expect(
            try next(.voicemail, 1, threeDays, now, .soleTrader)
                == .rest(until: paris(2026, 12, 24, 11, 0), .attemptLimit(maxAttempts: 4, days: 30)))
        // Exactly 30 days ago is out of the window; the order of the list does not matter.
        #expect(
            policy.attemptLimitFreesUp(
                attempts: [now, daysBefore(now, 30), daysBefore(now, 3), daysBefore(now, 4)], at: now,
                audience: .soleTrader) == nil)
        #expect(
            policy.attemptLimitFreesUp(
                attempts: [now, daysBefore(now, 29), daysBefore(now, 3), daysBefore(now, 4)], at: now,
                audience: .soleTrader) == daysBefore(now, -1))
    }

    @Test func aRefusalRestsSixtyDaysForEveryone() throws {
        let call = paris(2026, 11, 26, 11, 0)
        for audience in CallingAudience.allCases {
            #expect(
                try next(.notInterested, 1, [call], call, audience)
                    == .rest(until: paris(2027, 1, 25, 11, 0), .refusal(days: 60)))
        }
        // Sixty days after a Tuesday is a Saturday: the rest ends at Monday's opening.
        let tuesday = paris(2026, 12, 1, 11, 0)
        #expect(
            try next(.notInterested, 1, [tuesday], tuesday, .soleTrader)
                == .rest(until: paris(2027, 2, 1, 10, 0), .refusal(days: 60)))
    }

    @Test func finalOutcomesAreNeverRecycled() throws {
        let call = paris(2026, 11, 26, 11, 0)
        for d in [Disposition.wrongNumber, .interested, .doNotCall] {
            for audience in CallingAudience.allCases {
                #expect(try next(d, 0, [], call, audience) == .stop(.finalOutcome(d)))
                #expect(try next(d, 1, [call], call, audience) == .stop(.finalOutcome(d)))
            }
        }
    }

    @Test func aCallbackIsDueWhenTheProspectSaid() throws {
        let call = paris(2026, 11, 26, 11, 0)
        let saturday = paris(2026, 11, 28, 9, 0)
        let full = [daysBefore(call, 3), daysBefore(call, 2), daysBefore(call, 1), call]
        #expect(
            try policy.nextAttempt(
                after: .callback, attemptsSoFar: 4, attemptsInWindow: full, at: call, audience: .soleTrader,
                followUp: saturday) == .callAgain(at: saturday))
        #expect(throws: CallingPolicyError.followUpDateMissing) {
            try next(.callback, 1, [call], call, .company)
        }
        #expect(throws: CallingPolicyError.followUpDateNotAfterCall(followUp: call, call: call)) {
            try policy.nextAttempt(
                after: .callback, attemptsSoFar: 1, attemptsInWindow: [call], at: call, audience: .company,
                followUp: call)
        }
    }

    @Test func theConfigurationMovesTheRules() throws {
        var settings = CallingSettings()
        settings.soleTraderMaxAttempts = 2
        settings.soleTraderAttemptDays = 7
        settings.restAfterRefusalDays = 90
        settings.dispositions = try DispositionCatalog(
            recycle: [.busy: nil, .noAnswer: RecycleRule(delay: 1, .days, maxAttempts: 2)])
        let custom = CallingPolicy(settings: settings)
        let call = paris(2026, 11, 26, 11, 0)
        let two = [daysBefore(call, 2), call]
        #expect(
            try custom.nextAttempt(
                after: .noAnswer, attemptsSoFar: 1, attemptsInWindow: two, at: call, audience: .soleTrader)
                == .rest(until: paris(2026, 12, 1, 11, 0), .attemptLimit(maxAttempts: 2, days: 7)))
        #expect(
            try custom.nextAttempt(
                after: .noAnswer, attemptsSoFar: 2, attemptsInWindow: two, at: call, audience: .company)
                == .stop(.attemptsExhausted(.noAnswer, maxAttempts: 2)))
        #expect(
            try custom.nextAttempt(
                after: .busy, attemptsSoFar: 1, attemptsInWindow: [call], at: call, audience: .company)
                == .stop(.notRecycled(.busy)))
        #expect(
            try custom.nextAttempt(
                after: .notInterested, attemptsSoFar: 1, attemptsInWindow: [call], at: call, audience: .company)
                == .rest(until: paris(2027, 2, 24, 11, 0), .refusal(days: 90)))
    }

    @Test func decisionsSayWhy() {
        #expect(
            RecycleDecision.stop(.finalOutcome(.wrongNumber)).description == "Faux numéro: no more calls")
        #expect(
            RecycleDecision.rest(until: paris(2027, 1, 25, 11, 0), .refusal(days: 60)).description
                .hasPrefix("refused: 60 days' rest; rest until"))
        #expect(CallingPolicyError.followUpDateMissing.description.contains("ask the prospect when to call back"))
    }

    // MARK: Helpers

    private func next(
        _ disposition: Disposition, _ attemptsSoFar: Int, _ attempts: [Date], _ at: Date,
        _ audience: CallingAudience
    ) throws -> RecycleDecision {
        try policy.nextAttempt(
            after: disposition, attemptsSoFar: attemptsSoFar, attemptsInWindow: attempts, at: at, audience: audience)
    }

    private func daysBefore(_ date: Date, _ days: Int) -> Date {
        Self.calendar.date(byAdding: .day, value: -days, to: date)!
    }

    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Paris")!
        return calendar
    }()

    private func paris(_ t: (Int, Int, Int, Int, Int)) -> Date { paris(t.0, t.1, t.2, t.3, t.4) }

    private func paris(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int) -> Date {
        Self.calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute))!
    }

    private func utc(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute))!
    }
}
