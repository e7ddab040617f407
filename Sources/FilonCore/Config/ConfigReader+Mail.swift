import Foundation

extension ConfigReader {
    static let mailKeys = [
        "url", "username", "password", "starttls", "from", "sender_name", "sender_company", "sender_address",
        "unsubscribe_address", "privacy_notice_url", "timeout", "connect_timeout", "templates_dir", "max_attempts",
    ]

    func mail(_ value: TOMLValue) throws -> MailSettings {
        var settings = MailSettings()
        for (key, v) in try table(value, "mail") {
            let name = "mail.\(key)"
            switch key {
            case "url": settings.smtp.url = try string(v, name)
            case "username": settings.smtp.username = try string(v, name)
            case "password": settings.smtp.password = try string(v, name)
            case "starttls":
                let text = try string(v, name)
                guard let mode = SMTPSettings.StartTLS(rawValue: text) else {
                    throw ConfigError(
                        path: path,
                        "\(name) must be \"required\", \"try\" or \"never\" (only for a relay on this machine), "
                            + "not \"\(text)\"")
                }
                settings.smtp.startTLS = mode
            case "from": settings.smtp.from = try address(v, name)
            case "sender_name": settings.smtp.senderName = try string(v, name)
            case "sender_company": settings.smtp.senderCompany = try string(v, name)
            case "sender_address": settings.smtp.senderAddress = try string(v, name)
            case "unsubscribe_address": settings.smtp.unsubscribeAddress = try address(v, name)
            case "privacy_notice_url": settings.smtp.privacyNoticeURL = try string(v, name)
            case "timeout": settings.smtp.timeout = try seconds(v, name)
            case "connect_timeout": settings.smtp.connectTimeout = try seconds(v, name)
            case "templates_dir": settings.templatesDirectory = try string(v, name)
            case "max_attempts":
                guard case .integer(let n) = v, n >= 1 else {
                    throw ConfigError(path: path, "\(name) must be a whole number ≥ 1, not \(Self.shown(v))")
                }
                settings.maxAttempts = n
            default: throw unknown(name, known: Self.mailKeys)
            }
        }
        return settings
    }

    /// Checked here so that a typo is reported with the file, not at the first send.
    private func address(_ value: TOMLValue, _ name: String) throws -> String {
        let text = try string(value, name)
        do {
            return try EmailAddress(text, role: name).value
        } catch {
            throw ConfigError(path: path, "\(error)")
        }
    }

    private func seconds(_ value: TOMLValue, _ name: String) throws -> Double {
        let seconds: Double
        switch value {
        case .integer(let n): seconds = Double(n)
        case .float(let x): seconds = x
        default: throw ConfigError(path: path, "\(name) must be a number of seconds > 0, not \(value.typeName)")
        }
        guard seconds > 0, seconds.isFinite else {
            throw ConfigError(path: path, "\(name) must be a number of seconds > 0, not \(Self.shown(value))")
        }
        return seconds
    }

    private static func shown(_ value: TOMLValue) -> String {
        switch value {
        case .integer(let n): return "\(n)"
        case .float(let x): return "\(x)"
        default: return value.typeName
        }
    }
}
