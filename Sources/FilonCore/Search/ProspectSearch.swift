import GRDB

/// Incremental search over name, SIREN, city, directors and phones (`prospect_search`, kept by
/// `SearchIndex`).
///
/// Every word of the query is a prefix ("dupon lyo" finds DUPONT in LYON); case and accents do
/// not count; digits typed in groups are one number ("06 12" finds 06 12 34 56 78, "+33 6 12" its
/// E.164 form, "552 100" a SIREN). The text is cut into words by the index's own tokenizer and
/// each word is quoted, so quotes, `*`, `-`, `:`, parentheses, NEAR, AND, OR and NOT are plain
/// text and no input makes a syntax error.
///
/// Companies whose name holds every word come first, then the others; within each, bm25 ranks
/// (weights: name 10, SIREN 5, phone 5, director 3, city 2). A keystroke's work is bounded by
/// the query's first `rankingLimit` matches, whatever the number of companies: bm25 reads the
/// whole doclist of each word, so only a query with at most that many matches is ranked, and
/// only by its words found in at most `rankedWordLimit` documents; a broader query (a letter or
/// two) lists its first matches in SIREN order. Which matches hold every word in their name is
/// read from the names of those matches, in order, until `limit` are found: an FTS5 column filter
/// would walk every document holding the words in another column (a SIREN digit: all of them).
/// What stays proportional to the data is FTS5's own cost for a prefix longer than the prefix
/// indexes (4 letters and more): it merges the doclists of every word so beginning.
public struct ProspectSearch: Sendable {
    public var rankingLimit = 1_000
    public var rankedWordLimit = 10_000
    /// Words past this are ignored: each adds a doclist to walk.
    public var maxWords = 8

    public init() {}

    public func search(_ text: String, limit: Int, _ db: Database) throws -> [SearchHit] {
        guard limit > 0 else { return [] }
        let tokenizer = try db.makeTokenizer(.unicode61(diacritics: .remove))
        let words = Array(try Self.words(text, tokenizer).prefix(maxWords))
        guard !words.isEmpty else { return [] }
        // Document ids in SIREN order (within each version: see `SearchIndex`).
        let matches = try Int.fetchAll(
            db,
            sql: "SELECT rowid FROM prospect_search WHERE prospect_search MATCH ? AND \(Self.isCurrent) LIMIT ?",
            arguments: [Self.match(words), max(rankingLimit + 1, limit)])
        let order = matches.count > rankingLimit ? matches : try rank(matches, words, db)
        // Name matches first, read from the names (see above).
        var byName: [Int] = []
        var others: [Int] = []
        var start = 0
        var chunk = 2 * limit
        while start < order.count && byName.count < limit {
            let ids = order[start..<min(start + chunk, order.count)]
            let named = try namesHoldingEveryWord(ids.map { $0 % SearchIndex.versionStride }, words, tokenizer, db)
            for id in ids {
                if named.contains(id % SearchIndex.versionStride) {
                    if byName.count < limit { byName.append(id) }
                } else if others.count < limit {
                    others.append(id)
                }
            }
            start += chunk
            chunk *= 2
        }
        let found = (byName + others).prefix(limit)
        return try hits(found.map { $0 % SearchIndex.versionStride }, words, tokenizer, db)
    }

    // MARK: - The query

    /// The query's words as the index spells its tokens (lower case, no accents), runs of
    /// digit-only words joined into one number, duplicates dropped.
    static func words(_ text: String, _ tokenizer: any FTS5Tokenizer) throws -> [String] {
        var words: [String] = []
        var previousIsNumber = false
        // A pasted page is not a query: the first 500 characters are plenty.
        for (token, _) in try tokenizer.tokenize(query: String(text.prefix(500))) {
            let isNumber = token.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
            if isNumber && previousIsNumber, let last = words.popLast() {
                words.append(last + token)
            } else {
                words.append(token)
            }
            previousIsNumber = isNumber
        }
        var seen = Set<String>()
        return words.filter { seen.insert($0).inserted }
    }

