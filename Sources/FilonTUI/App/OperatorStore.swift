import FilonCore
import Foundation
import GRDB

/// One line of an operator's queue: the core's queue item with what the list shows beside it.
public struct QueueRow: Sendable, Equatable {
    public var item: QueueItem
    public var status: PipelineStatus
    public var city: String?

    public var siren: Int { item.siren }
    public var name: String { item.name ?? AppDatabase.undisclosedName }

    /// The mark left of the row: C your callback, S shared callback, R due again, · new.
    public var mark: String {
        switch item.reason {
        case .personalCallback: return "C"
        case .sharedCallback: return "S"
        case .recycled: return "R"
        case .fresh: return "·"
        }
    }
}

/// A prospect's card with its history and the version it was read at (for optimistic concurrency).
public struct ProspectDetail: Sendable, Equatable {
    public var card: ProspectCard
    /// `prospect.version` read before the card, nil when the company is not a prospect yet.
    public var version: Int?
    /// Newest first.
    public var timeline: [TimelineEntry]
}

/// The header's numbers.
public struct HeaderSummary: Sendable, Equatable {
    /// The user's open follow-ups due before the end of today (overdue ones included).
    public var followUpsDueToday: Int
    /// When the daemon's last pass ended (its assignment step, a stored timestamp).
    public var lastPassAt: String?
    public var lastPassFailed: Bool
    /// Alerts for this user: untreated prospects and overdue follow-ups; for an admin, everyone's,
    /// plus the prospects without an owner and the daemon's failed steps.
    public var alerts: Int
    /// The daemon has not run on schedule.
    public var passLate: Bool
}

/// Something the operator does that writes to the database.
public enum WriteRequest: Sendable, Equatable {
    case takeNext
    /// `duration`: the call's seconds, when the call key timed it.
    case outcome(siren: Int, Disposition, followUp: Date?, duration: Int?, expectedVersion: Int?)
    case note(siren: Int, text: String, expectedVersion: Int?)
    case followUp(siren: Int, at: Date, expectedVersion: Int?)
    case status(siren: Int, PipelineStatus, expectedVersion: Int?)
    case doNotContact(siren: Int, expectedVersion: Int?)
    /// An email to the outbox (sent next, off the UI thread).
    case email(siren: Int, to: Mailbox, draft: EmailDraft, template: String?)
    /// Admin: prospects to a user, or (all of a user's, `to` nil) spread over the team.
    case reassign(ReassignPlan, to: Int?)
    /// Admin: "rebalance now".
    case rebalance

    public var siren: Int? {
        switch self {
        case .takeNext, .reassign, .rebalance: return nil
        case .outcome(let siren, _, _, _, _), .note(let siren, _, _), .followUp(let siren, _, _),
            .status(let siren, _, _), .doNotContact(let siren, _), .email(let siren, _, _, _):
            return siren
        }
    }
}

/// What a write did.
public enum WriteResult: Sendable, Equatable {
    /// `takeNext`: the prospect reserved, nil when nothing is due.
    case took(QueueItem?)
    /// An outcome: what happens next to the prospect.
    case recorded(RecycleDecision)
    /// An email in the outbox, with its id.
    case queuedEmail(id: Int)
    /// Prospects that changed hands.
    case reassigned(ReassignmentSummary)
    case done
    /// Refused by the rules, with the reason to show; `changedMeanwhile` when someone else changed
    /// the prospect since it was displayed.
    case refused(String, changedMeanwhile: Bool)
}

/// Every read and write of the operator screen, on the shared database. The call queue and the
/// card actions are the core's (`CallQueue`, `ProspectActions`): the rules live there, the screen
/// only asks. Safe to use from the loader's thread.
public struct OperatorStore: Sendable {
    public let database: AppDatabase
    public let session: OperatorSession
    public let calling: CallingSettings
    public let clock: @Sendable () -> Date
    public let outbox: EmailOutbox
    /// The daemon's schedule, to tell a late pass.
    public let daemon: DaemonSettings
    /// How many queue rows the screen holds at most.
    public static let queueLimit = 500
    /// How many history entries the card shows.
    public static let timelineLimit = 50

