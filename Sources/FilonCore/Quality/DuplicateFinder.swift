import Foundation
import GRDB

/// Companies that may be one business under two SIRENs, for an admin to merge or dismiss:
/// the same phone, email or website on both; near-identical names at the same postal code and
/// street; a sole trader who ceased and registered again in the same commune.
///
/// Cost at a million companies: shared contacts are groups read from `contact_point_duplicate`
/// alone; names are compared only between companies at the same street of one postal code,
/// read in postal-code order so that one postal code at a time is held in memory; sole traders
/// likewise by commune. Contacts shared by more than `largestGroup` companies (an accountant's
/// switchboard, a platform's host) and crowded addresses (domiciliation) say little about any
/// one pair, so they are skipped or compared by exact name only.
public struct DuplicateFinder: Sendable {
    public let now: Date
    /// Companies sharing one phone, email, site or person above which the group is skipped.
    public var largestGroup = 5
    /// Companies at one address above which names must match exactly (no edit distance).
    public var largestAddress = 200

    public init(now: Date = Date()) { self.now = now }

    /// Every suggestion, the best evidenced first (most kinds of evidence, then SIRENs), without
    /// dismissed pairs nor records already merged; `limit` of them when given.
    public func suggestions(limit: Int? = nil, _ db: Database) throws -> [DuplicateSuggestion] {
        var found: [Pair: [DuplicateEvidence]] = [:]
        func add(_ a: Int, _ b: Int, _ evidence: DuplicateEvidence) {
            guard a != b else { return }
            let pair = Pair(a, b)
            if !(found[pair]?.contains(evidence) ?? false) { found[pair, default: []].append(evidence) }
        }
        try sharedContacts(db, add)
        try sharedWebsites(db, add)
        try namesAtAddresses(db, add)
        try soleTraders(db, add)

        let dismissed = Set(
            try Row.fetchAll(db, sql: "SELECT siren_a, siren_b FROM duplicate_dismissal").map {
                Pair($0[0] as Int, $0[1] as Int)
            })
        let merged = Set(try Int.fetchAll(db, sql: "SELECT siren FROM prospect WHERE merged_into IS NOT NULL"))
        var pairs = found.filter {
            !dismissed.contains($0.key) && !merged.contains($0.key.a) && !merged.contains($0.key.b)
        }
        .map { (pair: $0.key, evidence: $0.value) }
        pairs.sort {
            ($0.evidence.count, $1.pair.a, $1.pair.b) > ($1.evidence.count, $0.pair.a, $0.pair.b)
        }
        if let limit { pairs = Array(pairs.prefix(max(0, limit))) }
        let sirens = Set(pairs.flatMap { [$0.pair.a, $0.pair.b] })
        let names = try Dictionary(
            Row.fetchAll(
                db, sql: "SELECT siren, name FROM company WHERE siren IN (SELECT value FROM json_each(?))",
                arguments: ["[" + sirens.map(String.init).joined(separator: ",") + "]"]
            ).map { (($0["siren"] as Int), ($0["name"] as String?)) }, uniquingKeysWith: { first, _ in first })
        return pairs.map {
            DuplicateSuggestion(
                first: $0.pair.a, second: $0.pair.b, firstName: names[$0.pair.a] ?? nil,
                secondName: names[$0.pair.b] ?? nil, evidence: $0.evidence)
        }
    }

