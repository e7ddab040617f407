import Foundation

/// How a connection waits for another process's write lock. SQLite's own busy timeout sleeps
/// longer and longer between tries (up to 100 ms), so a newcomer, trying every few milliseconds,
/// takes the lock before an operator who has waited for seconds: with 20 operators and the daemon
/// writing, some waited past 10 s and saw "database is locked" (filon-bench load, 1 M companies).
/// Short random sleeps keep the waiters on an equal footing; the budget stays about ten seconds.
enum BusyRetry {
    /// Tries before giving up: at 1–5 ms a try, about ten seconds.
    static let maxTries = 3000

    /// SQLite's busy handler: sleeps a little and says whether to try again.
    @Sendable static func waitAndRetry(numberOfTries: Int) -> Bool {
        guard numberOfTries < maxTries else { return false }
        // The first tries are quick: most locks are held for a millisecond or two.
        let milliseconds = numberOfTries < 4 ? 1 : Int.random(in: 1...5)
        usleep(useconds_t(milliseconds * 1000))
        return true
    }
}
