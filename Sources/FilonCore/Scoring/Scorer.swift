import Foundation

/// Computes a prospect's explainable score from its facts. Built once from the settings (tables
/// keyed by integers, labels made in advance) so that scoring a company allocates only its list
/// of reasons: the target is half a million companies a second.
public struct Scorer: Sendable {
    /// Bumped when the rules themselves change meaning, so that stored scores are computed again.
    public static let rulesVersion = 1

    struct Entry: Sendable {
        var points: Int
        var label: String
    }

    public let settings: ScoringSettings
    /// Recent-company points by age in days, 0..<recentZeroDays.
    private let recentByAge: [Int]
    private let recentFullLabel: String
    private let recentDecayLabel: String
    /// Packed NAF prefix (`packed(_:)`) → points.
    private let sectorByPrefix: [UInt64: Entry]
    /// Division (the first two digits) → points of its section, when a section letter is listed.
    private let sectorBySection: [Entry?]
    /// Packed size band → points.
    private let sizeByBand: [UInt16: Entry]

    public init(settings: ScoringSettings) {
        self.settings = settings
        let full = max(0, settings.recentFullDays)
        let zero = max(full, settings.recentZeroDays)
        recentByAge = (0..<zero).map { age in
            age < full
                ? settings.recentCompany
                : Int((Double(settings.recentCompany) * Double(zero - age) / Double(zero - full)).rounded())
        }
        recentFullLabel = "created less than \(Self.days(full)) ago"
        recentDecayLabel = "created less than \(Self.days(zero)) ago"

        var prefixes: [UInt64: Entry] = [:]
        var sections = [Entry?](repeating: nil, count: 100)
        for (key, points) in settings.sectors.sorted(by: { $0.key < $1.key }) {
            let trimmed = key.trimmingCharacters(in: .whitespaces).uppercased()
            if trimmed.count == 1, let letter = trimmed.first, letter.isLetter {
                for division in NAFCatalog.divisions(inSection: trimmed) {
                    if let n = Int(division), (0..<100).contains(n) {
                        sections[n] = Entry(points: points, label: "target sector \(trimmed)")
                    }
                }
            } else if let packed = Self.packed(trimmed) {
                prefixes[packed] = Entry(points: points, label: "target sector \(trimmed)")
            }
        }
        sectorByPrefix = prefixes
        sectorBySection = sections
        var bands: [UInt16: Entry] = [:]
        for (band, points) in settings.sizeBands {
            if let packed = Self.packedBand(band) {
                bands[packed] = Entry(points: points, label: Self.sizeLabels[band] ?? "size band \(band)")
            }
        }
        sizeByBand = bands
    }

    /// The score of one company on `today`. Ceased, "ne plus contacter" and restricted companies
    /// score 0 with the reason; the others add up their rules' points, clamped to 0...100.
    public func score(_ facts: ProspectFacts, today: CalendarDay) -> Score {
        if facts.isCeased { return Self.ceased }
        if facts.doNotContact { return Self.doNotContact }
        if facts.isRestricted { return Self.restricted }
        var reasons: [ScoreReason] = []
        reasons.reserveCapacity(8)
        var total = 0
        if let created = facts.createdOn {
            let age = today.daysSince1970 - created.daysSince1970
            let points = recentPoints(age: age)
            if points != 0 {
                let label = age < settings.recentFullDays ? recentFullLabel : recentDecayLabel
                reasons.append(ScoreReason(code: .recentCompany, points: points, label: label))
                total += points
            }
        }
        switch facts.website {
        case .missing where settings.noWebsite != 0:
            reasons.append(ScoreReason(code: .noWebsite, points: settings.noWebsite, label: "no website"))
            total += settings.noWebsite
        case .weak where settings.weakWebsite != 0:
            reasons.append(ScoreReason(code: .weakWebsite, points: settings.weakWebsite, label: "weak website"))
            total += settings.weakWebsite
        default: break
        }
        if let maturity = facts.digitalMaturity, maturity <= 1, settings.lowMaturity != 0 {
            reasons.append(
                ScoreReason(code: .lowMaturity, points: settings.lowMaturity, label: "low digital maturity"))
            total += settings.lowMaturity
        }
        if let code = facts.nafCode, let sector = sector(of: code), sector.points != 0 {
            reasons.append(ScoreReason(code: .sector, points: sector.points, label: sector.label))
            total += sector.points
        }
        if facts.hasNamedDirector && settings.namedDirector != 0 {
            reasons.append(ScoreReason(code: .namedDirector, points: settings.namedDirector, label: "named director"))
            total += settings.namedDirector
        }
        if facts.hasPhone && settings.phone != 0 {
            reasons.append(ScoreReason(code: .phone, points: settings.phone, label: "phone number"))
            total += settings.phone
        }
        if let band = facts.sizeBand, let packed = Self.packedBand(band), let size = sizeByBand[packed],
            size.points != 0
        {
            reasons.append(ScoreReason(code: .sizeBand, points: size.points, label: size.label))
            total += size.points
        }
        return Score(total: min(max(total, 0), 100), reasons: reasons)
    }

