/// SIREN and SIRET numbers: formatting and the Luhn checksum that INSEE applies to them.
public enum Siren {
    /// Whether the ASCII digits pass the Luhn check. La Poste's establishments (SIREN 356000000)
    /// use a different rule: the digit sum of the SIRET is a multiple of 5.
    public static func isValid<C: Collection>(digits: C) -> Bool where C.Element == UInt8 {
        guard digits.count == 9 || digits.count == 14 else { return false }
        var sum = 0
        var plain = 0
        var double = digits.count % 2 == 0
        for byte in digits {
            guard byte >= 0x30 && byte <= 0x39 else { return false }
            let d = Int(byte - 0x30)
            plain += d
            if double {
                let twice = d * 2
                sum += twice > 9 ? twice - 9 : twice
            } else {
                sum += d
            }
            double.toggle()
        }
        if sum % 10 == 0 { return true }
        if digits.count == 14 && digits.starts(with: Array("356000000".utf8)) { return plain % 5 == 0 }
        return false
    }

    public static func isValid(_ text: String) -> Bool { isValid(digits: Array(text.utf8)) }

    /// "552100554" → "552 100 554".
    public static func format(siren: Int) -> String {
        let s = pad(siren, 9)
        let a = s.prefix(3)
        let b = s.dropFirst(3).prefix(3)
        let c = s.suffix(3)
        return "\(a) \(b) \(c)"
    }

    /// "55210055400013" → "552 100 554 00013".
    public static func format(siret: Int) -> String {
        let s = pad(siret, 14)
        return format(siren: siret / 100_000) + " " + s.suffix(5)
    }

    public static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
