/// The outcomes an operator can choose, in menu order, with the key and the recycling rule of
/// each: the defaults with the configuration's changes, checked so that one key means one outcome.
public struct DispositionCatalog: Sendable, Equatable {
    public private(set) var keys: [Disposition: String]
    /// Absent: never recycled.
    public private(set) var recycleRules: [Disposition: RecycleRule]

    /// The defaults: keys 1 to 9 and the default recycling rules.
    public init() {
        keys = Dictionary(uniqueKeysWithValues: Disposition.allCases.map { ($0, $0.defaultKey) })
        recycleRules = Disposition.allCases.reduce(into: [:]) { rules, d in rules[d] = d.defaultRecycleRule }
    }

    /// The defaults with `keys` moved and `recycle` rules replaced (nil: never recycle).
    public init(
        keys overrides: [Disposition: String] = [:], recycle: [Disposition: RecycleRule?] = [:]
    ) throws(DispositionCatalogError) {
        self.init()
        for d in Disposition.allCases {
            guard let key = overrides[d] else { continue }
            guard Self.isUsableKey(key) else { throw .invalidKey(d, key) }
            keys[d] = key
        }
        for d in Disposition.allCases {
            guard let rule = recycle[d] else { continue }
            guard d.isRecyclable else { throw .notRecyclable(d) }
            recycleRules[d] = rule
        }
        for (i, d) in Disposition.allCases.enumerated() {
            let key = keys[d] ?? d.defaultKey
            let sharing = Disposition.allCases[(i + 1)...].filter { keys[$0] == key }
            if !sharing.isEmpty { throw .duplicateKey(key, [d] + sharing) }
        }
    }

    /// One visible character: the TUI reads one key press.
    static func isUsableKey(_ key: String) -> Bool {
        guard key.count == 1, let c = key.first else { return false }
        return !c.isWhitespace && !c.unicodeScalars.contains { $0.properties.generalCategory == .control }
    }

    /// The outcomes in menu order.
    public var dispositions: [Disposition] { Disposition.allCases }

    public func key(for disposition: Disposition) -> String { keys[disposition] ?? disposition.defaultKey }

    /// The outcome bound to `key`, nil when the key means nothing.
    public func disposition(forKey key: String) -> Disposition? {
        Disposition.allCases.first { self.key(for: $0) == key }
    }

    /// nil: the outcome is never recycled.
    public func recycleRule(for disposition: Disposition) -> RecycleRule? { recycleRules[disposition] }
}
