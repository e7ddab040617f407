/// `[calling]`: calling windows, attempt limits and the recycling of call outcomes. The defaults
/// apply the consumer rules to sole traders and personal mobiles (research R2).
public struct CallingSettings: Sendable, Equatable {
    /// `company_hours`
    public var companyHours = CallingHours.companyDefault
    /// `sole_trader_hours`: also for anyone on a personal mobile.
    public var soleTraderHours = CallingHours.soleTraderDefault
    /// `skip_public_holidays`
    public var skipPublicHolidays = true
    /// `sole_trader_max_attempts` calls in `sole_trader_attempt_days` days.
    public var soleTraderMaxAttempts = AttemptLimit.soleTraderDefault.maxAttempts
    public var soleTraderAttemptDays = AttemptLimit.soleTraderDefault.days
    /// `rest_after_refusal_days`
    public var restAfterRefusalDays = 60
    /// `untreated_days`: an assigned prospect nobody acted on for this long raises an alert.
    public var untreatedDays = 3
    /// `share_callbacks_after_hours`: an overdue personal callback becomes shared after this long,
    /// so a colleague makes it.
    public var shareCallbacksAfterHours = 24
    /// `keys` and `recycle`, applied over the defaults.
    public var dispositions = DispositionCatalog()
    /// `dial_command`: the SIP client's program then its arguments, run without a shell, where
    /// `{phone}` becomes the number in E.164 (`+33612345678`) and `{national}` its national form
    /// (`0612345678`): `dial_command = ["linphonecsh", "dial", "{phone}"]`. One string is split on
    /// whitespace (`dial_command = "linphonecsh dial {phone}"`, no quoting). Absent or empty: no
    /// dial command, the screen only shows the number.
    public var dialCommand: DialCommand?

    public init() {}
}
