import Testing

@testable import FilonCore

@Suite struct SirenTests {
    @Test(arguments: ["552100554", "732829320", "55210055400013", "35600000000048"])
    func validNumbers(_ number: String) { #expect(Siren.isValid(number)) }

    @Test(arguments: ["552100555", "55210055", "ABCDEFGHI", "55210055400014", ""])
    func invalidNumbers(_ number: String) { #expect(!Siren.isValid(number)) }

    @Test func formatting() {
        #expect(Siren.format(siren: 16_750_697) == "016 750 697")
        #expect(Siren.format(siret: 55_210_055_400_013) == "552 100 554 00013")
    }

    @Test func referenceLists() {
        #expect(NAFCatalog.count == 732)
        #expect(NAFCatalog.label(for: "62.01Z") == "Programmation informatique")
        #expect(NAFCatalog.label(for: "6201z") == "Programmation informatique")
        #expect(NAFCatalog.section(of: "56.10A") == "I")
        #expect(NAFCatalog.divisions(inSection: "I") == ["55", "56"])
        #expect(NAFCatalog.divisions(inSection: "F") == ["41", "42", "43"])
        #expect(NAFCatalog.divisions(inSection: "Z").isEmpty)
        #expect(LegalForms.label(for: "1000") == "Entrepreneur individuel")
        #expect(SizeBands.label(for: "11") == "10 à 19 salariés")
    }
}
