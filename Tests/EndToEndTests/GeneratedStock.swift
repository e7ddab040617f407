import Foundation
import TestSupport

/// A seeded pair of Sirene stock files (StockUniteLegale, StockEtablissement) in the official
/// layout, big enough that an import takes about a second: one head office per unit, a second
/// establishment for one unit in four, and a few lines the importer must reject. The benchmark's
/// `StockGenerator` lives in an executable target that tests cannot import; this one also writes
/// establishments, which give the import its derived step (head-office addresses).
struct GeneratedStock {
    let units: Int
    let seed: UInt64

    struct Files {
        var units: String
        var establishments: String
    }

    private static let words = ["BOULANGERIE", "GARAGE", "ATELIER", "CABINET", "SOCIÉTÉ", "HÔTEL", "CAFÉ", "PLOMBERIE"]
    private static let places = ["DU CENTRE", "DE LA GARE", "DES ALPES", "DU PORT", "NORMAND", "DE PROVENCE"]
    private static let naf = ["62.01Z", "56.10A", "10.71C", "43.22A", "96.02A", "68.20B", "47.11B", "70.22Z"]
    private static let forms = ["5499", "5710", "5720", "1000", "9220", "5498"]
    private static let towns = [
        ("75011", "PARIS 11", "75111"), ("69001", "LYON 1ER", "69381"), ("38000", "GRENOBLE", "38185"),
        ("13001", "MARSEILLE 1ER", "13201"), ("33000", "BORDEAUX", "33063"), ("97400", "SAINT-DENIS", "97411"),
    ]

    func write(in folder: String) throws -> Files {
        let files = Files(
            units: folder + "/StockUniteLegale_generated.csv",
            establishments: folder + "/StockEtablissement_generated.csv")
        let unitHeader = try Self.header(of: "Fixtures/demo/StockUniteLegale_demo.csv")
        let establishmentHeader = try Self.header(of: "Fixtures/demo/StockEtablissement_demo.csv")
        var random = SplitMix64(seed: seed)
        var unitLines = [unitHeader.joined(separator: ",")]
        var establishmentLines = [establishmentHeader.joined(separator: ",")]
        func pick<T>(_ list: [T]) -> T { list[Int(random.next() % UInt64(list.count))] }
        for i in 0..<units {
            let siren = Luhn.siren(31_000_000 + i * 7)
            let nic = Luhn.nic(for: siren, seed: 1 + i % 9000)
            let form = pick(Self.forms)
            let sole = form == "1000"
            let created = String(format: "%04d-%02d-%02d", 1970 + i % 56, 1 + i % 12, 1 + i % 28)
            let state = random.next() % 9 == 0 ? "C" : "A"
            var unit: [String: String] = [
                "siren": siren, "statutDiffusionUniteLegale": random.next() % 20 == 0 ? "P" : "O",
                "dateCreationUniteLegale": created,
                "trancheEffectifsUniteLegale": pick(["NN", "00", "01", "02", "11"]),
                "dateDernierTraitementUniteLegale": "2025-03-22T14:31:05.000", "nombrePeriodesUniteLegale": "2",
                "dateDebut": created, "etatAdministratifUniteLegale": state, "categorieJuridiqueUniteLegale": form,
                "activitePrincipaleUniteLegale": pick(Self.naf), "nomenclatureActivitePrincipaleUniteLegale": "NAFRev2",
                "nicSiegeUniteLegale": nic, "economieSocialeSolidaireUniteLegale": "N",
                "caractereEmployeurUniteLegale": "N",
            ]
            if sole {
                unit["nomUniteLegale"] = pick(["MARTIN", "BERNARD", "DUBOIS", "LEFÈVRE"])
                unit["prenom1UniteLegale"] = pick(["ÉLÉONORE", "FRANÇOIS", "GAËLLE", "JÉRÔME"])
                unit["sexeUniteLegale"] = "M"
            } else {
                unit["denominationUniteLegale"] = "\(pick(Self.words)) \(pick(Self.places)) \(i)"
            }
            unitLines.append(Self.line(unitHeader, unit))
            let (postcode, city, code) = pick(Self.towns)
            for (number, head) in [(nic, true)]
                + (i % 4 == 0 ? [(Luhn.nic(for: siren, seed: 9001 + i % 900), false)] : [])
            {
                establishmentLines.append(
                    Self.line(
                        establishmentHeader,
                        [
                            "siren": siren, "nic": number, "siret": siren + number, "statutDiffusionEtablissement": "O",
                            "dateCreationEtablissement": created, "etablissementSiege": head ? "true" : "false",
                            "numeroVoieEtablissement": String(1 + i % 120), "typeVoieEtablissement": "RUE",
                            "libelleVoieEtablissement": head ? "DE LA PAIX" : "DU MOULIN",
                            "codePostalEtablissement": postcode, "libelleCommuneEtablissement": city,
                            "codeCommuneEtablissement": code, "dateDebut": created,
                            "etatAdministratifEtablissement": state == "C" ? "F" : "A",
                            "activitePrincipaleEtablissement": unit["activitePrincipaleUniteLegale"]!,
                            "nomenclatureActivitePrincipaleEtablissement": "NAFRev2",
                            "dateDernierTraitementEtablissement": "2025-03-22T14:31:05.000",
                        ]))
            }
            // A few lines the importer rejects, with their line numbers in the journal.
            if i % 2500 == 1234 {
                unitLines.append(Self.line(unitHeader, ["siren": "12345678X", "etatAdministratifUniteLegale": "A"]))
            }
        }
        try (unitLines.joined(separator: "\n") + "\n").write(toFile: files.units, atomically: false, encoding: .utf8)
        try (establishmentLines.joined(separator: "\n") + "\n").write(
            toFile: files.establishments, atomically: false, encoding: .utf8)
        return files
    }

    private static func header(of fixture: String) throws -> [String] {
        let text = try String(contentsOfFile: Binaries.root.path + "/" + fixture, encoding: .utf8)
        return text.prefix { $0 != "\n" && $0 != "\r\n" }.split(separator: ",", omittingEmptySubsequences: false)
            .map(String.init)
    }

    private static func line(_ header: [String], _ values: [String: String]) -> String {
        header.map { values[$0] ?? "" }.joined(separator: ",")
    }
}
