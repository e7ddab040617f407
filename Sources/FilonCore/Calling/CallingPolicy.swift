import Foundation

/// The calling rules: when each audience may be called, how many calls it may get, and what a
/// call's outcome means for the next one. Pure: time comes in as arguments.
public struct CallingPolicy: Sendable, Equatable {
    public var companyWindow: CallingWindow
    public var soleTraderWindow: CallingWindow
    /// nil: no limit beyond each outcome's own maximum.
    public var companyAttemptLimit: AttemptLimit?
    public var soleTraderAttemptLimit: AttemptLimit?
    /// Applies to every audience: the GDPR's right to object outlives the B2B exemption.
    public var restAfterRefusalDays: Int
    public var dispositions: DispositionCatalog
    private let calendar: Calendar

    public init(settings: CallingSettings = CallingSettings(), timeZone: TimeZone = CallingWindow.france) {
        companyWindow = CallingWindow(
            hours: settings.companyHours, skipsPublicHolidays: settings.skipPublicHolidays, timeZone: timeZone)
        soleTraderWindow = CallingWindow(
            hours: settings.soleTraderHours, skipsPublicHolidays: settings.skipPublicHolidays, timeZone: timeZone)
        companyAttemptLimit = nil
        soleTraderAttemptLimit = AttemptLimit(
            maxAttempts: settings.soleTraderMaxAttempts, days: settings.soleTraderAttemptDays)
        restAfterRefusalDays = settings.restAfterRefusalDays
        dispositions = settings.dispositions
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
    }

    public func window(for audience: CallingAudience) -> CallingWindow {
        switch audience {
        case .company: return companyWindow
        case .soleTrader: return soleTraderWindow
        }
    }

    public func attemptLimit(for audience: CallingAudience) -> AttemptLimit? {
        switch audience {
        case .company: return companyAttemptLimit
        case .soleTrader: return soleTraderAttemptLimit
        }
    }

    public func isCallable(at date: Date, audience: CallingAudience) -> Bool {
        window(for: audience).isCallable(at: date)
    }

    /// The earliest callable moment not before `date` (`date` itself when callable).
    public func nextCallableTime(after date: Date, audience: CallingAudience) -> Date {
        window(for: audience).nextCallableTime(after: date)
    }

    /// nil when the attempt limit allows one more call at `date`, else when it will. For the
    /// queue, before it hands out a prospect that has been called already.
    public func attemptLimitFreesUp(attempts: [Date], at date: Date, audience: CallingAudience) -> Date? {
        attemptLimit(for: audience)?.freesUp(attempts: attempts, at: date, calendar: calendar)
    }

    /// What follows a call that ended at `date` with `disposition`.
    ///
    /// - `attemptsSoFar`: the calls counted against the outcome's maximum (since the prospect's
    ///   last reset, as VICIdial counts), the one just ended included.
    /// - `attemptsInWindow`: when the prospect was called, the one just ended included; calls
    ///   older than the attempt limit's window are ignored.
    /// - `followUp`: the date the prospect gave, required for a callback. It is kept as given,
    ///   outside the hours and the attempt limit: the prospect asked for that call.
    public func nextAttempt(
        after disposition: Disposition, attemptsSoFar: Int, attemptsInWindow: [Date], at date: Date,
        audience: CallingAudience, followUp: Date? = nil
    ) throws(CallingPolicyError) -> RecycleDecision {
        switch disposition {
        case .callback:
            guard let followUp else { throw .followUpDateMissing }
            guard followUp > date else { throw .followUpDateNotAfterCall(followUp: followUp, call: date) }
            return .callAgain(at: followUp)
        case .notInterested:
            let end = calendar.date(byAdding: .day, value: restAfterRefusalDays, to: date) ?? .distantFuture
            return .rest(
                until: nextCallableTime(after: end, audience: audience), .refusal(days: restAfterRefusalDays))
        case .interested, .doNotCall, .wrongNumber:
            return .stop(.finalOutcome(disposition))
        case .noAnswer, .voicemail, .busy, .contact:
            guard let rule = dispositions.recycleRule(for: disposition) else {
                return .stop(.notRecycled(disposition))
            }
            guard attemptsSoFar < rule.maxAttempts else {
                return .stop(.attemptsExhausted(disposition, maxAttempts: rule.maxAttempts))
            }
            let due = rule.due(after: date, calendar: calendar)
            if let limit = attemptLimit(for: audience),
                let freed = limit.freesUp(attempts: attemptsInWindow, at: date, calendar: calendar), freed > due
            {
                return .rest(
                    until: nextCallableTime(after: freed, audience: audience),
                    .attemptLimit(maxAttempts: limit.maxAttempts, days: limit.days))
            }
            return .callAgain(at: nextCallableTime(after: due, audience: audience))
        }
    }
}