    public init(
        database: AppDatabase, session: OperatorSession, calling: CallingSettings,
        clock: @escaping @Sendable () -> Date, outbox: EmailOutbox = EmailOutbox(),
        daemon: DaemonSettings = DaemonSettings()
    ) {
        self.outbox = outbox
        self.daemon = daemon
        self.database = database
        self.session = session
        self.calling = calling
        self.clock = clock
    }

    private func callQueue(_ now: Date) -> CallQueue {
        CallQueue(policy: CallingPolicy(settings: calling), now: now)
    }

    // MARK: Reads

    /// The user's queue in order, with each prospect's status and city.
    public func queue() throws -> [QueueRow] {
        guard let user = session.activeUser else { return [] }
        let queue = callQueue(clock())
        return try database.writer.read { db in
            let items = try queue.items(for: user.id, limit: Self.queueLimit, db)
            guard !items.isEmpty else { return [] }
            var extra: [Int: (String?, String?)] = [:]
            for chunk in stride(from: 0, to: items.count, by: 500) {
                let sirens = items[chunk..<min(items.count, chunk + 500)].map(\.siren)
                let rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT p.siren, p.pipeline_status, c.city FROM prospect p JOIN company c ON c.siren = p.siren
                        WHERE p.siren IN (\(sirens.map { _ in "?" }.joined(separator: ",")))
                        """, arguments: StatementArguments(sirens))
                for row in rows { extra[row["siren"]] = (row["pipeline_status"], row["city"]) }
            }
            return items.map { item in
                let (status, city) = extra[item.siren] ?? (nil, nil)
                return QueueRow(
                    item: item, status: status.flatMap(PipelineStatus.init(rawValue:)) ?? .nouveau, city: city)
            }
        }
    }

    /// The card, its history and its version; nil when the company is gone.
    public func detail(siren: Int) throws -> ProspectDetail? {
        // The version first: a change between the two reads then looks like a change after the
        // display, which refuses an action rather than letting it overwrite.
        let version = try database.writer.read { db in
            try Int.fetchOne(db, sql: "SELECT version FROM prospect WHERE siren = ?", arguments: [siren])
        }
        guard let card = try database.card(siren: siren) else { return nil }
        let timeline = try database.timeline(siren: siren, limit: Self.timelineLimit)
        return ProspectDetail(card: card, version: version, timeline: timeline)
    }

    /// The header's numbers.
    public func summary() throws -> HeaderSummary {
        let now = clock()
        let worker = session.activeUser.flatMap { $0.role == .admin ? nil : $0 }
        let alerts = ReportBuilder(
            period: .last(1, endingAt: now, user: worker?.login), calling: calling, daemon: daemon, now: now)
        return try database.writer.read { db in
            var due = 0
            if let user = session.activeUser {
                due =
                    try Int.fetchOne(
                        db,
                        sql: """
                            SELECT COUNT(*) FROM follow_up f
                            WHERE owner_id = ? AND done_at IS NULL AND due_at < ? AND \(FollowUpWatch.liveFollowUp)
                            """,
                        arguments: [user.id, Timestamp.string(LocalTime.endOfDay(now))]) ?? 0
            }
            // A pass ends with its assignment step; enrichment runs come and go in between.
            let pass = try Row.fetchOne(
                db,
                sql: """
                    SELECT COALESCE(finished_at, started_at) AS at, status FROM run
                    WHERE source = 'assignment' AND status != 'running' ORDER BY id DESC LIMIT 1
                    """)
            let found = try alerts.alerts(db)
            var count = found.untreated + found.overdueFollowUps
            if worker == nil { count += found.withoutOwner + found.failedSteps.count }
            return HeaderSummary(
                followUpsDueToday: due, lastPassAt: pass?["at"],
                lastPassFailed: pass.map { ($0["status"] as String) != RunRecord.Status.ok.rawValue } ?? false,
                alerts: count, passLate: found.passOverdue)
        }
    }

    // MARK: Writes

    /// Performs a write; a refusal by the rules comes back as `.refused`, other errors are thrown.
    public func perform(_ request: WriteRequest) throws -> WriteResult {
        guard let user = session.activeUser else {
            return .refused(session.readOnlyReason ?? "read-only", changedMeanwhile: false)
        }
        let now = clock()
        let queue = callQueue(now)
        let actions = ProspectActions(userID: user.id, now: now)
        let reassignment = Reassignment(now: now)
        do {
            return try database.writer.write { db -> WriteResult in
                switch request {
                case .takeNext:
                    return .took(try queue.reserveNext(for: user.id, db))
                case .outcome(let siren, let disposition, let followUp, let duration, let expected):
                    try Self.check(siren, expectedVersion: expected, callable: true, db)
                    return .recorded(
                        try queue.record(
                            disposition, siren: siren, by: user.id, followUp: followUp, durationSeconds: duration, db))
                case .note(let siren, let text, let expected):
                    try actions.addNote(siren: siren, text: text, expectedVersion: expected, db)
                case .followUp(let siren, let date, let expected):
                    try Self.check(siren, expectedVersion: expected, callable: false, db)
                    try actions.scheduleFollowUp(siren: siren, at: date, db)
                case .status(let siren, let status, let expected):
                    try actions.changeStatus(siren: siren, to: status, expectedVersion: expected, db)
                case .doNotContact(let siren, let expected):
                    try Self.check(siren, expectedVersion: expected, callable: false, db)
                    try actions.markDoNotContact(siren: siren, reason: "asked from the operator screen", db)
                case .reassign(.prospects(let sirens), let target):
                    guard let target else { return .refused("pick who takes them", changedMeanwhile: false) }
                    return .reassigned(try reassignment.reassign(sirens: sirens, to: target, by: user.id, db))
                case .reassign(.allOf(let owner, _), let target):
                    return .reassigned(try reassignment.reassignAll(from: owner, to: target, by: user.id, db))
                case .rebalance:
                    return .reassigned(try reassignment.rebalance(by: user.id, db))
                case .email(let siren, let to, let draft, let template):
                    return .queuedEmail(
                        id: try outbox.queue(
                            siren: siren, userID: user.id, to: to, draft: draft, template: template, now: now, db))
                }
                return .done
            }
        } catch let error as ActionError {
            if case .changedMeanwhile = error {
                return .refused(error.description, changedMeanwhile: true)
            }
            return .refused(error.description, changedMeanwhile: false)
        } catch let error as CallingPolicyError {
            return .refused(error.description, changedMeanwhile: false)
        } catch let error as QueueError {
            return .refused(error.description, changedMeanwhile: false)
        } catch let error as PermissionError {
            return .refused(error.description, changedMeanwhile: false)
        } catch let error as ReassignmentError {
            return .refused(error.description, changedMeanwhile: false)
        } catch let error as EmailError {
            return .refused(error.description, changedMeanwhile: false)
        } catch let error as EmailTemplateError {
            return .refused(error.description, changedMeanwhile: false)
        }
    }

    /// The checks the core leaves to the caller for calls, follow-ups and "ne plus contacter":
    /// the prospect is as displayed, and a call goes only to a prospect that may be called.
    private static func check(_ siren: Int, expectedVersion: Int?, callable: Bool, _ db: Database) throws {
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT version, do_not_contact FROM prospect WHERE siren = ?", arguments: [siren])
        else { throw ActionError.unknownProspect(siren) }
        if let expectedVersion, (row["version"] as Int) != expectedVersion {
            throw ActionError.changedMeanwhile(siren)
        }
        if callable, row["do_not_contact"] as Bool { throw ActionError.doNotContact(siren) }
    }
}
