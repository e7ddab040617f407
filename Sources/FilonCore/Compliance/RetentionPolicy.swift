import Foundation
import GRDB

/// How long prospect data is kept (RGPD R6, CNIL): three years from the last contact that came
/// from the prospect. What counts as such a contact is decided here and nowhere else.
///
/// - The clock is `prospect.last_inbound_contact_at`: a call whose outcome is in
///   `inboundDispositions` (set by the v12 trigger `activity_inbound_call`, whoever records the
///   call), or a contact recorded with `recordInbound` (a reply to an email, a call from them).
/// - A prospect never heard from runs from its first contact (a call or a sent email), else from
///   the creation of its prospect row.
/// - Enrichment and registry refreshes never move it: the CNIL fined Kaspr for extending
///   retention at each data update.
/// - Customers (`client`) are out of the purge: their retention is the relationship plus three
///   years, and the relationship's end is not recorded; when it ends, set another status and the
///   clock applies from the last contact.
public struct RetentionPolicy: Sendable, Equatable {
    /// The CNIL's three years. A constant rather than a setting: a longer period needs a
    /// documented reason, not a configuration key.
    public static let defaultYears = 3

    /// Outcomes where the prospect engaged: they talked, asked to be called back, or showed
    /// interest. A refusal (`not_interested`, `do_not_call`) is not a wish to stay in the file,
    /// and an unanswered call says nothing. The v12 trigger lists the same values
    /// (`RetentionPolicyTests` checks that they agree).
    public static let inboundDispositions: [Disposition] = [.contact, .callback, .interested]

    public var years: Int

    public init(years: Int = defaultYears) {
        self.years = max(1, years)
    }

    /// Prospects whose clock is before this are due for the purge.
    public func cutoff(now: Date) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(byAdding: .year, value: -years, to: now) ?? now
    }

    /// Records a contact that came from the prospect: moves the retention clock forward (never
    /// back) and leaves an `activity` row (kind `other`, new value `inbound`) in the history.
    ///
    /// - throws: `ContactRecordError.unknownProspect`, `.futureDate`; the owner-or-admin rule's
    ///   `ActionError`s (a note on a "ne plus contacter" prospect is allowed: they wrote to us).
    public static func recordInbound(
        siren: Int, channel: InboundChannel, userID: Int, at date: Date, note: String? = nil, now: Date = Date(),
        _ db: Database
    ) throws {
        try ContactRecord.check(siren: siren, at: date, now: now, db)
        _ = try ProspectActions(userID: userID, now: now).authorize(
            siren, expectedVersion: nil, allowDoNotContact: true, db)
        let stamp = Timestamp.string(date)
        try db.execute(
            sql: """
                UPDATE prospect SET last_inbound_contact_at = ?
                WHERE siren = ? AND (last_inbound_contact_at IS NULL OR last_inbound_contact_at < ?)
                """, arguments: [stamp, siren, stamp])
        let detail = ["inbound \(channel.rawValue)", note?.trimmingCharacters(in: .whitespacesAndNewlines)]
            .compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
        try db.execute(
            sql: """
                INSERT INTO activity (siren, user_id, kind, new_value, detail, created_at)
                VALUES (?, ?, 'other', 'inbound', ?, ?)
                """, arguments: [siren, userID, detail, stamp])
    }

    /// The retention clock of each prospect, as SQL over `prospect p`: the last inbound contact,
    /// else the first call or sent email, else the row's creation.
    static let clock = """
        COALESCE(p.last_inbound_contact_at,
          (SELECT MIN(a.created_at) FROM activity a WHERE a.siren = p.siren
             AND (a.kind = 'call' OR (a.kind = 'email' AND a.new_value = 'sent'))),
          p.created_at)
        """

    /// Prospects past their retention at `now`, oldest clock first, with their clock. Customers
    /// are left out. Reads every prospect row: a nightly or on-demand job, not a screen's query.
    public func expired(now: Date, _ db: Database) throws -> [(siren: Int, clock: String)] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT siren, clock FROM (SELECT p.siren, \(Self.clock) AS clock FROM prospect p
                  WHERE p.pipeline_status <> 'client')
                WHERE clock < ? ORDER BY clock, siren
                """, arguments: [Timestamp.string(cutoff(now: now))]
        ).map { ($0["siren"], $0["clock"]) }
    }
}
