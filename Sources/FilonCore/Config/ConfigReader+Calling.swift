import Foundation

extension ConfigReader {
    func calling(_ value: TOMLValue) throws -> CallingSettings {
        var settings = CallingSettings()
        var keys: [Disposition: String] = [:]
        var recycle: [Disposition: RecycleRule?] = [:]
        for (key, v) in try table(value, "calling") {
            let name = "calling.\(key)"
            switch key {
            case "company_hours": settings.companyHours = try callingHours(v, name)
            case "sole_trader_hours": settings.soleTraderHours = try callingHours(v, name)
            case "skip_public_holidays": settings.skipPublicHolidays = try bool(v, name)
            case "sole_trader_max_attempts": settings.soleTraderMaxAttempts = try atLeastOne(v, name)
            case "sole_trader_attempt_days": settings.soleTraderAttemptDays = try atLeastOne(v, name)
            case "rest_after_refusal_days": settings.restAfterRefusalDays = try atLeastOne(v, name)
            case "untreated_days": settings.untreatedDays = try atLeastOne(v, name)
            case "share_callbacks_after_hours": settings.shareCallbacksAfterHours = try atLeastOne(v, name)
            case "dial_command": settings.dialCommand = try dialCommand(v, name)
            case "keys":
                for (outcome, k) in try table(v, name) {
                    keys[try disposition(outcome, in: name)] = try string(k, "\(name).\(outcome)")
                }
            case "recycle":
                for (outcome, r) in try table(v, name) {
                    let ruleName = "\(name).\(outcome)"
                    let text = try string(r, ruleName)
                    if text.trimmingCharacters(in: .whitespaces).lowercased() == "never" {
                        // A nil rule, not a missing one: "never" replaces the default.
                        recycle[try disposition(outcome, in: name)] = .some(nil)
                        continue
                    }
                    guard let rule = RecycleRule.parse(text) else {
                        throw ConfigError(
                            path: path,
                            "\(ruleName) must be a delay in m, h or d and a maximum of attempts, like \"4h x6\", "
                                + "or \"never\", not \"\(text)\"")
                    }
                    recycle[try disposition(outcome, in: name)] = rule
                }
            default:
                throw unknown(
                    name,
                    known: [
                        "company_hours", "sole_trader_hours", "skip_public_holidays", "sole_trader_max_attempts",
                        "sole_trader_attempt_days", "rest_after_refusal_days", "keys", "recycle", "untreated_days",
                        "share_callbacks_after_hours", "dial_command",
                    ])
            }
        }
        do {
            settings.dispositions = try DispositionCatalog(keys: keys, recycle: recycle)
        } catch {
            // Whichever table the fault is in, the message names the outcome and the fix.
            let table: String
            switch error {
            case .notRecyclable: table = "calling.recycle"
            case .invalidKey, .duplicateKey: table = "calling.keys"
            }
            throw ConfigError(path: path, "\(table): \(error)")
        }
        return settings
    }

    private func callingHours(_ value: TOMLValue, _ name: String) throws -> [CallingHours] {
        let lines = try strings(value, name)
        guard !lines.isEmpty else {
            throw ConfigError(path: path, "\(name) must list at least one range, like [\"Mo-Fr 10:00-13:00\"]")
        }
        return try lines.map { line in
            do {
                return try CallingHours.parse(line)
            } catch {
                throw ConfigError(path: path, "\(name): \(error)")
            }
        }
    }

    /// A list of strings, or one string split on whitespace; nil when empty (dialling by hand).
    private func dialCommand(_ value: TOMLValue, _ name: String) throws -> DialCommand? {
        let template: [String]
        switch value {
        case .string(let line):
            template = line.split(whereSeparator: \.isWhitespace).map(String.init)
        case .array(let items):
            template = try items.map { item in
                guard case .string(let s) = item else {
                    throw ConfigError(
                        path: path,
                        "\(name) must list strings in quotes, the program then its arguments, "
                            + "like [\"linphonecsh\", \"dial\", \"{phone}\"], not \(item.typeName)")
                }
                return s
            }
        default:
            throw ConfigError(
                path: path,
                "\(name) must be the program then its arguments, like [\"linphonecsh\", \"dial\", \"{phone}\"], "
                    + "not \(value.typeName)")
        }
        guard !template.isEmpty else { return nil }
        do {
            return try DialCommand(template)
        } catch {
            throw ConfigError(path: path, "\(name): \(error)")
        }
    }

    private func atLeastOne(_ value: TOMLValue, _ name: String) throws -> Int {
        guard case .integer(let n) = value, n >= 1 else {
            let found: String
            if case .integer(let n) = value { found = "\(n)" } else { found = value.typeName }
            throw ConfigError(path: path, "\(name) must be a whole number ≥ 1, not \(found)")
        }
        return n
    }

    private func disposition(_ outcome: String, in table: String) throws -> Disposition {
        guard let d = Disposition(rawValue: outcome) else {
            throw unknown("\(table).\(outcome)", known: Disposition.allCases.map(\.rawValue))
        }
        return d
    }
}
