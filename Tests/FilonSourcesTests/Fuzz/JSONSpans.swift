/// Where the values, keys and containers of a JSON text are, found by a tolerant scan (the text
/// may already be broken by an earlier mutation): what the JSON mutations replace or repeat.
struct JSONSpans {
    /// Strings that are not keys, numbers, `true`, `false`, `null`.
    private(set) var values: [Range<Int>] = []
    /// Object keys, quotes included.
    private(set) var keys: [Range<Int>] = []
    /// Objects and arrays, brackets included.
    private(set) var containers: [Range<Int>] = []

    init(_ bytes: [UInt8]) {
        var open: [Int] = []
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            switch byte {
            case 0x22:  // a string: a key when a colon follows
                var end = i + 1
                while end < bytes.count && bytes[end] != 0x22 { end += bytes[end] == 0x5C ? 2 : 1 }
                end = min(end + 1, bytes.count)
                var next = end
                while next < bytes.count && [0x20, 0x09, 0x0A, 0x0D].contains(bytes[next]) { next += 1 }
                if next < bytes.count && bytes[next] == 0x3A { keys.append(i..<end) } else { values.append(i..<end) }
                i = end
            case 0x7B, 0x5B:
                open.append(i)
                i += 1
            case 0x7D, 0x5D:
                if let start = open.popLast() { containers.append(start..<(i + 1)) }
                i += 1
            case 0x2D, 0x30...0x39, 0x61...0x7A:  // a number or a literal
                var end = i
                while end < bytes.count && Self.isScalarByte(bytes[end]) { end += 1 }
                values.append(i..<end)
                i = end
            default:
                i += 1
            }
        }
    }

    private static func isScalarByte(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x61...0x7A).contains(byte) || byte == 0x2D || byte == 0x2B || byte == 0x2E
            || byte == 0x45
    }
}
