import ArgumentParser
import FilonCLI
import FilonCore
import Foundation

/// `filon history SIREN [--json]`: the company's traceability record, oldest first: every field
/// change with its source or user and time, who gave each value held (with the source's legal
/// basis), what people did, the privacy notices given and the admins' acts on the record.
struct HistoryCommand: DatabaseCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Show where each field of a company came from and every change to it, with who and when.")

    @OptionGroup var common: CommonOptions

    @Flag(help: "Print the entries as JSON.")
    var json = false

    @Argument(help: "The company's SIREN.")
    var siren: String

    func run() throws {
        let number = try SirenText.parse(siren)
        let database = try common.openDatabase()
        let (entries, summary) = try database.writer.read { db in
            do {
                return (
                    try FieldHistory.entries(siren: number, db), try FieldHistory.complianceSummary(siren: number, db)
                )
            } catch let error as ContactRecordError {
                throw CommandFailure.usage(error.description)
            }
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(entries), as: UTF8.self))
            return
        }
        print("History of \(Siren.format(siren: number)): \(entries.count) entr\(entries.count == 1 ? "y" : "ies")")
        print(
            "  privacy notice: \(summary.informed ? "given" : "none recorded")"
                + ", last inbound contact: \(summary.lastInboundContact ?? "none")")
        var sources = Set<String>()
        for entry in entries {
            print(Self.line(entry))
            if let source = entry.source, entry.legalBasis != nil { sources.insert(source) }
        }
        if !sources.isEmpty {
            print("Sources (RGPD: legal basis; method; terms)")
            for source in sources.sorted() {
                guard let provider = ProviderID(rawValue: source) else { continue }
                print("  \(source): \(ProviderLegalBasis.of(provider).line)")
            }
        }
    }

    /// "2026-11-20T10:00:00Z  action  status_change  contacte → interesse  by tina".
    static func line(_ entry: FieldHistoryEntry) -> String {
        var parts = [entry.at, entry.origin.rawValue, entry.field]
        let values = [entry.oldValue, entry.newValue].compactMap { $0 }
        if !values.isEmpty { parts.append(values.joined(separator: " → ")) }
        if let detail = entry.detail, !detail.isEmpty { parts.append(detail) }
        if let user = entry.user {
            parts.append("by \(user)")
        } else if let source = entry.source {
            parts.append("from \(source)")
        }
        return parts.map(clean).joined(separator: "  ")
    }

    /// Control characters out of stored text: they would move the terminal's cursor.
    static func clean(_ text: String) -> String {
        String(
            String.UnicodeScalarView(text.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : $0 }))
    }
}
