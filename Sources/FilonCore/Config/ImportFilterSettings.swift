import Foundation

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

    /// "J" → every division of section J; "6201Z" or "62.01z" → "62.01Z"; "62" stays a prefix.
    public static func nafPrefixes(for entry: String) -> [String] {
        let trimmed = entry.trimmingCharacters(in: .whitespaces).uppercased()
        if trimmed.count == 1, case let divisions = NAFCatalog.divisions(inSection: trimmed), !divisions.isEmpty {
            return divisions
        }
        let plain = trimmed.replacingOccurrences(of: ".", with: "")
        guard plain.count > 2 else { return [plain] }
        return [plain.prefix(2) + "." + plain.dropFirst(2)]
    }

    /// Whether a company seen outside the stock (a registration notice, a registry answer) is
    /// wanted. A filter that needs a value the source did not give keeps the company out: Sirene
    /// will bring it with every field, and the filter decides then.
    public func admits(
        active: Bool, nafCode: String?, creationDate: String?, legalForm: String?, department: String?
    ) -> Bool {
        if activeOnly && !active { return false }
        if !naf.isEmpty {
            guard let nafCode, naf.flatMap(Self.nafPrefixes(for:)).contains(where: { nafCode.hasPrefix($0) }) else {
                return false
            }
        }
        if let createdAfter {
            guard let creationDate, creationDate >= createdAfter else { return false }
        }
        if excludeSoleTraders && legalForm == "1000" { return false }
        if !legalForms.isEmpty {
            guard let legalForm, legalForms.contains(where: { legalForm.hasPrefix($0) }) else { return false }
        }
        if !departments.isEmpty {
            guard let department, departments.contains(department.uppercased()) else { return false }
        }
        return true
    }
}
