/// Byte-level checks of Sirene values, done on the reader's buffer without building strings.
enum SireneValue {
    /// `[ND]`: the value is not disclosed (partial diffusion).
    @inline(__always)
    static func isNotDisclosed(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        b.count == 4 && b[0] == 0x5B && b[1] == 0x4E && b[2] == 0x44 && b[3] == 0x5D
    }

    @inline(__always)
    static func digit(_ byte: UInt8) -> Int? { byte >= 0x30 && byte <= 0x39 ? Int(byte - 0x30) : nil }

    /// `YYYY-MM-DD` that exists in the calendar, and is not INSEE's `1900-01-01` for "unknown".
    static func isUsableDate(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard b.count >= 10, b[4] == 0x2D, b[7] == 0x2D else { return false }
        guard let y1 = digit(b[0]), let y2 = digit(b[1]), let y3 = digit(b[2]), let y4 = digit(b[3]),
            let m1 = digit(b[5]), let m2 = digit(b[6]), let d1 = digit(b[8]), let d2 = digit(b[9])
        else { return false }
        let year = y1 * 1000 + y2 * 100 + y3 * 10 + y4
        let month = m1 * 10 + m2
        let day = d1 * 10 + d2
        guard year > 1900 || (year == 1900 && (month != 1 || day != 1)), year >= 1000 else { return false }
        guard (1...12).contains(month), day >= 1 else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return day <= days
    }

    /// How many leading bytes of a `dateDernierTraitement` value to keep: to the second, or the
    /// day alone; 0 when it does not start with a usable date.
    static func timestampLength(_ b: UnsafeBufferPointer<UInt8>) -> Int {
        guard isUsableDate(b) else { return 0 }
        if b.count >= 19 && b[10] == 0x54 && b[13] == 0x3A && b[16] == 0x3A { return 19 }
        return 10
    }

    static func integer(_ b: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard !b.isEmpty, b.count <= 18 else { return nil }
        var value: Int64 = 0
        for byte in b {
            guard let d = digit(byte) else { return nil }
            value = value * 10 + Int64(d)
        }
        return value
    }

    /// A plain decimal number (`652345.1`, `-12.5`); nil for anything else.
    static func real(_ b: UnsafeBufferPointer<UInt8>) -> Double? {
        guard !b.isEmpty, b.count < 32 else { return nil }
        var i = 0
        var negative = false
        if b[0] == 0x2D {
            negative = true
            i = 1
        }
        var whole: Double = 0
        var sawDigit = false
        while i < b.count, let d = digit(b[i]) {
            whole = whole * 10 + Double(d)
            sawDigit = true
            i += 1
        }
        if i < b.count {
            guard b[i] == 0x2E else { return nil }
            i += 1
            var scale = 0.1
            while i < b.count, let d = digit(b[i]) {
                whole += Double(d) * scale
                scale /= 10
                sawDigit = true
                i += 1
            }
        }
        guard i == b.count, sawDigit else { return nil }
        return negative ? -whole : whole
    }

    @inline(__always)
    static func equals(_ b: UnsafeBufferPointer<UInt8>, _ text: StaticString) -> Bool {
        guard b.count == text.utf8CodeUnitCount else { return false }
        let t = text.utf8Start
        for i in 0..<b.count where b[i] != t[i] { return false }
        return true
    }

    /// Whether `b` starts with `prefix`.
    @inline(__always)
    static func hasPrefix(_ b: UnsafeBufferPointer<UInt8>, _ prefix: [UInt8]) -> Bool {
        guard b.count >= prefix.count else { return false }
        for i in 0..<prefix.count where b[i] != prefix[i] { return false }
        return true
    }

    /// The department of a commune code ("75056" → 75, "2A004" → 2A, "97411" → 974), falling back
    /// on the postal code when the commune code is missing (Corsica then reads "20": only the
    /// commune code tells 2A from 2B).
    static func department(cityCode: UnsafeBufferPointer<UInt8>, postalCode: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        let code = cityCode.count >= 2 ? cityCode : postalCode
        guard code.count >= 2 else { return [] }
        if code[0] == 0x39 && (code[1] == 0x37 || code[1] == 0x38) && code.count >= 3 {
            return [code[0], code[1], code[2]]
        }
        return [code[0], code[1]]
    }
}
