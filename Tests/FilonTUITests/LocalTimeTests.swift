import FilonCore
import Foundation
import Testing

@testable import FilonTUI

/// Dates as operators type and read them: French local time.
@Suite("Local dates")
struct LocalTimeTests {
    let now = TestData.tuesday  // Tuesday 1 December 2026, 10:30 in Paris

    func stored(_ text: String) -> String? {
        LocalTime.parse(text, now: now).map(Timestamp.string)
    }

    @Test("typed dates, with or without a time or a year; 9:00 when no time is given")
    func parsing() {
        #expect(stored("2026-12-03 14:30") == "2026-12-03T13:30:00Z")
        #expect(stored("2026-12-03T14:30") == "2026-12-03T13:30:00Z")
        #expect(stored("2026-12-03") == "2026-12-03T08:00:00Z")
        #expect(stored("03/12 14h30") == "2026-12-03T13:30:00Z")
        #expect(stored("03/12/2026 9h") == "2026-12-03T08:00:00Z")
        #expect(stored("03/12/27") == "2027-12-03T08:00:00Z")
        #expect(stored("16:00") == "2026-12-01T15:00:00Z")
        // A day already past this year means next year's.
        #expect(stored("15/01") == "2027-01-15T08:00:00Z")
        // Summer time.
        #expect(stored("2027-07-01 10:00") == "2027-07-01T08:00:00Z")
        for bad in ["", "demain", "32/12", "31/02", "2026-13-01", "25:00", "12:61", "1/2/3/4", "10:00 11:00"] {
            #expect(stored(bad) == nil, "\(bad)")
        }
    }

    @Test("the quick choices: tomorrow 9:00, in 3 days, next Monday")
    func choices() {
        let choices = DateChoice.choices(now: now)
        #expect(
            choices.map(\.label) == [
                "tomorrow 9:00 (02/12 09:00)", "in 3 days (04/12 09:00)", "next week (Monday 07/12 09:00)",
                "type a date…",
            ])
        #expect(
            choices.compactMap(\.date).map(Timestamp.string) == [
                "2026-12-02T08:00:00Z", "2026-12-04T08:00:00Z", "2026-12-07T08:00:00Z",
            ])
        // From a Monday, next week is a week later; from a Sunday, the next day.
        let monday = Date(timeIntervalSince1970: 1_796_117_400 + 6 * 86_400)
        #expect(DateChoice.choices(now: monday)[2].date.map(Timestamp.string) == "2026-12-14T08:00:00Z")
        let sunday = Date(timeIntervalSince1970: 1_796_117_400 + 5 * 86_400)
        #expect(DateChoice.choices(now: sunday)[2].date.map(Timestamp.string) == "2026-12-07T08:00:00Z")
    }

    @Test("dates shown: the time alone today, the day and month otherwise, the year when it differs")
    func display() {
        #expect(LocalTime.compact(now.addingTimeInterval(3600), now: now) == "11:30")
        #expect(LocalTime.compact(now.addingTimeInterval(86_400), now: now) == "02/12 10:30")
        #expect(LocalTime.short(now.addingTimeInterval(40 * 86_400), now: now) == "10/01/2027 10:30")
        #expect(LocalTime.short(stored: "2026-11-30T10:00:00Z", now: now) == "30/11 11:00")
        #expect(LocalTime.short(stored: "not a date", now: now) == "not a date")
    }
}