    /// Every word as a quoted prefix: inside quotes FTS5 syntax is text.
    static func match(_ words: [String]) -> String {
        words.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"*" }.joined(separator: " ")
    }

    /// Leaves out documents a newer version of the company replaced, or a deleted company's.
    private static let isCurrent = """
        NOT EXISTS (SELECT 1 FROM prospect_search_doc d
          WHERE d.siren = prospect_search.rowid % \(SearchIndex.versionStride) AND d.docid IS NOT prospect_search.rowid)
        """

    /// The matches best first, by bm25 over the words that are rare enough for it: it reads the
    /// whole doclist of each (one of `rankedWordLimit` documents at most). With none, SIREN order.
    private func rank(_ matches: [Int], _ words: [String], _ db: Database) throws -> [Int] {
        guard matches.count > 1 else { return matches }
        var rare: [String] = []
        if words.count == 1 && matches.count <= rankedWordLimit {
            rare = words
        } else {
            for word in words {
                let count = try Int.fetchOne(
                    db,
                    sql: "SELECT COUNT(*) FROM (SELECT 1 FROM prospect_search WHERE prospect_search MATCH ? LIMIT ?)",
                    arguments: [Self.match([word]), rankedWordLimit + 1])
                if let count, count <= rankedWordLimit { rare.append(word) }
            }
        }
        guard !rare.isEmpty else { return matches }
        // `+rowid` keeps the IN list a filter rather than one index probe per match.
        return try Int.fetchAll(
            db,
            sql: """
                SELECT rowid FROM prospect_search
                WHERE prospect_search MATCH ? AND +rowid IN (SELECT value FROM json_each(?))
                ORDER BY bm25(prospect_search, 10.0, 5.0, 2.0, 3.0, 5.0)
                """, arguments: [Self.match(rare), Self.json(matches)])
    }

    private static func json(_ numbers: [Int]) -> String {
        "[" + numbers.map(String.init).joined(separator: ",") + "]"
    }

    // MARK: - The hits

    /// The companies whose name, acronym or usual name holds every word.
    private func namesHoldingEveryWord(
        _ sirens: [Int], _ words: [String], _ tokenizer: any FTS5Tokenizer, _ db: Database
    ) throws -> Set<Int> {
        var named = Set<Int>()
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT siren, IFNULL(name, '') || ' ' || IFNULL(acronym, '') || ' ' || IFNULL(usual_name, '')
                FROM company WHERE siren IN (SELECT value FROM json_each(?))
                """, arguments: [Self.json(sirens)])
        let wordBytes = words.map { Array($0.utf8) }
        while let row = try rows.next() {
            if try Self.holdsEveryWord(row[1], wordBytes, tokenizer) { named.insert(row[0]) }
        }
        return named
    }

    /// Whether every word begins a token of the text, cut and folded as the index does. Plain
    /// ASCII (most registry names) skips the tokenizer, whose calls cost more than the check.
    static func holdsEveryWord(_ text: String, _ words: [[UInt8]], _ tokenizer: any FTS5Tokenizer) throws -> Bool {
        var bytes = Array(text.utf8)
        var tokens: [ArraySlice<UInt8>]
        if bytes.allSatisfy({ $0 < 0x80 }) {
            for i in bytes.indices where bytes[i] >= UInt8(ascii: "A") && bytes[i] <= UInt8(ascii: "Z") {
                bytes[i] += 32
            }
            tokens = bytes.split { byte in
                !((byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                    || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")))
            }
        } else {
            tokens = try tokenizer.tokenize(document: text).map { ArraySlice($0.token.utf8) }
        }
        return words.allSatisfy { word in tokens.contains { $0.starts(with: word) } }
    }

    /// The companies as they are now, in the found order, with what matched. A company deleted
    /// since it was indexed is left out.
    private func hits(_ sirens: [Int], _ words: [String], _ tokenizer: any FTS5Tokenizer, _ db: Database) throws
        -> [SearchHit]
    {
        guard !sirens.isEmpty else { return [] }
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT c.siren, c.name, c.acronym, c.usual_name, c.city,
                  \(SearchIndex.directors(separator: "char(31)")), \(SearchIndex.phones(separator: "char(31)"))
                FROM company c WHERE c.siren IN (SELECT value FROM json_each(?))
                """, arguments: [Self.json(sirens)])
        func matches(_ text: String?) throws -> Bool {
            guard let text else { return false }
            return try tokenizer.tokenize(document: text).contains { token in
                words.contains { token.token.hasPrefix($0) }
            }
        }
        func first(_ texts: [String?]) throws -> String? {
            for text in texts where try matches(text) { return text }
            return nil
        }
        var bySiren: [Int: SearchHit] = [:]
        for row in rows {
            let siren: Int = row[0]
            let name: String? = row[1]
            let city: String? = row[4]
            let directors = (row[5] as String?)?.split(separator: "\u{1F}").map(String.init) ?? []
            let phones = (row[6] as String?)?.split(separator: "\u{1F}").map(String.init) ?? []
            var found: [SearchHit.Match] = []
            if let text = try first([name, row[2], row[3]]) { found.append(.init(field: .name, text: text)) }
            let sirenText = Siren.pad(siren, 9)
            if try matches(sirenText) { found.append(.init(field: .siren, text: sirenText)) }
            if let city, try matches(city) { found.append(.init(field: .city, text: city)) }
            if let text = try first(directors) { found.append(.init(field: .director, text: text)) }
            if let entry = try first(phones) {
                // The national form comes first in the entry.
                found.append(.init(field: .phone, text: String(entry.split(separator: " ").first ?? Substring(entry))))
            }
            bySiren[siren] = SearchHit(siren: siren, name: name, city: city, matches: found)
        }
        return sirens.compactMap { bySiren[$0] }
    }
}
