import Foundation

/// An address as SMTP takes it: `local@domain`, ASCII only, checked once so that nothing
/// downstream (headers, `MAIL FROM`, `RCPT TO`) can carry a line break or an angle bracket.
public struct EmailAddress: Sendable, Hashable, CustomStringConvertible {
    public let localPart: String
    /// Lower-cased: domains are case-insensitive, and the suppression list compares addresses.
    public let domain: String

    public var value: String { localPart + "@" + domain }
    public var description: String { value }

    /// `role` names the address in the error ("recipient", "[mail] from").
    public init(_ text: String, role: String = "address") throws(EmailError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        func refuse(_ reason: String) -> EmailError { .invalidAddress(role: role, value: text, reason: reason) }
        guard !trimmed.isEmpty else { throw refuse("it is empty") }
        guard trimmed.unicodeScalars.allSatisfy({ $0.isASCII }) else {
            // SMTPUTF8 is not negotiated, so a non-ASCII address would be refused or mangled on the way.
            throw refuse("it has non-ASCII characters; write an internationalised domain in its xn-- form")
        }
        guard let at = trimmed.lastIndex(of: "@") else { throw refuse("it has no @") }
        let local = String(trimmed[..<at])
        let domain = String(trimmed[trimmed.index(after: at)...]).lowercased()
        guard !local.isEmpty, local.count <= 64 else { throw refuse("the part before @ must be 1 to 64 characters") }
        let atext = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~")
        let dotAtoms = local.split(separator: ".", omittingEmptySubsequences: false)
        guard dotAtoms.allSatisfy({ !$0.isEmpty && $0.allSatisfy(atext.contains) }) else {
            throw refuse("the part before @ has a character or a dot out of place")
        }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        let labelCharacters = Set("abcdefghijklmnopqrstuvwxyz0123456789-")
        guard domain.count <= 253, labels.count >= 2,
            labels.allSatisfy({
                (1...63).contains($0.count) && $0.allSatisfy(labelCharacters.contains) && $0.first != "-"
                    && $0.last != "-"
            })
        else { throw refuse("the domain after @ must look like example.fr") }
        localPart = local
        self.domain = domain
    }
}
