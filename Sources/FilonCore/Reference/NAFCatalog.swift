/// NAF rév. 2 activity codes (`62.01Z`) with their official labels and sections.
public enum NAFCatalog {
    private static let codes = CodeList(tsv: NAFCatalogData.tsv)
    private static let sections = CodeList(tsv: NAFCatalogData.sectionsTSV)

    /// "62.01Z" → "Programmation informatique"; accepts "6201Z" too.
    public static func label(for code: String) -> String? {
        codes.labels[code] ?? codes.labels[normalised(code)]
    }

    /// The section letter of a code ("62.01Z" → "J").
    public static func section(of code: String) -> String? {
        let fields = codes.fields[code] ?? codes.fields[normalised(code)]
        return fields.flatMap { $0.count >= 3 ? $0[1] : nil }
    }

    public static func sectionLabel(_ letter: String) -> String? { sections.labels[letter] }

    /// The two-digit divisions of a section ("I" → ["55", "56"]), from the catalogue itself.
    public static func divisions(inSection letter: String) -> [String] {
        Set(codes.fields.values.filter { $0.count >= 3 && $0[1] == letter }.map { String($0[0].prefix(2)) })
            .sorted()
    }

    public static var count: Int { codes.labels.count }

    private static func normalised(_ code: String) -> String {
        let plain = code.uppercased().filter { $0 != "." }
        guard plain.count == 5 else { return code }
        return plain.prefix(2) + "." + plain.dropFirst(2)
    }
}
