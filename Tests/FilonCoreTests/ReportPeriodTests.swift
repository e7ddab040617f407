import FilonCore
import Foundation
import Testing

/// Whole local days in Paris, whatever the season.
@Suite struct ReportPeriodTests {
    @Test func daysStartAtMidnightInParisInWinterAndSummer() throws {
        let winter = try ReportPeriod(since: CalendarDay("2026-12-01")!, until: CalendarDay("2026-12-01")!)
        #expect(Timestamp.string(winter.start) == "2026-11-30T23:00:00Z")
        #expect(Timestamp.string(winter.end) == "2026-12-01T23:00:00Z")
        let summer = try ReportPeriod(since: CalendarDay("2026-07-14")!, until: CalendarDay("2026-07-15")!)
        #expect(Timestamp.string(summer.start) == "2026-07-13T22:00:00Z")
        #expect(Timestamp.string(summer.end) == "2026-07-15T22:00:00Z")
        // The spring change: 29 March 2026 has 23 hours.
        let spring = try ReportPeriod(since: CalendarDay("2026-03-29")!, until: CalendarDay("2026-03-29")!)
        #expect(spring.end.timeIntervalSince(spring.start) == 23 * 3600)
        #expect(spring.days.map(\.text) == ["2026-03-29"])
    }

    @Test func theLocalDayOfAnInstant() {
        // 23:30 UTC on 30 November is 00:30 on 1 December in Paris.
        #expect(ReportPeriod.localDay(of: Timestamp.date("2026-11-30T23:30:00Z")!).text == "2026-12-01")
        #expect(ReportPeriod.localDay(of: Timestamp.date("2026-11-30T22:59:59Z")!).text == "2026-11-30")
        #expect(ReportPeriod.localDay(of: Timestamp.date("2026-06-30T22:00:00Z")!).text == "2026-07-01")
    }

    @Test func theLastDaysEndToday() {
        let now = Timestamp.date("2026-12-01T09:30:00Z")!
        let period = ReportPeriod.last(30, endingAt: now, user: "tina")
        #expect(period.since.text == "2026-11-02")
        #expect(period.until.text == "2026-12-01")
        #expect(period.days.count == 30)
        #expect(period.user == "tina")
    }

    @Test func aReversedOrEndlessPeriodIsRefused() {
        #expect(throws: ReportError.reversedPeriod(since: "2026-12-02", until: "2026-12-01")) {
            try ReportPeriod(since: CalendarDay("2026-12-02")!, until: CalendarDay("2026-12-01")!)
        }
        #expect(throws: ReportError.periodTooLong(days: 3661, maximum: 3660)) {
            try ReportPeriod(since: CalendarDay("2026-12-01")! + -3660, until: CalendarDay("2026-12-01")!)
        }
    }

    @Test func itIsCodedWithItsDaysAsText() throws {
        let period = try ReportPeriod(
            since: CalendarDay("2026-11-25")!, until: CalendarDay("2026-12-01")!, user: "theo")
        let json = String(decoding: try JSONEncoder().encode(period), as: UTF8.self)
        #expect(json.contains("\"since\":\"2026-11-25\"") && json.contains("\"until\":\"2026-12-01\""))
        #expect(try JSONDecoder().decode(ReportPeriod.self, from: Data(json.utf8)) == period)
    }
}
