import Foundation
import Testing

@testable import FilonCore

@Suite struct ScheduleTests {
    @Test(arguments: [
        ("every 30 minutes", Schedule.every(minutes: 30)),
        ("every 1 minute", .every(minutes: 1)),
        ("every 2 hours", .every(minutes: 120)),
        ("  Every   1   HOUR ", .every(minutes: 60)),
        ("daily at 03:00", .daily(hour: 3, minute: 0)),
        ("daily at 3:05", .daily(hour: 3, minute: 5)),
        ("DAILY  at 23:59", .daily(hour: 23, minute: 59)),
    ])
    func parsesWhatTheSettingsAllow(text: String, expected: Schedule) {
        #expect(Schedule.parse(text) == expected)
        #expect(Schedule.parse(expected.description) == expected)
    }

    @Test(arguments: [
        "", "every", "every 5", "every 0 minutes", "every -5 minutes", "every +5 minutes", "every five minutes",
        "every 5 days", "every 5 minutes please", "daily", "daily 03:00", "daily at 24:00", "daily at 3:60",
        "daily at 3:5", "daily at 03h00", "daily at 003:00", "weekly at 03:00", "hourly",
    ])
    func rejectsAnythingElse(text: String) {
        #expect(Schedule.parse(text) == nil)
    }

    @Test func everyNMinutesCountsFromTheLastStart() {
        let schedule = Schedule.every(minutes: 30)
        let now = paris(2026, 11, 26, 10, 0)
        #expect(schedule.nextRun(after: now, lastStart: nil, timeZone: Self.paris) == now)
        #expect(
            schedule.nextRun(after: now, lastStart: paris(2026, 11, 26, 9, 50), timeZone: Self.paris)
                == paris(2026, 11, 26, 10, 20))
        // A pass that outlasted the period is followed at once.
        #expect(schedule.nextRun(after: now, lastStart: paris(2026, 11, 26, 9, 0), timeZone: Self.paris) == now)
        // Across midnight.
        #expect(
            schedule.nextRun(
                after: paris(2026, 12, 31, 23, 55), lastStart: paris(2026, 12, 31, 23, 50), timeZone: Self.paris)
                == paris(2027, 1, 1, 0, 20))
    }

    @Test func dailyIsTheNextTimeOfDayStrictlyAfterNow() {
        let schedule = Schedule.daily(hour: 3, minute: 0)
        #expect(
            schedule.nextRun(after: paris(2026, 11, 26, 2, 59), lastStart: nil, timeZone: Self.paris)
                == paris(2026, 11, 26, 3, 0))
        #expect(
            schedule.nextRun(after: paris(2026, 11, 26, 3, 0), lastStart: nil, timeZone: Self.paris)
                == paris(2026, 11, 27, 3, 0))
        // Across midnight and into a new year.
        #expect(
            schedule.nextRun(after: paris(2026, 12, 31, 23, 30), lastStart: nil, timeZone: Self.paris)
                == paris(2027, 1, 1, 3, 0))
        // The time zone decides: 03:00 UTC is 04:00 in Paris in winter.
        #expect(
            schedule.nextRun(after: paris(2026, 11, 26, 2, 30), lastStart: nil, timeZone: Self.utc)
                == paris(2026, 11, 26, 4, 0))
        // Daily ignores the last start: a pass run by hand does not push the night's pass.
        #expect(
            schedule.nextRun(
                after: paris(2026, 11, 26, 1, 0), lastStart: paris(2026, 11, 26, 0, 59), timeZone: Self.paris)
                == paris(2026, 11, 26, 3, 0))
    }

    @Test func dailyOnASkippedTimeRunsRightAfterTheGap() {
        // On 2026-03-29 Paris goes from 02:00 straight to 03:00.
        let next = Schedule.daily(hour: 2, minute: 30).nextRun(
            after: paris(2026, 3, 29, 1, 0), lastStart: nil, timeZone: Self.paris)
        #expect(next == paris(2026, 3, 29, 3, 0))
    }

    @Test func configReadsTheDaemonSchedule() throws {
        #expect(FilonConfig().daemon.schedule == .every(minutes: 60))
        let config = try FilonConfig.parse("[daemon]\nschedule = \"daily at 03:00\"\n", path: "filon.toml")
        #expect(config.daemon.schedule == .daily(hour: 3, minute: 0))
    }

    @Test(arguments: [
        (
            "[daemon]\nschedule = \"weekly\"\n",
            "filon.toml: daemon.schedule must be \"every N minutes\" or \"daily at HH:MM\", not \"weekly\""
        ),
        ("[daemon]\nschedule = 30\n", "filon.toml: daemon.schedule must be a string in quotes"),
        ("[daemon]\nscheduel = \"every 5 minutes\"\n", "filon.toml: unknown setting daemon.scheduel"),
        ("[deamon]\n", "filon.toml: unknown setting deamon; expected one of: calling, daemon, import"),
    ])
    func configRejectsABadScheduleNamingTheKey(text: String, message: String) {
        #expect {
            try FilonConfig.parse(text, path: "filon.toml")
        } throws: { error in
            "\(error)".hasPrefix(message)
        }
    }

    static let paris = TimeZone(identifier: "Europe/Paris")!
    static let utc = TimeZone(identifier: "UTC")!

    private func paris(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = Self.paris
        return calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute))!
    }
}
