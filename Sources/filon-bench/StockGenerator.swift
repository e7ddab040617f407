import FilonCore
import Foundation
import TestSupport

/// Writes StockUniteLegale-shaped CSV (the current 35-column layout) with a fixed seed, so every
/// run of the benchmark measures the same bytes.
struct StockGenerator {
    static let header =
        "siren,statutDiffusionUniteLegale,unitePurgeeUniteLegale,dateCreationUniteLegale,sigleUniteLegale,"
        + "sexeUniteLegale,prenom1UniteLegale,prenom2UniteLegale,prenom3UniteLegale,prenom4UniteLegale,"
        + "prenomUsuelUniteLegale,pseudonymeUniteLegale,identifiantAssociationUniteLegale,trancheEffectifsUniteLegale,"
        + "anneeEffectifsUniteLegale,dateDernierTraitementUniteLegale,nombrePeriodesUniteLegale,categorieEntreprise,"
        + "anneeCategorieEntreprise,dateDebut,etatAdministratifUniteLegale,nomUniteLegale,nomUsageUniteLegale,"
        + "denominationUniteLegale,denominationUsuelle1UniteLegale,denominationUsuelle2UniteLegale,"
        + "denominationUsuelle3UniteLegale,categorieJuridiqueUniteLegale,activitePrincipaleUniteLegale,"
        + "nomenclatureActivitePrincipaleUniteLegale,nicSiegeUniteLegale,economieSocialeSolidaireUniteLegale,"
        + "societeMissionUniteLegale,caractereEmployeurUniteLegale,activitePrincipaleNAF25UniteLegale"

    let rows: Int
    let seed: UInt64
    /// One row in `changeEvery` is altered in the "changed" copy (200 → 0.5 %).
    let changeEvery: Int

    private static let words = [
        "BOULANGERIE", "GARAGE", "ATELIER", "CABINET", "SOCIÉTÉ", "HÔTEL", "CAFÉ", "PÂTISSERIE", "MAÇONNERIE",
        "ÉLECTRICITÉ", "PLOMBERIE", "TRANSPORTS", "CONSEIL", "IMMOBILIER", "COIFFURE", "BOUCHERIE", "FLEURS",
    ]
    private static let places = [
        "DU CENTRE", "DE LA GARE", "DES ALPES", "DE L'OUEST", "SAINT-ÉTIENNE", "MONTPELLIER", "LYONNAIS",
        "BRETON", "DU PORT", "DES VOSGES", "NORMAND", "DE PROVENCE",
    ]
    private static let lastNames = ["MARTIN", "BERNARD", "DUBOIS", "THOMAS", "ROBERT", "PETIT", "LEFÈVRE", "GARÇON"]
    private static let firstNames = ["ÉLÉONORE", "FRANÇOIS", "GAËLLE", "JÉRÔME", "HÉLÈNE", "NOËL", "AGNÈS", "LOUIS"]
    private static let naf = ["62.01Z", "56.10A", "10.71C", "43.22A", "96.02A", "68.20B", "47.11B", "70.22Z", "86.21Z"]
    private static let forms = ["5499", "5710", "5720", "1000", "1000", "9220", "6540", "5498"]
    private static let bands = ["NN", "00", "01", "02", "03", "11", "12", ""]

    /// Writes the file; with `changed`, every `changeEvery`-th row gets a new NAF code and state.
    /// Returns the number of rows altered.
    @discardableResult
    func write(to path: String, changed: Bool) throws -> Int {
        guard
            let out = FileHandle(forWritingAtPath: path)
                ?? {
                    _ = FileManager.default.createFile(atPath: path, contents: nil)
                    return FileHandle(forWritingAtPath: path)
                }()
        else { throw CocoaError(.fileWriteNoPermission) }
        defer { try? out.close() }
        try out.truncate(atOffset: 0)
        var random = SplitMix64(seed: seed)
        var buffer = StockGenerator.header + "\n"
        var altered = 0
        var base = 100_000_00
        for i in 0..<rows {
            base += 1 + Int(random.next() % 40)
            let siren = Self.withLuhn(base)
            let form = Self.forms[Int(random.next() % UInt64(Self.forms.count))]
            let soleTrader = form == "1000"
            let year = 1960 + Int(random.next() % 66)
            let month = 1 + Int(random.next() % 12)
            let day = 1 + Int(random.next() % 28)
            let created = String(format: "%04d-%02d-%02d", year, month, day)
            var state = random.next() % 8 == 0 ? "C" : "A"
            var code = Self.naf[Int(random.next() % UInt64(Self.naf.count))]
            if changed && i % changeEvery == changeEvery - 1 {
                code = code == "62.01Z" ? "62.02A" : "62.01Z"
                state = state == "A" ? "C" : "A"
                altered += 1
            }
            let w1 = Self.words[Int(random.next() % UInt64(Self.words.count))]
            let w2 = Self.places[Int(random.next() % UInt64(Self.places.count))]
            let last = Self.lastNames[Int(random.next() % UInt64(Self.lastNames.count))]
            let first = Self.firstNames[Int(random.next() % UInt64(Self.firstNames.count))]
            let denomination = soleTrader ? "" : (random.next() % 5 == 0 ? "\"\(w1) \(w2), \(last)\"" : "\(w1) \(w2)")
            let band = Self.bands[Int(random.next() % UInt64(Self.bands.count))]
            let fields: [String] = [
                Siren.pad(siren, 9), "O", "", created, "", soleTrader ? "M" : "", soleTrader ? first : "", "", "", "",
                soleTrader ? first : "", "", form == "9220" ? "W\(Siren.pad(base % 1_000_000_000, 9))" : "", band,
                band.isEmpty || band == "NN" ? "" : "2023", "2025-03-22T14:31:05.000", "2", "PME", "2022", created,
                state, soleTrader ? last : "", "", denomination, "", "", "", form, code, "NAFRev2",
                Siren.pad(Int(random.next() % 99) + 1, 5), "N", "", "N", "",
            ]
            buffer += fields.joined(separator: ",")
            buffer += "\n"
            if buffer.utf8.count > 1 << 20 {
                out.write(Data(buffer.utf8))
                buffer.removeAll(keepingCapacity: true)
            }
        }
        out.write(Data(buffer.utf8))
        return altered
    }

    /// Appends the Luhn check digit to an 8-digit number.
    static func withLuhn(_ eight: Int) -> Int {
        for digit in 0...9 where Siren.isValid(Siren.pad(eight * 10 + digit, 9)) { return eight * 10 + digit }
        return eight * 10
    }
}
