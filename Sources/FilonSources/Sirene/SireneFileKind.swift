/// The two Sirene stock files Filon imports, recognised from their header rather than their name.
public enum SireneFileKind: String, Sendable, Codable {
    case legalUnits = "StockUniteLegale"
    case establishments = "StockEtablissement"

    /// Recognises a header (any case). Nil when it is neither file.
    public static func recognise(header: [String]) -> SireneFileKind? {
        let names = Set(header.map { $0.lowercased() })
        guard names.contains("siren") else { return nil }
        if names.contains("siret") && names.contains("nic") && names.contains("etablissementsiege") {
            return .establishments
        }
        if names.contains("etatadministratifunitelegale")
            && (names.contains("denominationunitelegale") || names.contains("nomunitelegale"))
        {
            return .legalUnits
        }
        return nil
    }

    public var layout: SireneLayout {
        switch self {
        case .legalUnits: return .legalUnits
        case .establishments: return .establishments
        }
    }
}
