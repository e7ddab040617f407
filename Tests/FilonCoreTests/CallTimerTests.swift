import FilonCore
import Foundation
import Testing

/// A call's length, as the screen shows it and the timeline records it.
@Suite struct CallTimerTests {
    let start = Date(timeIntervalSince1970: 1_796_117_400)

    @Test func elapsedInWholeSecondsNeverNegative() {
        let timer = CallTimer(startedAt: start)
        #expect(timer.elapsed(now: start) == 0)
        #expect(timer.elapsed(now: start.addingTimeInterval(155.9)) == 155)
        #expect(timer.elapsed(now: start.addingTimeInterval(-30)) == 0)
    }

    @Test(arguments: [
        (0, "00:00"), (7, "00:07"), (155, "02:35"), (599, "09:59"), (3599, "59:59"), (3600, "1:00:00"),
        (3723, "1:02:03"), (36_000, "10:00:00"), (-5, "00:00"),
    ])
    func formattedAsMinutesAndSeconds(seconds: Int, text: String) {
        #expect(CallTimer.format(seconds: seconds) == text)
        #expect(CallTimer(startedAt: start).formatted(now: start.addingTimeInterval(Double(seconds))) == text)
    }
}
