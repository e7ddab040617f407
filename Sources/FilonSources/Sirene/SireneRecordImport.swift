import FilonCore
import Foundation
import GRDB

/// Records that come from the Sirene API rather than a stock file, keyed by the same variable
/// names INSEE uses in both, go through the stock importer: one normalisation, one row hash, one
/// set of change events, whichever way a company arrives.
extension SireneImporter {
    /// Imports `records` into the table of `kind` under an existing run, committing as it goes.
    /// Call outside a transaction.
    func importRecords(
        _ records: [[String: String]], kind: SireneFileKind, name: String, db: Database, run: Int, now: String
    ) throws -> RunCounts {
        guard !records.isEmpty else { return RunCounts() }
        let input = try SireneInput.memory(name: name, csv: Self.csv(records, layout: kind.layout))
        let context = SireneTableImport.Context(
            db: db, run: run, now: now, source: source, filter: SireneFilter(filter), batchSize: batchSize,
            progress: { _, _ in })
        return try SireneTableImport(
            context: context, layout: kind.layout, reader: input.reader, header: input.header, path: name
        ).run()
    }

    /// The records as RFC 4180 CSV with the layout's header.
    static func csv(_ records: [[String: String]], layout: SireneLayout) -> Data {
        var header: [String] = []
        for name in layout.required + layout.columns.map(\.header) where !header.contains(name) {
            header.append(name)
        }
        var text = header.joined(separator: ",") + "\n"
        for record in records {
            text += header.map { quote(record[$0] ?? "") }.joined(separator: ",") + "\n"
        }
        return Data(text.utf8)
    }

    private static func quote(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
