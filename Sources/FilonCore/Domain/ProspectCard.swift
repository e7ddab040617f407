/// Everything the customer's "fiche entreprise" shows about one prospect.
public struct ProspectCard: Sendable, Equatable {
    public struct Director: Sendable, Equatable {
        public var name: String
        public var role: String?
        public var source: String
    }

    public struct ContactPoint: Sendable, Equatable {
        public var kind: String
        public var value: String
        public var label: String?
        public var source: String
        public var optedOut: Bool
    }

    /// An important change the registries reported (a change event).
    public struct Change: Sendable, Equatable {
        public var kind: String
        public var oldValue: String?
        public var newValue: String?
        public var source: String
        public var detectedAt: String
    }

    public var siren: Int
    public var headOfficeSiret: Int?
    public var name: String
    public var acronym: String?
    public var legalForm: String?
    public var legalFormLabel: String?
    public var creationDate: String?
    public var isActive: Bool
    public var stateSince: String?
    public var isPartiallyDiffused: Bool
    public var addressLines: [String]
    public var department: String?
    public var nafCode: String?
    public var nafLabel: String?
    public var sizeBand: String?
    public var sizeBandLabel: String?
    public var category: String?
    public var directors: [Director]
    public var contactPoints: [ContactPoint]
    public var website: String?
    public var websiteVerdict: String?
    public var googlePresence: String?
    public var notes: String?
    public var score: Int
    public var scoreReasons: String?
    public var status: PipelineStatus
    public var doNotContact: Bool
    public var isArchived: Bool
    public var ownerName: String?
    /// When the company was first imported, and when anything about it last changed.
    public var importedAt: String?
    public var updatedAt: String?
    public var sources: [String]
    public var establishmentCount: Int
    /// The latest published accounts: year, revenue and net income in euros.
    public var latestFinance: FinanceYear?
    /// The most recent changes first.
    public var changes: [Change]

    public var emails: [ContactPoint] { contactPoints.filter { $0.kind == "email" } }
    public var phones: [ContactPoint] { contactPoints.filter { $0.kind == "phone" } }
}
