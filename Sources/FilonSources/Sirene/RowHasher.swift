/// FNV-1a over the normalised values of a row: equal hashes mean nothing Filon keeps has changed.
struct RowHasher {
    private(set) var value: UInt64 = 0xCBF2_9CE4_8422_2325

    @inline(__always)
    mutating func add(_ byte: UInt8) {
        value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }

    @inline(__always)
    mutating func add(_ bytes: UnsafeBufferPointer<UInt8>) {
        var v = value
        for b in bytes { v = (v ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        value = v
    }

    /// Separates values, so ("ab", "c") and ("a", "bc") differ; `present` tells null from empty.
    @inline(__always)
    mutating func endValue(present: Bool) { add(present ? 0x1F : 0x1E) }

    var signed: Int64 { Int64(bitPattern: value) }
}
