/// INSEE staff size bands (`trancheEffectifs`: `NN`, `00`, `01`… `53`).
public enum SizeBands {
    private static let list = CodeList(tsv: SizeBandData.tsv)

    public static func label(for code: String) -> String? { list.labels[code] }
}
