import Foundation

/// A code list shipped with Filon (NAF, legal forms, size bands), read from tab-separated text:
/// `code<TAB>…<TAB>label`, the label in the last field.
struct CodeList: Sendable {
    let labels: [String: String]
    let fields: [String: [String]]

    init(tsv: String) {
        var labels: [String: String] = [:]
        var fields: [String: [String]] = [:]
        for line in tsv.split(separator: "\n") {
            let parts = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard parts.count >= 2, let code = parts.first, !code.isEmpty else { continue }
            labels[code] = parts.last!.trimmingCharacters(in: .whitespaces)
            fields[code] = parts
        }
        self.labels = labels
        self.fields = fields
    }
}
