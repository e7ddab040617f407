import FilonCore
import Logging

@testable import FilonSources

/// A detection pass for tests: only the given sources take part, with their settings (a fake
/// server's address, a key); retries are quick and logs are silent.
enum TestPass {
    static func make(_ db: AppDatabase, sources: [ProviderID: ProviderSettings], timeout: Double = 2) -> DetectionPass {
        var config = FilonConfig()
        for id in ProviderID.allCases {
            var settings = sources[id] ?? ProviderSettings()
            settings.enabled = sources[id] != nil
            config.providers[id] = settings
        }
        var pass = DetectionPass(
            database: db, config: config, logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        pass.policy = { _ in
            HTTPPolicy(
                ratePerMinute: nil, maxAttempts: 2, baseDelay: 0.05, maxDelay: 0.2, maxRetryAfter: 0.2,
                timeout: timeout)
        }
        return pass
    }

    /// Settings that point a source at `baseURL`, with an optional key.
    static func settings(_ baseURL: String, key: String? = nil) -> ProviderSettings {
        var settings = ProviderSettings()
        settings.baseURL = baseURL
        settings.apiKey = key
        return settings
    }

    /// What an adapter is given, pointed at a fake server, with quick retries.
    static func call(
        _ provider: String, baseURL: String, key: String?, settings: ProviderSettings = ProviderSettings(),
        stop: StopSignal = StopSignal()
    ) -> ProviderCall {
        ProviderCall(
            client: HTTPClient(
                provider: provider,
                policy: HTTPPolicy(ratePerMinute: nil, maxAttempts: 2, baseDelay: 0.05, maxRetryAfter: 0.2, timeout: 2)),
            baseURL: baseURL, apiKey: key, settings: settings, logger: Logger(label: "test"), stop: stop)
    }
}
