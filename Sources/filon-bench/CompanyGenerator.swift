import FilonCore
import Foundation
import GRDB
import TestSupport

/// A reproducible registry for the benchmarks: companies (a third sole traders) with French-looking
/// names and cities, half with directors, a third with a phone, creation dates over 36 years and a
/// few ceased. Used by `filon-bench search` and `filon-bench tui`.
struct CompanyGenerator {
    /// What a sample company lets a benchmark type.
    struct Sample {
        var siren: Int
        var nameWords: [String]
        var city: String
        var phone: String?
    }

    var companies: Int
    /// Companies returned as samples, spread over the SIREN range.
    var samples: Int
    var seed: UInt64
    /// The day the newest company was created.
    var lastCreation = "2026-11-30"

    /// Companies, their directors and phones in one transaction; returns `samples` of them.
    /// What a benchmark's database already holds, generating the companies when it has none:
    /// the companies it had (0 when generated now) and its users.
    func fill(_ database: AppDatabase) throws -> (existing: Int, users: Int) {
        let (existing, users) = try database.writer.read { db in
            (
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM company") ?? 0,
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM user") ?? 0
            )
        }
        if existing == 0 { _ = try generate(into: database) }
        return (existing, users)
    }

    func generate(into database: AppDatabase) throws -> [Sample] {
        var random = SplitMix64(seed: seed)
        // Dates and states from a stream of their own, so that names and phones stay those the
        // search benchmark always generated for a seed.
        var dates = SplitMix64(seed: seed ^ 0x5EED_DA7E)
        func pick<T>(_ list: [T]) -> T { list[Int(random.next() % UInt64(list.count))] }
        // Log-uniform ranks: a few names and cities are very common, most are rare, as in the registry.
        func popular<T>(_ list: [T]) -> T {
            let u = Double(random.next() % 1_000_000) / 1_000_000
            return list[min(list.count - 1, max(0, Int(pow(Double(list.count), u)) - 1))]
        }
        func word(_ syllableCount: Int) -> String {
            (0..<syllableCount).map { _ in pick(Self.syllables) }.joined().uppercased()
        }
        let surnames = (0..<150_000).map { _ in word(2 + Int(random.next() % 2)) }
        let cities = Self.bigCities + (0..<30_000).map { n in n % 7 == 0 ? "SAINT-" + word(2) : word(2 + n % 2) }
        let newest = Timestamp.date(lastCreation + "T00:00:00Z") ?? Date()
        // Squared: recent years hold more companies than old ones, as in the registry.
        func creationDate() -> String {
            let u = Double(dates.next() % 1_000_000) / 1_000_000
            return String(Timestamp.string(newest.addingTimeInterval(-u * u * 36 * 365 * 86_400)).prefix(10))
        }

        var typed: [Sample] = []
        let every = max(1, companies / max(samples, 1))
        try database.writer.write { db in
            try db.execute(
                sql: "INSERT INTO run (id, source, kind, started_at, status) VALUES (1, 'bench', 'import', 'x', 'ok')")
            let company = try db.makeStatement(
                sql: """
                    INSERT INTO company (siren, denomination, first_name, last_name, legal_form, city, creation_date,
                      state, first_run_id, last_run_id, row_hash)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, 1, 1)
                    """)
            let person = try db.makeStatement(
                sql: """
                    INSERT INTO person (siren, role, first_names, last_name, source, retrieved_at)
                    VALUES (?, 'Gérant', ?, ?, 'rne', 'x')
                    """)
            let phone = try db.makeStatement(
                sql: """
                    INSERT INTO contact_point (siren, kind, value, normalized, source, retrieved_at)
                    VALUES (?, 'phone', ?, ?, 'google_places', 'x')
                    """)
            var siren = 300_000_000
            for n in 0..<companies {
                siren += 1 + Int(random.next() % 40)
                let last = popular(surnames)
                let city = popular(cities)
                let created = creationDate()
                let state = dates.next() % 100 < 8 ? "C" : "A"
                let shape = random.next() % 10
                var name: String
                if shape < 3 {
                    let first = pick(Self.firstNames)
                    try company.execute(arguments: [siren, nil, first, last, "1000", city, created, state])
                    name = first + " " + last
                } else {
                    switch shape {
                    case 3..<7: name = pick(Self.trades) + " " + last + " " + pick(Self.links)
                    case 7..<9: name = pick(Self.trades) + " " + popular(cities) + " " + pick(Self.links)
                    default:
                        name =
                            String((0..<3).map { _ in pick(Array("ABCDEFGHIJKLMNOPRSTV")) }) + " " + pick(Self.trades)
                    }
                    name = name.trimmingCharacters(in: .whitespaces)
                    try company.execute(arguments: [siren, name, nil, nil, "5499", city, created, state])
                }
                if random.next() % 2 == 0 {
                    for _ in 0..<(1 + Int(random.next() % 2)) {
                        try person.execute(arguments: [siren, pick(Self.firstNames), popular(surnames)])
                    }
                }
                var number: String?
                if random.next() % 3 == 0 {
                    let national =
                        "0" + String(pick([1, 2, 3, 4, 5, 6, 7, 9])) + Siren.pad(Int(random.next() % 100_000_000), 8)
                    try phone.execute(arguments: [siren, national, "+33" + national.dropFirst()])
                    number = national
                }
                if n % every == every / 2 && typed.count < samples {
                    let words = name.split(whereSeparator: { !$0.isLetter }).map(String.init).filter { $0.count >= 4 }
                    typed.append(
                        Sample(siren: siren, nameWords: words.isEmpty ? [name] : words, city: city, phone: number))
                }
            }
        }
        return typed
    }

