import FilonCore
import Foundation

/// The `[import]` settings compiled to byte comparisons, applied to each row as it is read.
struct SireneFilter {
    let settings: ImportFilterSettings
    private let nafPrefixes: [[UInt8]]
    private let legalFormPrefixes: [[UInt8]]
    private let departments: Set<[UInt8]>
    private let createdAfter: [UInt8]?

    init(_ settings: ImportFilterSettings) {
        self.settings = settings
        nafPrefixes = settings.naf.flatMap(ImportFilterSettings.nafPrefixes(for:)).map { Array($0.utf8) }
        legalFormPrefixes = settings.legalForms.map { Array($0.utf8) }
        departments = Set(settings.departments.map { Array($0.uppercased().utf8) })
        createdAfter = settings.createdAfter.map { Array($0.utf8) }
    }

    /// Whether a legal unit is wanted, from its state, NAF code, creation date and legal form.
    func keepsUnit(
        state: UnsafeBufferPointer<UInt8>, naf: UnsafeBufferPointer<UInt8>, creation: UnsafeBufferPointer<UInt8>,
        legalForm: UnsafeBufferPointer<UInt8>
    ) -> Bool {
        if settings.activeOnly && !(state.count == 1 && state[0] == 0x41) { return false }
        if !nafPrefixes.isEmpty && !nafPrefixes.contains(where: { SireneValue.hasPrefix(naf, $0) }) { return false }
        if let createdAfter {
            guard SireneValue.isUsableDate(creation), !creation.lexicographicallyPrecedes(createdAfter) else {
                return false
            }
        }
        if settings.excludeSoleTraders && SireneValue.equals(legalForm, "1000") { return false }
        if !legalFormPrefixes.isEmpty && !legalFormPrefixes.contains(where: { SireneValue.hasPrefix(legalForm, $0) }) {
            return false
        }
        return true
    }

    /// Whether an establishment is wanted on its own terms (its legal unit is checked apart).
    func keepsEstablishment(
        state: UnsafeBufferPointer<UInt8>, isHeadOffice: Bool, cityCode: UnsafeBufferPointer<UInt8>,
        postalCode: UnsafeBufferPointer<UInt8>
    ) -> Bool {
        if settings.activeOnly && !(state.count == 1 && state[0] == 0x41) { return false }
        if settings.headOfficesOnly && !isHeadOffice { return false }
        if !departments.isEmpty
            && !departments.contains(SireneValue.department(cityCode: cityCode, postalCode: postalCode))
        {
            return false
        }
        return true
    }
}
