import Foundation

extension ConfigReader {
    static let scoringKeys = [
        "recent_company", "recent_full_days", "recent_zero_days", "no_website", "weak_website", "low_maturity",
        "named_director", "phone", "sectors", "size_bands", "tier_a", "tier_b", "routes",
    ]

    func scoring(_ value: TOMLValue) throws -> ScoringSettings {
        var settings = ScoringSettings()
        for (key, v) in try table(value, "scoring") {
            let name = "scoring.\(key)"
            switch key {
            case "recent_company": settings.recentCompany = try points(v, name)
            case "recent_full_days": settings.recentFullDays = try days(v, name)
            case "recent_zero_days": settings.recentZeroDays = try days(v, name)
            case "no_website": settings.noWebsite = try points(v, name)
            case "weak_website": settings.weakWebsite = try points(v, name)
            case "low_maturity": settings.lowMaturity = try points(v, name)
            case "named_director": settings.namedDirector = try points(v, name)
            case "phone": settings.phone = try points(v, name)
            case "sectors": settings.sectors = try sectors(v, name)
            case "size_bands": settings.sizeBands = try sizeBands(v, name)
            case "tier_a": settings.tierA = try threshold(v, name)
            case "tier_b": settings.tierB = try threshold(v, name)
            case "routes":
                let texts = try strings(v, name)
                do {
                    settings.routes = try RouteRule.parseList(texts)
                } catch {
                    throw ConfigError(path: path, "\(name): \(error)")
                }
            default: throw unknown(name, known: Self.scoringKeys)
            }
        }
        guard settings.recentFullDays <= settings.recentZeroDays else {
            throw ConfigError(
                path: path,
                "scoring.recent_full_days (\(settings.recentFullDays)) must not exceed scoring.recent_zero_days "
                    + "(\(settings.recentZeroDays)): the points are whole until the first age and gone at the second")
        }
        guard settings.tierB <= settings.tierA else {
            throw ConfigError(
                path: path,
                "scoring.tier_b (\(settings.tierB)) must not exceed scoring.tier_a (\(settings.tierA)): "
                    + "they are the lowest scores of tiers B and A")
        }
        return settings
    }

    /// Points of one rule; negative points are allowed (a size band that should lose some).
    private func points(_ value: TOMLValue, _ name: String) throws -> Int {
        guard case .integer(let n) = value, (-100...100).contains(n) else {
            throw ConfigError(
                path: path, "\(name) must be a whole number of points from -100 to 100, not \(shown(value))")
        }
        return n
    }

    private func days(_ value: TOMLValue, _ name: String) throws -> Int {
        guard case .integer(let n) = value, (0...3650).contains(n) else {
            throw ConfigError(path: path, "\(name) must be a whole number of days from 0 to 3650, not \(shown(value))")
        }
        return n
    }

    private func threshold(_ value: TOMLValue, _ name: String) throws -> Int {
        guard case .integer(let n) = value, (0...100).contains(n) else {
            throw ConfigError(path: path, "\(name) must be a score from 0 to 100, not \(shown(value))")
        }
        return n
    }

    private func shown(_ value: TOMLValue) -> String {
        if case .integer(let n) = value { return String(n) }
        return value.typeName
    }

    /// NAF prefixes ("56", "96.02", "56.10A") or section letters, each naming real codes.
    private func sectors(_ value: TOMLValue, _ name: String) throws -> [String: Int] {
        let codes = CodeList(tsv: NAFCatalogData.tsv).labels.keys.map { $0.replacingOccurrences(of: ".", with: "") }
        var result: [String: Int] = [:]
        var seen: [String: String] = [:]
        for (key, v) in try table(value, name) {
            let entry = "\(name).\"\(key)\""
            if case .table = v {
                // `96.02 = 15` without quotes is a dotted key: table 96, key 02.
                throw ConfigError(
                    path: path,
                    "\(name).\(key) must be a whole number of points; write codes with a dot in quotes: \"96.02\" = 15")
            }
            let points = try self.points(v, entry)
            let code = key.trimmingCharacters(in: .whitespaces).uppercased()
            if code.count == 1 {
                guard NAFCatalog.sectionLabel(code) != nil else {
                    throw ConfigError(path: path, "\(entry) is not a NAF section: use a letter from A to U")
                }
            } else {
                let plain = code.replacingOccurrences(of: ".", with: "")
                let dot = code.firstIndex(of: ".").map { code.distance(from: code.startIndex, to: $0) }
                let shape =
                    (2...5).contains(plain.count) && code.filter { $0 == "." }.count <= 1 && (dot == nil || dot == 2)
                    && plain.prefix(4).allSatisfy(\.isASCIIDigit) && (plain.count < 5 || plain.last!.isLetter)
                guard shape else {
                    throw ConfigError(
                        path: path,
                        "\(entry) is not a NAF prefix: write a division \"56\", a group \"56.1\", a class \"56.10\" "
                            + "or a code \"56.10A\", or a section letter \"I\"")
                }
                guard codes.contains(where: { $0.hasPrefix(plain) }) else {
                    throw ConfigError(path: path, "\(entry) matches no NAF rév. 2 code: check the code")
                }
                if let other = seen[plain] {
                    throw ConfigError(path: path, "\(entry) is the same prefix as \"\(other)\": keep one of them")
                }
                seen[plain] = key
            }
            result[key] = points
        }
        return result
    }

    private func sizeBands(_ value: TOMLValue, _ name: String) throws -> [String: Int] {
        var result: [String: Int] = [:]
        for (key, v) in try table(value, name) {
            guard SizeBands.label(for: key) != nil else {
                throw ConfigError(
                    path: path,
                    "\(name).\"\(key)\" is not an INSEE size band: use NN, 00, 01, 02, 03, 11, 12, 21, 22, 31, 32, "
                        + "41, 42, 51, 52 or 53, in quotes")
            }
            result[key] = try points(v, "\(name).\"\(key)\"")
        }
        return result
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
