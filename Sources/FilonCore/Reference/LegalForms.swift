/// INSEE legal form categories (`5499` → "Société à responsabilité limitée…").
public enum LegalForms {
    private static let list = CodeList(tsv: LegalFormData.tsv)

    public static func label(for code: String) -> String? { list.labels[code] }
}
