import Foundation
import GRDB
import Testing

@testable import FilonCore

/// Each kind of duplicate is found with its evidence; dismissed pairs and merged records are not.
@Suite struct DuplicateFinderTests {
    let base: QualityFixture

    init() throws { base = try QualityFixture() }

    func suggestions() throws -> [DuplicateSuggestion] {
        try base.db.writer.read { try DuplicateFinder(now: base.now).suggestions($0) }
    }

    @Test func sharedPhoneEmailAndWebsite() throws {
        for siren in [100, 200, 300] { try base.company(siren, "Company \(siren)") }
        try base.contact(100, "phone", "04 72 00 00 01")
        try base.contact(200, "phone", "+33 4 72 00 00 01")
        try base.contact(100, "email", "Contact@Dupont.fr")
        try base.contact(300, "email", "contact@dupont.fr")
        try base.db.writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO web_presence (siren, website, updated_at) VALUES
                      (200, 'https://www.dupont-lyon.fr/accueil', 'x'), (300, 'http://dupont-lyon.fr', 'x')
                    """)
        }
        let found = try suggestions()
        #expect(found.map { "\($0.first)-\($0.second)" } == ["100-200", "100-300", "200-300"])
        #expect(
            found[0].evidence == [
                DuplicateEvidence(kind: .phone, value: "+33472000001", detail: "same phone +33472000001")
            ])
        #expect(found[1].evidence.map(\.kind) == [.email] && found[1].evidence[0].value == "contact@dupont.fr")
        #expect(
            found[2].evidence == [
                DuplicateEvidence(kind: .website, value: "dupont-lyon.fr", detail: "same website dupont-lyon.fr")
            ])
    }

    @Test func nearIdenticalNamesAtTheSameStreet() throws {
        try base.company(
            100, "Boulangerie Dupont SARL", postalCode: "69001", number: "3", street: "RUE DE LA REPUBLIQUE")
        try base.company(
            200, "SAS BOULANGERIE DUPOND", postalCode: "69001", number: "3", street: "RUE  DE LA REPUBLIQUE")
        // Same name, another street; another name, same street.
        try base.company(300, "Boulangerie Dupont", postalCode: "69001", number: "5", street: "RUE DE LA REPUBLIQUE")
        try base.company(400, "Garage Martin", postalCode: "69001", number: "3", street: "RUE DE LA REPUBLIQUE")
        let found = try suggestions()
        #expect(found.map { "\($0.first)-\($0.second)" } == ["100-200"])
        #expect(found[0].evidence.map(\.kind) == [.nameAndAddress])
        #expect(found[0].evidence[0].detail.contains("near-identical names"))
    }

    @Test func soleTraderRegisteredAgain() throws {
        try base.company(
            100, legalForm: "1000", first: "Jean Pierre", last: "DUPONT", cityCode: "69381", state: "C",
            since: "2024-03-01")
        try base.company(200, legalForm: "1000", first: "JEAN", last: "Dupont", cityCode: "69381")
        // Same person elsewhere, and a namesake still active in the commune: no suggestion.
        try base.company(300, legalForm: "1000", first: "Jean", last: "Dupont", cityCode: "75056")
        let found = try suggestions()
        #expect(found.map { "\($0.first)-\($0.second)" } == ["100-200"])
        #expect(found[0].evidence.map(\.kind) == [.soleTrader])
        #expect(found[0].evidence[0].detail.contains("ceased 2024-03-01"))
    }

    @Test func dismissedPairsStayDismissed() throws {
        for siren in [100, 200] { try base.company(siren, "Company \(siren)") }
        try base.contact(100, "phone", "0472000001")
        try base.contact(200, "phone", "0472000001")
        #expect(try suggestions().count == 1)
        try base.db.writer.write { try DuplicateFinder(now: base.now).dismiss(200, 100, by: 1, $0) }
        #expect(try suggestions().isEmpty)
        // Dismissing twice is harmless.
        try base.db.writer.write { try DuplicateFinder(now: base.now).dismiss(100, 200, by: 1, $0) }
        #expect(throws: PermissionError.notAdmin(login: "tina", action: "dismiss duplicate suggestions")) {
            try base.db.writer.write { try DuplicateFinder(now: base.now).dismiss(100, 200, by: 2, $0) }
        }
    }

    @Test func crowdedPhonesAreNoEvidence() throws {
        for siren in 100...106 {
            try base.company(siren, "Client \(siren)")
            try base.contact(siren, "phone", "0472000099")
        }
        #expect(try suggestions().isEmpty)
    }

    @Test func editDistance() {
        #expect(DuplicateFinder.distance("dupont", "dupond", atMost: 1) == 1)
        #expect(DuplicateFinder.distance("dupont", "durand", atMost: 1) == nil)
        #expect(DuplicateFinder.nameKey("S.A.R.L. L'Épicerie de Léa") == "epicerie lea")
        #expect(DuplicateFinder.host("HTTPS://www.Exemple.fr:443/contact") == "exemple.fr")
    }
}
