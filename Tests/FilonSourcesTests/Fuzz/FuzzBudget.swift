import Foundation

/// How much the suite fuzzes: fixed by default so CI stays bounded, larger through the
/// environment for a longer run (`FILON_FUZZ_ITERATIONS=20000 swift test --filter Fuzz`).
enum FuzzBudget {
    /// Mutated inputs per parser in a plain `swift test`.
    static let defaultIterations = 300
    /// The seed of every run unless `FILON_FUZZ_SEED` (decimal or 0x…) gives another.
    static let defaultSeed: UInt64 = 0x00F1_10F0_2026_1126
    /// No input grows past this: the parsers' time stays bounded, and so does the suite's.
    static let maxInputBytes = 64 << 10

    static var iterations: Int {
        ProcessInfo.processInfo.environment["FILON_FUZZ_ITERATIONS"].flatMap { Int($0) }.map { max(0, $0) }
            ?? defaultIterations
    }

    static var seed: UInt64 {
        guard let text = ProcessInfo.processInfo.environment["FILON_FUZZ_SEED"] else { return defaultSeed }
        if text.hasPrefix("0x") { return UInt64(text.dropFirst(2), radix: 16) ?? defaultSeed }
        return UInt64(text) ?? defaultSeed
    }
}
