import Foundation
import GRDB
import Testing

@testable import FilonCore

/// Recipients and merge values from a card as the database builds it.
@Suite struct EmailComposerTests {
    let db: AppDatabase
    let siren = 552_100_554

    init() throws {
        db = try AppDatabase.inMemory()
        try db.writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO company (siren, denomination, naf_code, postal_code, city, row_hash)
                    VALUES (552100554, 'BOULANGERIE ELODIE', '10.71C', '42000', 'SAINT-ETIENNE-SUR-LOIRE 2', 1);
                    INSERT INTO prospect (siren, created_at, updated_at) VALUES (552100554, 'x', 'x');
                    INSERT INTO web_presence (siren, website, website_verdict, updated_at)
                    VALUES (552100554, 'boulangerie-elodie.fr', 'weak website', 'x');
                    INSERT INTO person (id, siren, role, last_name, first_names, is_director, source, retrieved_at)
                    VALUES (1, 552100554, 'Gérante', 'DUPRÉ', 'ÉLODIE, MARIE', 1, 'rne', 'x'),
                           (2, 552100554, 'Commercial', 'Martin', 'Paul', 0, 'dropcontact', 'x');
                    """)
            // In card order: generic, unknown, a director's (matched by name), opted out, a
            // provider's nominative one tied to a contact person, and one that is not an address.
            let points: [(String, Int?, String?, Bool)] = [
                ("contact@boulangerie-elodie.fr", nil, nil, false),
                ("elodie@boulangerie-elodie.fr", nil, nil, false),
                ("e.dupre@boulangerie-elodie.fr", nil, nil, false),
                ("ancien@boulangerie-elodie.fr", nil, nil, true),
                ("paul.martin@boulangerie-elodie.fr", 2, "nominative", false),
                ("pas une adresse", nil, nil, false),
            ]
            for (value, person, subtype, optedOut) in points {
                try db.execute(
                    sql: """
                        INSERT INTO contact_point (siren, person_id, kind, value, normalized, source, retrieved_at,
                          subtype, opted_out)
                        VALUES (552100554, ?, 'email', ?, ?, 'website_audit', 'x', ?, ?)
                        """, arguments: [person, value, value.lowercased(), subtype, optedOut])
            }
        }
    }

    func composer() throws -> EmailComposer { try #require(try EmailComposer.load(siren: siren, from: db)) }

    @Test func recipientsPutPeopleFirstAndLeaveOutOptedOutAddresses() throws {
        let recipients = try composer().recipients()
        #expect(
            recipients.map(\.address.value) == [
                "e.dupre@boulangerie-elodie.fr", "paul.martin@boulangerie-elodie.fr",
                "elodie@boulangerie-elodie.fr", "contact@boulangerie-elodie.fr",
            ])
        #expect(recipients[0].label == "Élodie Dupré, Gérante <e.dupre@boulangerie-elodie.fr>")
        #expect(recipients[1].label == "Paul Martin, Commercial <paul.martin@boulangerie-elodie.fr>")
        #expect(recipients[1].isNominative && !recipients[3].isNominative)
        #expect(recipients[3].label == "contact@boulangerie-elodie.fr" && recipients[3].mailbox.name == nil)
        #expect(try EmailComposer.load(siren: 999_999_999, from: db) == nil)
    }

    @Test func valuesForAPersonsAddressAndASharedOne() throws {
        let composer = try composer()
        let recipients = try composer.recipients()
        let sender = try SenderIdentity(
            name: "Léa Martin", company: "Atelier Web Martin", postalAddress: "12 rue des Lilas, 69001 Lyon",
            email: EmailAddress("lea@atelier-martin.fr"))
        let values = try composer.values(for: recipients[0], sender: sender)
        #expect(values[.company] == "BOULANGERIE ELODIE" && values[.siren] == "552 100 554")
        #expect(values[.firstName] == "Élodie" && values[.lastName] == "Dupré")
        #expect(values[.city] == "Saint-Etienne-sur-Loire")
        #expect(values[.website] == "boulangerie-elodie.fr")
        #expect(values[.websiteVerdict] == "votre site internet mériterait d'être modernisé")
        #expect(values[.activity] == "boulangerie et boulangerie-pâtisserie")
        #expect(values[.senderName] == "Léa Martin")
        let shared = try composer.values(for: recipients[3])
        #expect(shared[.firstName] == nil && shared[.lastName] == nil && shared[.senderName] == nil)

        let template = try EmailTemplate(
            parsing: "Subject: {{company}} à {{city}}\n\nBonjour {{first_name|Madame, Monsieur}},\n{{website_verdict}}."
        )
        #expect(try composer.draft(template, to: recipients[0]).body.hasPrefix("Bonjour Élodie,"))
        #expect(try composer.draft(template, to: recipients[3]).body.hasPrefix("Bonjour Madame, Monsieur,"))
        let strict = try EmailTemplate(parsing: "Subject: x\n\nBonjour {{last_name}},")
        #expect(throws: EmailComposerError.template(.missingValue(field: .lastName, line: 3))) {
            try composer.draft(strict, to: recipients[3])
        }
    }

    @Test func refusalsSayWhy() throws {
        let composer = try composer()
        // An address the card lists as opted out, offered by hand.
        let ancien = EmailRecipient(
            mailbox: Mailbox(address: try EmailAddress("ancien@boulangerie-elodie.fr")), isNominative: false,
            source: "x")
        #expect(throws: EmailComposerError.optedOut(address: "ancien@boulangerie-elodie.fr")) {
            try composer.values(for: ancien)
        }
        var card = composer.card
        card.doNotContact = true
        #expect(throws: EmailComposerError.doNotContact(company: "BOULANGERIE ELODIE")) {
            try EmailComposer(card: card).recipients()
        }
        card.doNotContact = false
        card.contactPoints = card.contactPoints.filter { $0.kind != "email" }
        #expect(throws: EmailComposerError.noEmailAddress(company: "BOULANGERIE ELODIE")) {
            try EmailComposer(card: card).recipients()
        }
        card.contactPoints = composer.card.contactPoints.map {
            var point = $0
            point.optedOut = true
            return point
        }
        #expect(throws: EmailComposerError.allOptedOut(company: "BOULANGERIE ELODIE")) {
            try EmailComposer(card: card).recipients()
        }
        #expect("\(EmailComposerError.noEmailAddress(company: "ALPHA"))".contains("filond enrich"))
    }

    @Test func namesAndPlacesLoseTheirCapitals() {
        #expect(EmailComposer.placeCase("BOULOGNE-SUR-MER") == "Boulogne-sur-Mer")
        #expect(EmailComposer.placeCase("LE HAVRE") == "Le Havre")
        #expect(EmailComposer.placeCase("VILLENEUVE-D'ASCQ") == "Villeneuve-d'Ascq")
        #expect(EmailComposer.placeCase("Saint-Denis") == "Saint-Denis")
        #expect(EmailComposer.nameCase("JEAN-PIERRE") == "Jean-Pierre")
        #expect(EmailComposer.nameCase("McDonald") == "McDonald")
        #expect(EmailContact.spells("jdupont@x.fr", firstNames: "Jean", lastName: "DUPONT"))
        #expect(EmailContact.spells("jean.dupont@x.fr", firstNames: "Jean Marie", lastName: "Dupont"))
        #expect(!EmailContact.spells("dupont@x.fr", firstNames: "Jean", lastName: "Dupont"))
        #expect(!EmailContact.spells("leroy@x.fr", firstNames: "Léa", lastName: "Le"))
    }
}
