import TestSupport

extension SplitMix64 {
    /// The generator of one fuzz iteration: independent of the others, so that one input is rebuilt
    /// alone from the suite's seed, the target and the iteration number, on any machine.
    static func forIteration(_ iteration: Int, of target: String, seed: UInt64) -> SplitMix64 {
        var mixer = SplitMix64(seed: seed ^ fnv1a(target) ^ (UInt64(iteration) &* 0x2545_F491_4F6C_DD1D))
        return SplitMix64(seed: mixer.next())
    }

    /// FNV-1a: a stable hash (Swift's `Hasher` changes with every process).
    static func fnv1a(_ text: String) -> UInt64 {
        text.utf8.reduce(0xCBF2_9CE4_8422_2325) { ($0 ^ UInt64($1)) &* 0x0000_0100_0000_01B3 }
    }
}
