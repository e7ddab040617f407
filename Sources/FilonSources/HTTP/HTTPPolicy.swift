/// How the client paces, retries and bounds the calls to one provider.
public struct HTTPPolicy: Sendable {
    /// Requests per minute allowed by the provider's plan; nil when it does not limit.
    public var ratePerMinute: Int?
    /// Attempts in all, the first one included.
    public var maxAttempts: Int
    /// Seconds before the first retry; doubled at each retry, with ±20 % jitter.
    public var baseDelay: Double
    public var maxDelay: Double
    /// The longest `Retry-After` honoured, in seconds: a larger one is shortened to this.
    public var maxRetryAfter: Double
    /// Seconds without any byte from the server before an attempt times out.
    public var timeout: Double
    /// The largest body kept in memory by `send` (downloads stream to disk and have no limit).
    public var maxBodyBytes: Int
    public var userAgent: String

    public init(
        ratePerMinute: Int? = nil, maxAttempts: Int = 4, baseDelay: Double = 1, maxDelay: Double = 60,
        maxRetryAfter: Double = 300, timeout: Double = 30, maxBodyBytes: Int = 64 << 20,
        userAgent: String = "Filon/0.1 (prospecting CRM; +https://github.com/filon-crm)"
    ) {
        self.ratePerMinute = ratePerMinute
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxRetryAfter = maxRetryAfter
        self.timeout = timeout
        self.maxBodyBytes = maxBodyBytes
        self.userAgent = userAgent
    }
}
