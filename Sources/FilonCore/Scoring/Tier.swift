import Foundation

/// A prospect's rank by score: A ≥ `tier_a`, B ≥ `tier_b`, else C.
public enum Tier: String, Sendable, CaseIterable, Comparable {
    case a = "A"
    case b = "B"
    case c = "C"

    public static func < (x: Tier, y: Tier) -> Bool { x.rawValue < y.rawValue }

    var bit: UInt8 {
        switch self {
        case .a: return 1
        case .b: return 2
        case .c: return 4
        }
    }
}
