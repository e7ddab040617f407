import Foundation
import GRDB

/// Each operator's call queue, after VICIdial's hopper: due personal callbacks, then due shared
/// callbacks, then recycled outcomes whose delay has passed, then fresh prospects by tier and
/// score (least attempted first on ties). Only prospects callable now are served (calling windows
/// by audience); a prospect is reserved by one operator at a time, atomically, because SQLite
/// runs one writer at a time whatever the number of processes.
public struct CallQueue: Sendable {
    public let policy: CallingPolicy
    public let now: Date
    /// How long a served prospect stays reserved for its operator without an outcome.
    public var holdMinutes = 15

    public init(policy: CallingPolicy, now: Date = Date()) {
        self.policy = policy
        self.now = now
    }

    var stamp: String { Timestamp.string(now) }

    /// What the queue may serve. A sole trader whose Sirene status turned to partial diffusion
    /// (A123-96: a person's opposition, R4) leaves it even when assigned before the change.
    static let workable = """
        p.archived_at IS NULL AND p.do_not_contact = 0 AND c.state = 'A'
          AND NOT (c.diffusion = 'P' AND c.legal_form IS '1000')
          AND p.pipeline_status IN (\(AssignmentEngine.openStatuses))
          AND NOT \(SuppressionList.callBlockedSQL(siren: "p.siren"))
        """

    /// The queue of `userID`, in order, without reserving anything (what the TUI lists).
    /// A disabled (or unknown) user has none: they may not call anyone.
    public func items(for userID: Int, limit: Int, _ db: Database) throws -> [QueueItem] {
        guard try Bool.fetchOne(db, sql: "SELECT active FROM user WHERE id = ?", arguments: [userID]) == true else {
            return []
        }
        var items: [QueueItem] = []
        var seen = Set<Int>()
        for (reason, sql) in queries {
            for row in try Row.fetchAll(db, sql: sql, arguments: [userID, stamp, stamp, userID, limit]) {
                let siren: Int = row["siren"]
                guard !seen.contains(siren) else { continue }
                let audience = CallingAudience.of(legalForm: row["legal_form"], personalMobile: false)
                guard reason.isCallback || policy.isCallable(at: now, audience: audience) else { continue }
                seen.insert(siren)
                items.append(
                    QueueItem(
                        siren: siren, name: row["name"], reason: reason, dueAt: row["due_at"], tier: row["tier"],
                        score: row["score"] ?? 0, attempts: row["attempts"] ?? 0))
                if items.count >= limit { return items }
            }
        }
        return items
    }

    /// Reserves the first prospect of the queue for `userID` and returns it; nil when nothing is
    /// due. Call inside a write transaction: two operators never get the same prospect.
    public func reserveNext(for userID: Int, _ db: Database) throws -> QueueItem? {
        let until = Timestamp.string(now.addingTimeInterval(Double(holdMinutes) * 60))
        for item in try items(for: userID, limit: 50, db) {
            try db.execute(
                sql: """
                    UPDATE prospect SET reserved_by = ?, reserved_until = ?
                    WHERE siren = ? AND (reserved_by IS NULL OR reserved_by = ? OR reserved_until <= ?)
                    """, arguments: [userID, until, item.siren, userID, stamp])
            if db.changesCount == 1 { return item }
        }
        return nil
    }

