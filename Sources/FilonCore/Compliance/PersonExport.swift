/// Everything Filon holds about one person, with where each piece came from and when (RGPD art.
/// 15 and R8: "publicly available sources" is not an answer). Encoded as JSON for the person.
public struct PersonExport: Sendable, Codable, Equatable {
    /// A director or contact person row.
    public struct Person: Sendable, Codable, Equatable {
        public var siren: String
        public var kind: String
        public var role: String?
        public var lastName: String?
        public var firstNames: String?
        public var birthYear: Int?
        public var isDirector: Bool
        public var source: String
        public var retrievedAt: String
    }

    /// An email or phone (or profile) tied to them.
    public struct ContactPoint: Sendable, Codable, Equatable {
        public var siren: String
        public var kind: String
        public var value: String
        public var label: String?
        public var isPersonal: Bool
        public var optedOut: Bool
        public var source: String
        public var retrievedAt: String
    }

    /// A sole trader's name as the registry gives it: the company is the person.
    public struct RegistryEntry: Sendable, Codable, Equatable {
        public var siren: String
        public var name: String?
        public var diffusion: String
        public var source: String
        public var importedAt: String?
        public var changedAt: String?
    }

    /// A line of a prospect's history, or its notes, that names them.
    public struct Mention: Sendable, Codable, Equatable {
        public var siren: String
        public var kind: String
        public var at: String?
        public var text: String
    }

    /// Which source wrote a company field about them (`field_provenance`), e.g. `directors`.
    public struct Provenance: Sendable, Codable, Equatable {
        public var siren: String
        public var field: String
        public var source: String
        public var retrievedAt: String
    }

    public var request: String
    public var exportedAt: String
    public var controller: String
    public var persons: [Person] = []
    public var contactPoints: [ContactPoint] = []
    public var registry: [RegistryEntry] = []
    public var mentions: [Mention] = []
    public var provenance: [Provenance] = []
    /// Whether their email or phone, or the company, is on the "ne plus contacter" list.
    public var suppressed: [String] = []

    public var isEmpty: Bool { persons.isEmpty && contactPoints.isEmpty && registry.isEmpty && mentions.isEmpty }
}
