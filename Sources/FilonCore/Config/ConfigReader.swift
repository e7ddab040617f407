/// Turns parsed TOML into typed settings, naming the key at fault in each error.
struct ConfigReader {
    let path: String

    func importFilter(_ value: TOMLValue) throws -> ImportFilterSettings {
        var filter = ImportFilterSettings()
        for (key, v) in try table(value, "import") {
            let name = "import.\(key)"
            switch key {
            case "active_only": filter.activeOnly = try bool(v, name)
            case "naf": filter.naf = try strings(v, name)
            case "departments": filter.departments = try strings(v, name).map { $0.uppercased() }
            case "created_after":
                let day = try string(v, name)
                guard Self.isCalendarDay(day) else {
                    throw ConfigError(path: path, "\(name) must be a date written YYYY-MM-DD, not \"\(day)\"")
                }
                filter.createdAfter = day
            case "exclude_sole_traders": filter.excludeSoleTraders = try bool(v, name)
            case "legal_forms": filter.legalForms = try strings(v, name)
            case "head_offices_only": filter.headOfficesOnly = try bool(v, name)
            default:
                throw unknown(
                    name,
                    known: [
                        "active_only", "naf", "departments", "created_after", "exclude_sole_traders",
                        "legal_forms", "head_offices_only",
                    ])
            }
        }
        return filter
    }

    func daemon(_ value: TOMLValue) throws -> DaemonSettings {
        var settings = DaemonSettings()
        for (key, v) in try table(value, "daemon") {
            let name = "daemon.\(key)"
            switch key {
            case "schedule":
                let text = try string(v, name)
                guard let schedule = Schedule.parse(text) else {
                    throw ConfigError(
                        path: path, "\(name) must be \"every N minutes\" or \"daily at HH:MM\", not \"\(text)\"")
                }
                settings.schedule = schedule
            case "enrich_per_pass": settings.enrichPerPass = try count(v, name)
            default: throw unknown(name, known: ["schedule", "enrich_per_pass"])
            }
        }
        return settings
    }

    /// `YYYY-MM-DD` naming a day that exists.
    static func isCalendarDay(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard text.count == 10, parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]), (1...12).contains(month)
        else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return (1...days).contains(day)
    }

    func providers(_ value: TOMLValue) throws -> [ProviderID: ProviderSettings] {
        var result: [ProviderID: ProviderSettings] = [:]
        for (id, v) in try table(value, "providers") {
            guard let provider = ProviderID(rawValue: id) else {
                throw unknown("providers.\(id)", known: ProviderID.allCases.map(\.rawValue))
            }
            var settings = ProviderSettings()
            for (key, field) in try table(v, "providers.\(id)") {
                let name = "providers.\(id).\(key)"
                switch key {
                case "base_url": settings.baseURL = try string(field, name)
                case "api_key": settings.apiKey = try string(field, name)
                case "enabled": settings.enabled = try bool(field, name)
                case "rate_per_minute": settings.ratePerMinute = try count(field, name)
                case "daily_budget": settings.dailyBudget = try count(field, name)
                case "min_score": settings.minScore = try count(field, name)
                case "extra_fields": settings.extraFields = try strings(field, name)
                default:
                    throw unknown(
                        name,
                        known: [
                            "base_url", "api_key", "enabled", "rate_per_minute", "daily_budget", "min_score",
                            "extra_fields",
                        ])
                }
            }
            result[provider] = settings
        }
        return result
    }

    func table(_ value: TOMLValue, _ name: String) throws -> [String: TOMLValue] {
        guard case .table(let t) = value else { throw wrongType(name, "a table", value) }
        return t
    }

    func string(_ value: TOMLValue, _ name: String) throws -> String {
        guard case .string(let s) = value else { throw wrongType(name, "a string in quotes", value) }
        return s
    }

    func bool(_ value: TOMLValue, _ name: String) throws -> Bool {
        guard case .boolean(let b) = value else { throw wrongType(name, "true or false", value) }
        return b
    }

    func count(_ value: TOMLValue, _ name: String) throws -> Int {
        guard case .integer(let n) = value, n >= 0 else { throw wrongType(name, "a whole number ≥ 0", value) }
        return n
    }

    func strings(_ value: TOMLValue, _ name: String) throws -> [String] {
        if case .string(let s) = value { return [s] }
        guard case .array(let items) = value else { throw wrongType(name, "a list of strings", value) }
        return try items.map { try string($0, name) }
    }

    func unknown(_ name: String, known: [String]) -> ConfigError {
        ConfigError(path: path, "unknown setting \(name); expected one of: \(known.sorted().joined(separator: ", "))")
    }

    private func wrongType(_ name: String, _ expected: String, _ value: TOMLValue) -> ConfigError {
        ConfigError(path: path, "\(name) must be \(expected), not \(value.typeName)")
    }
}
