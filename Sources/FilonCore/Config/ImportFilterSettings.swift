/// `[import]`: which part of the Sirene stock a freelancer wants in their CRM. Empty means all.
public struct ImportFilterSettings: Sendable, Equatable {
    /// Only active legal units and open establishments.
    public var activeOnly = false
    /// NAF codes, prefixes ("62", "62.01", "6201Z") or sections ("J").
    public var naf: [String] = []
    /// Department codes of the head office ("75", "2A", "974").
    public var departments: [String] = []
    /// Only units created on or after this day (`YYYY-MM-DD`).
    public var createdAfter: String?
    /// Leave out sole traders (legal form 1000).
    public var excludeSoleTraders = false
    /// Legal form codes or prefixes ("5499", "57").
    public var legalForms: [String] = []
    /// Keep only the head office of each company.
    public var headOfficesOnly = false

    public init() {}

    /// Filters that need the legal unit to be known before its establishments are kept.
    public var filtersUnits: Bool {
        activeOnly || !naf.isEmpty || createdAfter != nil || excludeSoleTraders || !legalForms.isEmpty
    }

    public var isEmpty: Bool { !filtersUnits && departments.isEmpty && !headOfficesOnly }
}