    /// Remembers that `a` and `b` are not one business: the pair is never suggested again.
    ///
    /// - throws: `PermissionError` unless `adminID` is an active admin; `DuplicateError`.
    public func dismiss(_ a: Int, _ b: Int, by adminID: Int, _ db: Database) throws {
        let admin = try Permissions.requireAdmin(adminID, to: "dismiss duplicate suggestions", db)
        if a == b { throw DuplicateError.sameCompany(a) }
        for siren in [a, b] {
            guard
                try Bool.fetchOne(
                    db, sql: "SELECT EXISTS (SELECT 1 FROM company WHERE siren = ?)", arguments: [siren]) == true
            else { throw DuplicateError.unknownCompany(siren) }
        }
        let pair = Pair(a, b)
        try db.execute(
            sql: """
                INSERT INTO duplicate_dismissal (siren_a, siren_b, dismissed_by, dismissed_at) VALUES (?, ?, ?, ?)
                ON CONFLICT DO NOTHING
                """, arguments: [pair.a, pair.b, adminID, Timestamp.string(now)])
        try AuditTrail.record(
            at: now, actor: admin.login, action: "duplicate_dismissed",
            target: "\(Siren.pad(pair.a, 9))/\(Siren.pad(pair.b, 9))", db)
    }

    // MARK: - Shared contacts

