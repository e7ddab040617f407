import Foundation

extension DuplicateFinder {
    /// Words that say what kind of company it is, not which one: "SARL Dupont" and "Dupont SAS"
    /// are one name. Articles go too ("La Boulangerie" / "Boulangerie").
    static let noiseWords: Set<String> = [
        "sarl", "sas", "sasu", "eurl", "sa", "sci", "snc", "scs", "sca", "scop", "scp", "scm", "selarl", "selas",
        "selafa", "eirl", "ei", "earl", "gaec", "gie", "sem", "ste", "societe", "ets", "etablissements", "cie",
        "compagnie", "et", "le", "la", "les", "l", "de", "du", "des", "d", "the",
    ]

    /// The name as compared: no case, accents, punctuation nor legal-form words. Dots go first,
    /// so that "S.A.R.L." reads as the word it is.
    static func nameKey(_ name: String) -> String {
        fold(name.replacingOccurrences(of: ".", with: "")).split(separator: " ").filter {
            !noiseWords.contains(String($0))
        }.joined(separator: " ")
    }

    /// Lower case, accents off, anything but letters and digits a single space.
    static func fold(_ text: String) -> String {
        let plain = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).lowercased()
        var out = ""
        var space = false
        for scalar in plain.unicodeScalars {
            if CharacterSet.alphanumerics.contains(scalar) {
                if space && !out.isEmpty { out.append(" ") }
                out.unicodeScalars.append(scalar)
                space = false
            } else {
                space = true
            }
        }
        return out
    }

    /// A person's name as compared. The registry writes most in plain upper-case ASCII: those
    /// skip Foundation's folding, which would cost more than the rest of the pass.
    static func personKey(_ name: String) -> String {
        name.utf8.allSatisfy { $0 < 128 } ? name.lowercased() : fold(name)
    }

    /// The website's host without "www.", nil for text that has none.
    static func host(_ website: String) -> String? {
        var text = website.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        if let scheme = text.range(of: "://") { text = String(text[scheme.upperBound...]) }
        text = String(text.prefix { $0 != "/" && $0 != "?" && $0 != "#" && $0 != ":" })
        if text.hasPrefix("www.") { text.removeFirst(4) }
        return text.contains(".") ? text : nil
    }

    /// Edits allowed between two names of this length: none for short names (one letter turns
    /// "Alto" into "Alta"), one from 6 characters, two from 12.
    static func allowedDistance(_ length: Int) -> Int {
        length >= 12 ? 2 : length >= 6 ? 1 : 0
    }

    /// The Levenshtein distance when it is at most `limit`, else nil (stops early).
    static func distance(_ a: String, _ b: String, atMost limit: Int) -> Int? {
        let x = Array(a.unicodeScalars)
        let y = Array(b.unicodeScalars)
        if abs(x.count - y.count) > limit { return nil }
        if x == y { return 0 }
        var previous = Array(0...y.count)
        var current = Array(repeating: 0, count: y.count + 1)
        for i in 1...max(x.count, 1) where !x.isEmpty {
            current[0] = i
            var best = current[0]
            for j in 1...max(y.count, 1) where !y.isEmpty {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                best = min(best, current[j])
            }
            if best > limit { return nil }
            swap(&previous, &current)
        }
        let result = previous[y.count]
        return result <= limit ? result : nil
    }
}
