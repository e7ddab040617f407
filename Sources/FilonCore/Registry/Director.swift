import Foundation

/// A director (dirigeant) as a registry lists it: a person, or a company holding the mandate.
public struct Director: Sendable, Equatable, Hashable {
    public enum Kind: String, Sendable { case physical, legal }

    public var kind: Kind
    public var role: String?
    public var lastName: String?
    public var firstNames: String?
    public var birthYear: Int?
    public var legalSiren: Int?
    public var legalName: String?

    public init(
        kind: Kind, role: String? = nil, lastName: String? = nil, firstNames: String? = nil, birthYear: Int? = nil,
        legalSiren: Int? = nil, legalName: String? = nil
    ) {
        self.kind = kind
        self.role = role
        self.lastName = lastName
        self.firstNames = firstNames
        self.birthYear = birthYear
        self.legalSiren = legalSiren
        self.legalName = legalName
    }

    /// How events and cards name the director.
    public var displayName: String {
        switch kind {
        case .legal: return legalName ?? legalSiren.map { Siren.format(siren: $0) } ?? "?"
        case .physical: return [firstNames, lastName].compactMap { $0 }.joined(separator: " ")
        }
    }

    /// Sources spell the same person differently ("DUPONT" / "Dupont", "Jean, Marie" /
    /// "Jean Marie"); two directors are the same when these keys match.
    public var identity: String {
        func fold(_ text: String?) -> String {
            (text ?? "").folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
                .split(whereSeparator: { !$0.isLetter && !$0.isNumber }).joined(separator: " ")
        }
        switch kind {
        case .legal: return "legal|" + (legalSiren.map(String.init) ?? fold(legalName))
        case .physical: return "physical|" + fold(lastName) + "|" + fold(firstNames)
        }
    }
}