    /// Records a call's outcome: the call in the timeline (with how long it lasted, when timed),
    /// the new pipeline status, the attempt count, when the queue may serve the prospect again, a
    /// callback, and the reservation released. Refused (`ActionError`) for a disabled user and for
    /// someone else's prospect, unless the queue reserved it for them or it has a shared callback
    /// (`Permissions.requireCaller`).
    @discardableResult
    public func record(
        _ disposition: Disposition, siren: Int, by userID: Int, note: String? = nil, followUp: Date? = nil,
        shared: Bool = false, durationSeconds: Int? = nil, _ db: Database
    ) throws -> RecycleDecision {
        // Callers take durations from CallTimer or validate them (filon call --duration).
        precondition((durationSeconds ?? 0) >= 0, "a call's duration cannot be negative")
        guard
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT p.pipeline_status, p.attempts, c.legal_form FROM prospect p
                    JOIN company c ON c.siren = p.siren WHERE p.siren = ?
                    """, arguments: [siren])
        else { throw QueueError.unknownProspect(siren) }
        // Whatever the screen offers: only its owner, an admin, or whoever the queue handed it to.
        try Permissions.requireCaller(siren: siren, userID: userID, at: now, db)
        // Suppressed since the queue served it, or dialled from elsewhere: no call may be logged.
        if try SuppressionList.blocksCalls(siren: siren, db) { throw ActionError.doNotContact(siren) }
        let current = PipelineStatus(rawValue: row["pipeline_status"]) ?? .nouveau
        let attempts = (row["attempts"] as Int? ?? 0) + 1
        let audience = CallingAudience.of(legalForm: row["legal_form"], personalMobile: false)
        let windowStart = Timestamp.string(now.addingTimeInterval(-31 * 86_400))
        let earlier = try String.fetchAll(
            db, sql: "SELECT created_at FROM activity WHERE siren = ? AND kind = 'call' AND created_at >= ?",
            arguments: [siren, windowStart]
        ).compactMap(Timestamp.date(_:))
        let decision = try policy.nextAttempt(
            after: disposition, attemptsSoFar: attempts, attemptsInWindow: earlier + [now], at: now,
            audience: audience, followUp: followUp)
        let status = disposition.status(after: current)
        let (state, next): (String, String?) =
            switch decision {
            case .callAgain(let at): ("recycle", Timestamp.string(at))
            case .rest(let until, _): ("recycle", Timestamp.string(until))
            case .stop: ("stopped", nil)
            }
        try db.execute(
            sql: """
                INSERT INTO activity
                  (siren, user_id, kind, disposition, old_value, new_value, detail, duration_seconds, created_at)
                VALUES (?, ?, 'call', ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                siren, userID, disposition.rawValue, current.rawValue, status.rawValue,
                [note, decision.description].compactMap { $0 }.joined(separator: " — "), durationSeconds, stamp,
            ])
        try db.execute(
            sql: """
                UPDATE prospect SET pipeline_status = ?, attempts = ?, last_attempt_at = ?, call_state = ?,
                  next_call_at = ?, reserved_by = NULL, reserved_until = NULL,
                  do_not_contact = do_not_contact OR ?, updated_at = ?, version = version + 1
                WHERE siren = ?
                """,
            arguments: [status.rawValue, attempts, stamp, state, next, disposition.marksDoNotContact, stamp, siren])
        if disposition.marksDoNotContact {
            try SuppressionList(now: now).addCompany(siren: siren, reason: "do_not_call", by: userID, db)
        }
        if disposition.needsFollowUpDate, let followUp {
            try db.execute(
                sql: """
                    INSERT INTO follow_up (siren, owner_id, due_at, shared, note, created_by, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [siren, userID, Timestamp.string(followUp), shared, note, userID, stamp])
        }
        // Calling a prospect answers its due callbacks.
        try db.execute(
            sql: "UPDATE follow_up SET done_at = ? WHERE siren = ? AND done_at IS NULL AND due_at <= ?",
            arguments: [stamp, siren, stamp])
        return decision
    }

    /// The four parts of the queue, in order; each takes (user, now, now, user, limit).
    private var queries: [(QueueItem.Reason, String)] {
        let columns = "p.siren, c.name, c.legal_form, p.tier, p.score, p.attempts"
        let free = "(p.reserved_by IS NULL OR p.reserved_by = ?4 OR p.reserved_until <= ?3)"
        return [
            (
                .personalCallback,
                """
                SELECT \(columns), f.due_at FROM follow_up f JOIN prospect p ON p.siren = f.siren
                JOIN company c ON c.siren = p.siren
                WHERE f.owner_id = ?1 AND f.shared = 0 AND f.done_at IS NULL AND f.due_at <= ?2
                  AND \(Self.workable) AND \(free)
                ORDER BY f.due_at
                LIMIT ?5
                """
            ),
            (
                .sharedCallback,
                """
                SELECT \(columns), f.due_at FROM follow_up f JOIN prospect p ON p.siren = f.siren
                JOIN company c ON c.siren = p.siren
                WHERE f.shared = 1 AND f.done_at IS NULL AND f.due_at <= ?2 AND \(Self.workable) AND \(free)
                ORDER BY f.due_at
                LIMIT ?5
                """
            ),
            (
                .recycled,
                // Named: in due order the index serves the first ones and stops at the limit;
                // left to itself SQLite read the owner's open prospects (prospect_live) and sorted
                // thousands of them (filon-bench tui).
                """
                SELECT \(columns), p.next_call_at AS due_at FROM prospect p INDEXED BY prospect_recycle
                JOIN company c ON c.siren = p.siren
                WHERE p.owner_id = ?1 AND p.call_state = 'recycle' AND p.next_call_at <= ?2
                  AND \(Self.workable) AND \(free)
                ORDER BY p.next_call_at
                LIMIT ?5
                """
            ),
            (
                .fresh,
                """
                SELECT \(columns), NULL AS due_at FROM prospect p JOIN company c ON c.siren = p.siren
                WHERE p.owner_id = ?1 AND p.call_state = 'fresh' AND \(Self.workable) AND \(free)
                ORDER BY p.tier, p.score DESC, p.attempts, p.siren
                LIMIT ?5
                """
            ),
        ]
    }
}