    private func sharedContacts(_ db: Database, _ add: (Int, Int, DuplicateEvidence) -> Void) throws {
        // contact_point_duplicate (kind, normalized, siren) holds all of it: the groups come
        // from the index alone, in its order, with no sort.
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT kind, normalized, group_concat(siren) AS sirens FROM contact_point INDEXED BY contact_point_duplicate
                WHERE kind IN ('phone', 'email')
                GROUP BY kind, normalized HAVING COUNT(*) BETWEEN 2 AND ?
                """, arguments: [largestGroup])
        while let row = try rows.next() {
            let kind: DuplicateEvidence.Kind = (row["kind"] as String) == "phone" ? .phone : .email
            let value: String = row["normalized"]
            let sirens = (row["sirens"] as String).split(separator: ",").compactMap { Int($0) }
            Self.eachPair(sirens) {
                add($0, $1, DuplicateEvidence(kind: kind, value: value, detail: "same \(kind.rawValue) \(value)"))
            }
        }
    }

    private func sharedWebsites(_ db: Database, _ add: (Int, Int, DuplicateEvidence) -> Void) throws {
        var byHost: [String: Set<Int>] = [:]
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT siren, normalized FROM contact_point WHERE kind = 'website'
                UNION ALL SELECT siren, website FROM web_presence WHERE website IS NOT NULL
                """)
        while let row = try rows.next() {
            guard let host = Self.host(row[1]) else { continue }
            byHost[host, default: []].insert(row[0])
        }
        for (host, sirens) in byHost where sirens.count >= 2 && sirens.count <= largestGroup {
            Self.eachPair(sirens.sorted()) {
                add($0, $1, DuplicateEvidence(kind: .website, value: host, detail: "same website \(host)"))
            }
        }
    }

    // MARK: - Names at one address

    private struct Located {
        var siren: Int
        var name: String
    }

    private func namesAtAddresses(_ db: Database, _ add: (Int, Int, DuplicateEvidence) -> Void) throws {
        // The street key is made in SQL (upper case, spaces squeezed): every company with an address
        // goes through it, and SQLite's functions cost a fraction of Swift's string work.
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT siren, name, postal_code,
                  UPPER(TRIM(IFNULL(street_number, '') || ' ' ||
                    REPLACE(REPLACE(TRIM(street_name), '   ', ' '), '  ', ' '))) AS street, city
                FROM company
                WHERE postal_code IS NOT NULL AND street_name IS NOT NULL AND name IS NOT NULL
                ORDER BY postal_code
                """)
        var postalCode = ""
        var city = ""
        var streets: [String: [Located]] = [:]
        func flush() {
            for (street, companies) in streets where companies.count >= 2 {
                let address = "\(street), \(postalCode) \(city)".trimmingCharacters(in: .whitespaces)
                compareNames(companies, address: address, add)
            }
            streets.removeAll(keepingCapacity: true)
        }
        while let row = try rows.next() {
            let code: String = row[2]
            if code != postalCode {
                flush()
                postalCode = code
                city = row[4] ?? ""
            }
            streets[row[3], default: []].append(Located(siren: row[0], name: row[1]))
        }
        flush()
    }

    /// Pairs of near-identical names among companies at one address; at a crowded address the
    /// same name key only.
    private func compareNames(_ companies: [Located], address: String, _ add: (Int, Int, DuplicateEvidence) -> Void) {
        let keyed = companies.map { (company: $0, key: Self.nameKey($0.name)) }.filter { !$0.key.isEmpty }
        func evidence(_ a: Located, _ b: Located, distance: Int) -> DuplicateEvidence {
            let how = distance == 0 ? "same name" : "near-identical names"
            return DuplicateEvidence(
                kind: .nameAndAddress, value: address,
                detail: "\(how) «\(a.name)» / «\(b.name)» at \(address)")
        }
        if keyed.count > largestAddress {
            for group in Dictionary(grouping: keyed, by: \.key).values
            where group.count >= 2 && group.count <= largestGroup {
                Self.eachPair(group.indices.map { $0 }) { i, j in
                    add(
                        group[i].company.siren, group[j].company.siren,
                        evidence(group[i].company, group[j].company, distance: 0))
                }
            }
            return
        }
        for i in keyed.indices {
            for j in keyed.indices where j > i {
                let (a, b) = (keyed[i], keyed[j])
                let allowed = Self.allowedDistance(min(a.key.count, b.key.count))
                guard let distance = Self.distance(a.key, b.key, atMost: allowed) else { continue }
                add(a.company.siren, b.company.siren, evidence(a.company, b.company, distance: distance))
            }
        }
    }

    // MARK: - Sole traders

    private struct Trader {
        var siren: Int
        var ceased: Bool
        var since: String?
        var created: String?
    }

    private func soleTraders(_ db: Database, _ add: (Int, Int, DuplicateEvidence) -> Void) throws {
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT siren, first_name, last_name, city_code, city, state, state_since, creation_date FROM company
                WHERE legal_form = '1000' AND last_name IS NOT NULL AND first_name IS NOT NULL AND city_code IS NOT NULL
                ORDER BY city_code
                """)
        var commune: String?
        var city = ""
        var people: [String: [Trader]] = [:]
        var spelled: [String: String] = [:]
        func flush() {
            for (person, traders) in people where traders.count >= 2 && traders.count <= largestGroup {
                for ceased in traders where ceased.ceased {
                    for other in traders where other.siren != ceased.siren && !other.ceased {
                        let who = spelled[person] ?? person
                        add(
                            ceased.siren, other.siren,
                            DuplicateEvidence(
                                kind: .soleTrader, value: "\(who), \(city)",
                                detail: "sole trader \(who) in \(city): \(Siren.format(siren: ceased.siren)) ceased "
                                    + "\(ceased.since ?? "(date unknown)"), \(Siren.format(siren: other.siren)) created "
                                    + "\(other.created ?? "(date unknown)")"))
                    }
                }
            }
            people.removeAll(keepingCapacity: true)
            spelled.removeAll(keepingCapacity: true)
        }
        while let row = try rows.next() {
            let code: String = row[3]
            if code != commune {
                flush()
                commune = code
                city = row[4] ?? code
            }
            let first = (row[1] as String).split(separator: " ").first.map(String.init) ?? ""
            let last: String = row[2]
            let person = Self.personKey(first) + " " + Self.personKey(last)
            people[person, default: []].append(
                Trader(siren: row[0], ceased: (row[5] as String) == "C", since: row[6], created: row[7]))
            if spelled[person] == nil { spelled[person] = "\(first) \(last)" }
        }
        flush()
    }

    // MARK: - Helpers

    /// An unordered pair of SIRENs, the smaller first.
    struct Pair: Hashable {
        var a: Int
        var b: Int
        init(_ x: Int, _ y: Int) { (a, b) = x < y ? (x, y) : (y, x) }
    }

    static func eachPair(_ items: [Int], _ body: (Int, Int) -> Void) {
        for i in items.indices {
            for j in items.indices where j > i { body(items[i], items[j]) }
        }
    }
}
