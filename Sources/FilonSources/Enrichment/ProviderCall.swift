import FilonCore
import Logging

/// What an adapter needs to make its requests: the shared HTTP client (rate, retries,
/// timeouts), the provider's address and key, its settings, and the stop signal.
struct ProviderCall: Sendable {
    let client: HTTPClient
    let baseURL: String
    let apiKey: String?
    let settings: ProviderSettings
    let logger: Logger
    let stop: StopSignal
}
