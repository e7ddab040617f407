import FilonCore
import Foundation
import GRDB

/// The invariants of `filon-bench load`, checked from the workers' logs against the database.
struct LoadCheck {
    /// What the database held before the operators started.
    struct Before {
        var activityID: Int
        var followUpID: Int
        /// Attempts and version of every assigned prospect.
        var prospects: [Int: (attempts: Int, version: Int)]

        static func read(_ database: AppDatabase) throws -> Before {
            try database.writer.read { db in
                var prospects: [Int: (Int, Int)] = [:]
                let rows = try Row.fetchCursor(
                    db, sql: "SELECT siren, attempts, version FROM prospect WHERE owner_id IS NOT NULL")
                while let row = try rows.next() { prospects[row[0]] = (row[1], row[2]) }
                return Before(
                    activityID: try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) FROM activity") ?? 0,
                    followUpID: try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) FROM follow_up") ?? 0,
                    prospects: prospects)
            }
        }
    }

    struct Verdict {
        var name: String
        var passed: Bool
        var detail: String
    }

    let records: [LoadRecord]
    let operators: [Int]

    /// Every write a worker saw succeed is in the database, once, and the database holds no
    /// operator action that no worker saw succeed.
    func noLostUpdate(_ database: AppDatabase, before: Before) throws -> Verdict {
        var activities: [String: Int] = [:]
        var followUps: [String: Int] = [:]
        var notes: [Int: [String]] = [:]
        var outcomes: [Int: Int] = [:]
        var bumps: [Int: Int] = [:]
        for r in records where r.result == .ok {
            switch r.kind {
            case .note:
                activities["note|\(r.siren)|\(r.user)|\(r.stamp)|\(r.detail)", default: 0] += 1
                notes[r.siren, default: []].append(r.detail)
                bumps[r.siren, default: 0] += 1
            case .followUp:
                activities["follow_up|\(r.siren)|\(r.user)|\(r.stamp)|\(r.detail)", default: 0] += 1
                followUps["\(r.siren)|\(r.user)|\(r.detail)|\(r.stamp)", default: 0] += 1
            case .outcome:
                let parts = r.detail.split(separator: " ")
                activities["call|\(r.siren)|\(r.user)|\(r.stamp)|\(parts.first ?? "")", default: 0] += 1
                if parts.count > 1 { followUps["\(r.siren)|\(r.user)|\(parts[1])|\(r.stamp)", default: 0] += 1 }
                outcomes[r.siren, default: 0] += 1
                bumps[r.siren, default: 0] += 1
            case .open, .take, .card: break
            }
        }
        let users = operators.map(String.init).joined(separator: ",")
        let (stored, storedFollowUps, after) = try database.writer.read { db in
            var stored: [String: Int] = [:]
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT siren, user_id, kind, disposition, new_value, detail, created_at FROM activity
                    WHERE id > ? AND user_id IN (\(users))
                    """, arguments: [before.activityID])
            {
                let kind: String = row["kind"]
                let what: String? =
                    switch kind {
                    case "note": row["detail"]
                    case "follow_up": row["new_value"]
                    case "call": row["disposition"]
                    default: "unexpected"
                    }
                let key = "\(kind)|\(row["siren"] as Int)|\(row["user_id"] as Int)|\(row["created_at"] as String)|"
                stored[key + (what ?? ""), default: 0] += 1
            }
            var storedFollowUps: [String: Int] = [:]
            for row in try Row.fetchAll(
                db,
                sql:
                    "SELECT siren, owner_id, due_at, created_at FROM follow_up WHERE id > ? AND created_by IN (\(users))",
                arguments: [before.followUpID])
            {
                let key =
                    "\(row["siren"] as Int)|\(row["owner_id"] as Int)|\(row["due_at"] as String)|\(row["created_at"] as String)"
                storedFollowUps[key, default: 0] += 1
            }
            var after: [Int: (attempts: Int, version: Int, notes: String)] = [:]
            let touched = Array(Set(notes.keys).union(outcomes.keys))
            for chunk in stride(from: 0, to: touched.count, by: 500) {
                let sirens = touched[chunk..<min(touched.count, chunk + 500)]
                for row in try Row.fetchAll(
                    db,
                    sql: """
                        SELECT siren, attempts, version, COALESCE(notes, '') AS notes FROM prospect
                        WHERE siren IN (\(sirens.map(String.init).joined(separator: ",")))
                        """)
                {
                    after[row["siren"]] = (row["attempts"], row["version"], row["notes"])
                }
            }
            return (stored, storedFollowUps, after)
        }
        var problems: [String] = []
        let (lostActivities, phantomActivities) = Self.compare(expected: activities, found: stored)
        let (lostFollowUps, phantomFollowUps) = Self.compare(expected: followUps, found: storedFollowUps)
        if !lostActivities.isEmpty { problems.append("activities lost: \(Self.sample(lostActivities))") }
        if !phantomActivities.isEmpty { problems.append("activities no one did: \(Self.sample(phantomActivities))") }
        if !lostFollowUps.isEmpty { problems.append("follow-ups lost: \(Self.sample(lostFollowUps))") }
        if !phantomFollowUps.isEmpty { problems.append("follow-ups no one did: \(Self.sample(phantomFollowUps))") }
        var missingNotes: [String] = []
        for (siren, texts) in notes {
            let lines = Set((after[siren]?.notes ?? "").split(separator: "\n").map(String.init))
            for text in texts where !lines.contains(text) { missingNotes.append("\(siren): \(text)") }
        }
        if !missingNotes.isEmpty { problems.append("notes lost from prospect.notes: \(Self.sample(missingNotes))") }
        var wrongAttempts: [String] = []
        var wrongVersions: [String] = []
        for (siren, count) in outcomes {
            let was = before.prospects[siren]?.attempts ?? 0
            let now = after[siren]?.attempts ?? 0
            if now - was != count { wrongAttempts.append("\(siren): \(was) + \(count) outcomes → \(now)") }
        }
        for (siren, count) in bumps {
            let was = before.prospects[siren]?.version ?? 0
            let now = after[siren]?.version ?? 0
            // The daemon may change a prospect too: at least the operators' changes.
            if now - was < count { wrongVersions.append("\(siren): \(was) + \(count) writes → \(now)") }
        }
        if !wrongAttempts.isEmpty { problems.append("attempt counts off: \(Self.sample(wrongAttempts))") }
        if !wrongVersions.isEmpty { problems.append("versions behind: \(Self.sample(wrongVersions))") }
        let total = activities.values.reduce(0, +)
        let detail =
            problems.isEmpty
            ? """
            \(total) activities, \(followUps.values.reduce(0, +)) follow-ups, \(notes.values.map(\.count).reduce(0, +)) \
            notes matched one by one; attempts of \(outcomes.count) prospects and versions of \(bumps.count) as counted; \
            nothing else by an operator
            """
            : problems.joined(separator: "; ")
        return Verdict(name: "no lost update", passed: problems.isEmpty, detail: detail)
    }

    /// No two workers ever held the same prospect at once: a reservation is surely held from the
    /// end of its take to the start of the holder's next recorded outcome on it (or the end).
    func noDoubleReservation() -> Verdict {
        struct Hold {
            var worker: Int
            var from: UInt64
            var until: UInt64
        }
        var holds: [Int: [Hold]] = [:]
        let byWorker = Dictionary(grouping: records, by: \.worker)
        for (_, mine) in byWorker {
            let ordered = mine.sorted { $0.start < $1.start }
            for (index, take) in ordered.enumerated() where take.kind == .take && take.result == .ok {
                let release = ordered[(index + 1)...].first {
                    $0.kind == .outcome && $0.result == .ok && $0.siren == take.siren
                }
                holds[take.siren, default: []].append(
                    Hold(worker: take.worker, from: take.end, until: release?.start ?? UInt64.max))
            }
        }
        var overlaps: [String] = []
        var shared = 0
        for (siren, list) in holds {
            if Set(list.map(\.worker)).count > 1 { shared += 1 }
            let sorted = list.sorted { $0.from < $1.from }
            for (i, a) in sorted.enumerated() {
                for b in sorted[(i + 1)...] where b.from < a.until && b.worker != a.worker {
                    overlaps.append("\(siren): workers \(a.worker) and \(b.worker)")
                }
            }
        }
        let takes = holds.values.map(\.count).reduce(0, +)
        return Verdict(
            name: "no prospect reserved twice", passed: overlaps.isEmpty,
            detail: overlaps.isEmpty
                ? "\(takes) prospects served, \(holds.count) distinct; \(shared) served to 2+ operators one after the other, never at once"
                : "\(overlaps.count) overlapping reservations: \(Self.sample(overlaps))")
    }

    /// No "database is locked" reached an operator, on any read or write.
    func noBusy() -> Verdict {
        let busy = records.filter { $0.result == .busy }
        return Verdict(
            name: "no 'database is locked' reached an operator", passed: busy.isEmpty,
            detail: busy.isEmpty
                ? "0 of \(records.count) reads and writes"
                : "\(busy.count) of \(records.count): "
                    + Self.sample(
                        busy.map { "\($0.kind.rawValue) after \(String(format: "%.0f", $0.milliseconds)) ms" }))
    }

    /// Expected and found multisets: what is missing from the database, and what is extra.
    static func compare(expected: [String: Int], found: [String: Int]) -> (lost: [String], extra: [String]) {
        var lost: [String] = []
        var extra: [String] = []
        for (key, count) in expected where (found[key] ?? 0) < count { lost.append(key) }
        for (key, count) in found where (expected[key] ?? 0) < count { extra.append(key) }
        return (lost, extra)
    }

    static func sample(_ items: [String]) -> String {
        "\(items.count) (" + items.sorted().prefix(3).joined(separator: ", ") + (items.count > 3 ? ", …" : "") + ")"
    }
}
