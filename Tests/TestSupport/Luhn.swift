/// Valid SIRENs and SIRETs for fake data: the registries reject numbers that fail Luhn.
public enum Luhn {
    /// `digits` followed by the check digit that makes the whole number pass.
    public static func complete(_ digits: String) -> String {
        for check in 0...9 where isValid(digits + String(check)) { return digits + String(check) }
        return digits + "0"
    }

    /// A SIREN built from an 8-digit seed.
    public static func siren(_ seed: Int) -> String {
        complete(String(String(seed).suffix(8)).leftPadded(to: 8))
    }

    /// A head-office NIC (4 digits + check) that makes `siren + nic` a valid SIRET.
    public static func nic(for siren: String, seed: Int = 1) -> String {
        String(complete(siren + String(seed % 10_000).leftPadded(to: 4)).suffix(5))
    }

    public static func isValid(_ number: String) -> Bool {
        var sum = 0
        for (i, c) in number.reversed().enumerated() {
            guard var d = c.wholeNumberValue else { return false }
            if i % 2 == 1 {
                d *= 2
                if d > 9 { d -= 9 }
            }
            sum += d
        }
        return sum % 10 == 0
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
