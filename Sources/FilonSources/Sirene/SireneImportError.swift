/// Why a file cannot be imported at all (as opposed to a bad line, which is skipped and counted).
public enum SireneImportError: Error, CustomStringConvertible, Equatable {
    case notSirene(path: String, detail: String)
    case missingColumns(path: String, columns: [String])
    case emptyFile(path: String)

    public var description: String {
        switch self {
        case .notSirene(let path, let detail):
            return "\(path): not a Sirene stock file (\(detail)). Expected StockUniteLegale or "
                + "StockEtablissement as CSV or as the official .zip."
        case .missingColumns(let path, let columns):
            return "\(path): the header lacks the column(s) \(columns.joined(separator: ", ")) that a Sirene "
                + "stock file always has."
        case .emptyFile(let path):
            return "\(path): the file is empty."
        }
    }
}