    /// Recent-company points at an age in days (a creation date in the future counts as today).
    public func recentPoints(age: Int) -> Int {
        age < recentByAge.count ? recentByAge[max(age, 0)] : 0
    }

    /// The first day after `today` on which the recent-company points change, so that the store
    /// scores the company again then; nil when they never will.
    public func nextChange(createdOn: CalendarDay?, today: CalendarDay) -> CalendarDay? {
        guard let createdOn else { return nil }
        let age = today.daysSince1970 - createdOn.daysSince1970
        guard age < recentByAge.count else { return nil }
        let current = recentPoints(age: age)
        var later = max(age + 1, settings.recentFullDays)
        while later <= recentByAge.count {
            if recentPoints(age: later) != current { return createdOn + later }
            later += 1
        }
        return nil
    }

    // MARK: - Tables

    private func sector(of code: String) -> Entry? {
        // Packed prefixes of length 2…5 of the code without its dot ("56.10A" → 56, 561, 5610, 5610A).
        var packed: UInt64 = 0
        var length = 0
        var byLength: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        var division = -1
        for var byte in code.utf8 {
            if byte == UInt8(ascii: ".") { continue }
            if byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") { byte -= 32 }
            packed = packed << 8 | UInt64(byte)
            length += 1
            switch length {
            case 2:
                byLength.0 = packed
                if let n = Self.twoDigits(packed) { division = n }
            case 3: byLength.1 = packed
            case 4: byLength.2 = packed
            case 5: byLength.3 = packed
            default: break
            }
            if length == 5 { break }
        }
        if length >= 5, let hit = sectorByPrefix[byLength.3] { return hit }
        if length >= 4, let hit = sectorByPrefix[byLength.2] { return hit }
        if length >= 3, let hit = sectorByPrefix[byLength.1] { return hit }
        if length >= 2, let hit = sectorByPrefix[byLength.0] { return hit }
        return division >= 0 ? sectorBySection[division] : nil
    }

    /// A NAF prefix without its dot, upper case, as an integer ("96.02" → bytes of "9602").
    static func packed(_ prefix: String) -> UInt64? {
        var packed: UInt64 = 0
        var length = 0
        for byte in prefix.uppercased().utf8 where byte != UInt8(ascii: ".") {
            length += 1
            guard length <= 5 else { return nil }
            packed = packed << 8 | UInt64(byte)
        }
        return length >= 2 ? packed : nil
    }

    private static func twoDigits(_ packed: UInt64) -> Int? {
        let high = Int(packed >> 8) - 48
        let low = Int(packed & 0xFF) - 48
        return (0...9).contains(high) && (0...9).contains(low) ? high * 10 + low : nil
    }

    private static func packedBand(_ band: String) -> UInt16? {
        var packed: UInt16 = 0
        var length = 0
        for byte in band.utf8 {
            length += 1
            guard length <= 2 else { return nil }
            packed = packed << 8 | UInt16(byte)
        }
        return length == 2 ? packed : nil
    }

    private static func days(_ n: Int) -> String {
        n == 365 ? "a year" : n == 1 ? "1 day" : "\(n) days"
    }

    static let sizeLabels: [String: String] = [
        "NN": "no employees", "00": "no employees at year end", "01": "1–2 employees", "02": "3–5 employees",
        "03": "6–9 employees", "11": "10–19 employees", "12": "20–49 employees", "21": "50–99 employees",
        "22": "100–199 employees", "31": "200–249 employees", "32": "250–499 employees",
        "41": "500–999 employees", "42": "1,000–1,999 employees", "51": "2,000–4,999 employees",
        "52": "5,000–9,999 employees", "53": "10,000 employees or more",
    ]

    private static let ceased = Score(
        total: 0, reasons: [ScoreReason(code: .ceased, points: 0, label: "company ceased")])
    private static let doNotContact = Score(
        total: 0, reasons: [ScoreReason(code: .doNotContact, points: 0, label: "do not contact")])
    private static let restricted = Score(
        total: 0, reasons: [ScoreReason(code: .restricted, points: 0, label: "Sirene diffusion restricted")])
}

extension ScoringSettings {
    /// A stable digest of every setting and of `Scorer.rulesVersion`, kept with each stored score:
    /// when it differs, the score is computed again. (Swift's `Hasher` is seeded per process.)
    public var fingerprint: Int64 {
        var text = "v\(Scorer.rulesVersion);"
        text += "\(recentCompany),\(recentFullDays),\(recentZeroDays),\(noWebsite),\(weakWebsite),\(lowMaturity),"
        text += "\(namedDirector),\(phone),\(tierA),\(tierB);"
        text += sectors.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",") + ";"
        text += sizeBands.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",") + ";"
        text += routes.map(\.description).joined(separator: ",")
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return Int64(bitPattern: hash)
    }
}
