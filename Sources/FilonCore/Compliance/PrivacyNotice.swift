import Foundation
import GRDB

/// The article 14 notice (RGPD R3): data taken from Sirene, BODACC or providers was not
/// collected from the person, who must be told who we are, why, from where, for how long and how
/// to object, at the latest at the first contact. Each notice given is a `privacy_notice` row
/// (channel, text version, time, user), the proof the CNIL asks for.
public struct PrivacyNotice: Sendable, Equatable {
    /// The notice's text version recorded for a call, an SMS or a letter. Change it when the
    /// text changes, so that each proof says which text was given. An email records the URL it
    /// linked instead, which names its own version.
    public static let currentVersion = "2026-11"

    public var id: Int
    public var siren: Int
    public var channel: NoticeChannel
    public var version: String
    public var notifiedAt: String
    /// Who was told (an address, a name), when known.
    public var recipient: String?
    /// The user's login; nil for the daemon or a user since removed.
    public var by: String?

    public init(
        id: Int, siren: Int, channel: NoticeChannel, version: String, notifiedAt: String, recipient: String?,
        by: String?
    ) {
        self.id = id
        self.siren = siren
        self.channel = channel
        self.version = version
        self.notifiedAt = notifiedAt
        self.recipient = recipient
        self.by = by
    }

    /// Records that the notice was given. A call's notice needs the same right as recording the
    /// call (its owner, an admin, or whoever the queue handed it to); the outbox's needs none:
    /// the message was already allowed when it was queued.
    ///
    /// - throws: `ContactRecordError.unknownProspect`, `.futureDate`; for a user,
    ///   `Permissions.requireCaller`'s errors.
    @discardableResult
    public static func record(
        siren: Int, channel: NoticeChannel, userID: Int?, at date: Date, now: Date = Date(),
        version: String = currentVersion, recipient: String? = nil, outboxID: Int? = nil, _ db: Database
    ) throws -> Int {
        try ContactRecord.check(siren: siren, at: date, now: now, db)
        if let userID { try Permissions.requireCaller(siren: siren, userID: userID, at: now, db) }
        return try insert(
            siren: siren, channel: channel, userID: userID, at: date, version: version, recipient: recipient,
            outboxID: outboxID, db)
    }

    /// The row alone, for callers that checked already (the outbox, when the server took a
    /// message the rules let through at queueing and at claiming).
    @discardableResult
    static func insert(
        siren: Int, channel: NoticeChannel, userID: Int?, at date: Date, version: String, recipient: String?,
        outboxID: Int?, _ db: Database
    ) throws -> Int {
        try db.execute(
            sql: """
                INSERT INTO privacy_notice (siren, recipient, channel, notice_version, notified_at, user_id, outbox_id)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [siren, recipient, channel.rawValue, version, Timestamp.string(date), userID, outboxID])
        return Int(db.lastInsertedRowID)
    }

    /// Whether a notice was given to the prospect at `date` or before.
    public static func isInformed(siren: Int, at date: Date, _ db: Database) throws -> Bool {
        try Bool.fetchOne(
            db, sql: "SELECT EXISTS (SELECT 1 FROM privacy_notice WHERE siren = ? AND notified_at <= ?)",
            arguments: [siren, Timestamp.string(date)]) ?? false
    }

    /// The notices given to the prospect, oldest first.
    public static func all(siren: Int, _ db: Database) throws -> [PrivacyNotice] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT n.id, n.siren, n.channel, n.notice_version, n.notified_at, n.recipient, u.login
                FROM privacy_notice n LEFT JOIN user u ON u.id = n.user_id WHERE n.siren = ?
                ORDER BY n.notified_at, n.id
                """, arguments: [siren]
        ).map {
            PrivacyNotice(
                id: $0["id"], siren: $0["siren"], channel: NoticeChannel(rawValue: $0["channel"]) ?? .letter,
                version: $0["notice_version"], notifiedAt: $0["notified_at"], recipient: $0["recipient"],
                by: $0["login"])
        }
    }
}
