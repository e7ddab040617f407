import Foundation

/// Filon's settings: the TOML file (`--config`, else `$FILON_CONFIG`, else
/// `$XDG_CONFIG_HOME/filon/filon.toml`), with provider URLs and keys overridden by the environment
/// (`FILON_<ID>_BASE_URL`, `FILON_<ID>_API_KEY`). A missing default file means defaults.
public struct FilonConfig: Sendable, Equatable {
    public var importFilter = ImportFilterSettings()
    public var providers: [ProviderID: ProviderSettings] = [:]
    public var theme: String?
    public var daemon = DaemonSettings()
    public var scoring = ScoringSettings()
    public var calling = CallingSettings()
    public var mail = MailSettings()
    /// Where the settings came from, for messages.
    public var path: String?

    public init() {}

    public static func defaultPath(environment: [String: String]) -> String {
        if let env = environment["FILON_CONFIG"], !env.isEmpty { return env }
        let configHome =
            environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.config")
        return configHome + "/filon/filon.toml"
    }

    /// Loads the file named by `--config` (which must exist) or the default one (which may not).
    public static func load(explicitPath: String?, environment: [String: String]) throws -> FilonConfig {
        let path = explicitPath ?? defaultPath(environment: environment)
        var config: FilonConfig
        if FileManager.default.fileExists(atPath: path) {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ConfigError(path: path, "cannot be read: check its permissions")
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw ConfigError(path: path, "is not UTF-8 text")
            }
            config = try parse(text, path: path)
            try ConfigFileMode.of(path: path)?.check(path: path, holdsSecrets: config.holdsSecrets)
        } else if explicitPath != nil {
            throw ConfigError(path: path, "no such file")
        } else {
            config = FilonConfig()
        }
        config.applyEnvironment(environment)
        return config
    }

    /// Reads settings from TOML text; `path` only names the place in errors.
    public static func parse(_ text: String, path: String) throws -> FilonConfig {
        let root: [String: TOMLValue]
        do {
            root = try TOMLParser.parse(text)
        } catch let error as TOMLParser.ParseError {
            throw ConfigError(path: path, line: error.line, error.message)
        }
        var config = FilonConfig()
        config.path = path
        let reader = ConfigReader(path: path)
        for (key, value) in root {
            switch key {
            case "import": config.importFilter = try reader.importFilter(value)
            case "providers": config.providers = try reader.providers(value)
            case "daemon": config.daemon = try reader.daemon(value)
            case "scoring": config.scoring = try reader.scoring(value)
            case "calling": config.calling = try reader.calling(value)
            case "mail": config.mail = try reader.mail(value)
            case "ui":
                let table = try reader.table(value, "ui")
                for (k, v) in table {
                    guard k == "theme" else { throw reader.unknown("ui.\(k)", known: ["theme"]) }
                    config.theme = try reader.string(v, "ui.theme")
                }
            default:
                throw reader.unknown(key, known: ["calling", "daemon", "import", "mail", "providers", "scoring", "ui"])
            }
        }
        return config
    }

    /// Whether the settings name a provider key or the SMTP password.
    public var holdsSecrets: Bool {
        providers.values.contains { $0.apiKey?.isEmpty == false } || mail.smtp.password?.isEmpty == false
    }

    /// Environment variables win over the file, so keys can stay out of it.
    public mutating func applyEnvironment(_ environment: [String: String]) {
        mail.applyEnvironment(environment)
        for id in ProviderID.allCases {
            let url = environment[id.environmentPrefix + "BASE_URL"]
            let key = environment[id.environmentPrefix + "API_KEY"]
            guard url != nil || key != nil else { continue }
            var settings = providers[id] ?? ProviderSettings()
            if let url, !url.isEmpty { settings.baseURL = url }
            if let key, !key.isEmpty { settings.apiKey = key }
            providers[id] = settings
        }
    }
}