    private static let syllables = [
        "ma", "ri", "on", "du", "pont", "le", "roux", "fa", "vre", "gi", "rard", "mo", "reau", "lau", "rent", "si",
        "mon", "mi", "chel", "gar", "nier", "fau", "bon", "net", "che", "va", "lier", "ro", "bert", "cha", "pe", "tit",
        "dur", "and", "blanc", "bru", "no", "guer", "fon", "tai", "ne", "bois", "sau", "vage", "ber", "thier", "col",
        "lin", "mer", "cier", "lam", "bou", "cher", "da", "vid", "mai", "son", "ca", "per", "rin", "vin", "cent", "ar",
        "naud", "dou", "cet", "gau", "ke", "za", "ou", "lo", "bé", "gué", "yon", "tré", "quin", "hé", "xa",
    ]
    private static let firstNames = [
        "JEAN", "MARIE", "PIERRE", "MICHEL", "ANDRÉ", "PHILIPPE", "NATHALIE", "ISABELLE", "SYLVIE", "CATHERINE",
        "FRANÇOISE", "NICOLAS", "STÉPHANE", "CHRISTOPHE", "LAURENT", "ÉRIC", "SÉBASTIEN", "JULIEN", "CÉLINE",
        "AURÉLIE", "THOMAS", "ÉLODIE", "HÉLÈNE", "JÉRÔME", "GAËLLE", "NOËL", "AGNÈS", "LOUIS", "CAMILLE", "LÉA",
        "INÈS", "HUGO", "CHLOÉ", "MAËLYS", "YANNICK", "SOPHIE", "ANTOINE", "MANON", "KARIM", "FATIMA",
    ]
    private static let trades = [
        "BOULANGERIE", "BOUCHERIE", "GARAGE", "TRANSPORTS", "HOLDING", "IMMOBILIER", "CONSEIL", "SCI", "SOCIÉTÉ",
        "CABINET", "ATELIER", "PHARMACIE", "RESTAURANT", "CAFÉ", "HÔTEL", "COIFFURE", "PLOMBERIE", "ÉLECTRICITÉ",
        "MAÇONNERIE", "MENUISERIE", "PEINTURE", "TAXI", "AMBULANCES", "INFORMATIQUE", "SERVICES", "DISTRIBUTION",
        "CONSTRUCTION", "RÉNOVATION", "NETTOYAGE", "GESTION", "PATRIMOINE", "AUTO", "FLEURS", "OPTIQUE", "PIZZERIA",
        "TABAC", "BOUTIQUE", "BEAUTÉ", "FORMATION", "COMMUNICATION", "ÉVÉNEMENTS", "PAYSAGES", "ARCHITECTURE",
    ]
    private static let links = [
        "", "", "", "", "ET FILS", "& ASSOCIÉS", "DU CENTRE", "DE LA GARE", "DES ALPES", "DE L'OUEST",
    ]
    private static let bigCities = [
        "PARIS", "MARSEILLE", "LYON", "TOULOUSE", "NICE", "NANTES", "MONTPELLIER", "STRASBOURG", "BORDEAUX", "LILLE",
        "RENNES", "REIMS", "TOULON", "SAINT-ÉTIENNE", "LE HAVRE", "GRENOBLE", "DIJON", "ANGERS", "NÎMES",
        "AIX-EN-PROVENCE",
    ]
}
