import Foundation

/// The Sirene stock importer's parsing side, as `SireneTableImport` drives it: the header read
/// by `SireneInput`, the kind recognised, then every record prepared by `SireneRowPreparer`
/// (what `RecordPipeline`'s thread does). The database side only binds the prepared values.
enum FuzzSireneStock {
    static let name = "fuzz.csv"

    static func run(_ bytes: Data) throws(FuzzViolation) -> FuzzOutcome {
        try readsTheSameInPieces(bytes)
        return try refusals(.sireneStock, name: name) {
            let input = try SireneInput.memory(name: name, csv: bytes)
            return try prepare(input, .sireneStock, physicalLines: physicalLines(bytes))
        }
    }

    /// A zip archive as `filond import sirene` opens one: `SireneInput.forEach` on a file, each
    /// `.csv` member streamed through the inflater into the same preparation.
    static func runArchive(_ bytes: Data) throws(FuzzViolation) -> FuzzOutcome {
        let path = NSTemporaryDirectory() + "filon-fuzz-\(UUID().uuidString).zip"
        guard FileManager.default.createFile(atPath: path, contents: bytes) else {
            return .refused("cannot write \(path)")
        }
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try refusals(.sireneArchive, name: path) {
            var outcomes: [String] = []
            try SireneInput.forEach(path: path) { input in
                if case .parsed(let summary) = try prepare(input, .sireneArchive, physicalLines: .max) {
                    outcomes.append(summary)
                }
            }
            return .parsed(outcomes.joined(separator: "; "))
        }
    }

    /// Runs `body`; its typed errors (a file that is not Sirene, a damaged archive) are refusals
    /// that must name the input, anything else breaks the contract.
    private static func refusals(
        _ target: FuzzTarget, name: String, _ body: () throws -> FuzzOutcome
    ) throws(FuzzViolation) -> FuzzOutcome {
        do {
            return try body()
        } catch let error as SireneImportError {
            guard error.description.hasPrefix(name) else {
                throw FuzzViolation(target, "the error does not name the file: \(error)")
            }
            return .refused(error.description)
        } catch let error as InputError {
            guard error.path == name, !error.message.isEmpty else {
                throw FuzzViolation(target, "the error does not name the file: \(error)")
            }
            return .refused(error.description)
        } catch let violation as FuzzViolation {
            throw violation
        } catch {
            throw FuzzViolation(target, "untyped error \(type(of: error)): \(error)")
        }
    }

    private static func prepare(_ input: SireneInput, _ target: FuzzTarget, physicalLines: Int) throws -> FuzzOutcome {
        let kind = try input.kind()
        let preparer = try SireneRowPreparer(layout: kind.layout, header: input.header, path: input.name)
        return try prepareAll(input, preparer, target, physicalLines: physicalLines)
    }

    /// Every record, in batches as the pipeline fills them; rejections must name their line.
    private static func prepareAll(
        _ input: SireneInput, _ preparer: SireneRowPreparer, _ target: FuzzTarget, physicalLines: Int
    ) throws -> FuzzOutcome {
        let batch = PreparedBatch(
            width: preparer.headerCount, columns: preparer.layout.columns.count, capacity: 64,
            arenaCapacity: 2 * RecordPipeline.maxRecordBytes)
        var (read, rejected, lastLine) = (0, 0, 1)
        while true {
            let ended = try preparer.fill(batch, from: input.reader, maxRecordBytes: RecordPipeline.maxRecordBytes)
            for (index, row) in batch.rows.enumerated() {
                read += 1
                guard row.line > lastLine, row.line <= physicalLines else {
                    throw FuzzViolation(
                        target, "record line \(row.line) after line \(lastLine) of \(physicalLines)")
                }
                lastLine = row.line
                if let reason = row.rejection {
                    guard !reason.isEmpty else { throw FuzzViolation(target, "line \(row.line): empty reason") }
                    rejected += 1
                } else if preparer.layout.kind == .establishments {
                    _ = preparer.addressHash(batch, index)
                }
            }
            if ended { break }
        }
        return .parsed("\(preparer.layout.kind.rawValue): \(read) records, \(rejected) rejected")
    }

    /// Lines as the reader counts them (LF, CR or CRLF ends one), plus the last unterminated one.
    private static func physicalLines(_ bytes: Data) -> Int {
        bytes.reduce(1) { $0 + ($1 == 0x0A || $1 == 0x0D ? 1 : 0) }
    }

    /// The reader must find the same records whether the bytes come whole into its 1 MiB buffer
    /// (every test file) or a few at a time into a small one that has to grow (a 10 GB stock file).
    private static func readsTheSameInPieces(_ bytes: Data) throws(FuzzViolation) {
        let whole = readings(CSVRecordReader(source: MemoryByteSource(bytes)))
        let pieces = readings(CSVRecordReader(source: ChunkedByteSource(bytes), bufferSize: 16))
        guard whole != pieces else { return }
        let at =
            zip(whole, pieces).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            ?? min(whole.count, pieces.count)
        let shown = { (list: [String]) in at < list.count ? list[at] : "the end" }
        throw FuzzViolation(
            .sireneStock,
            "read whole, record \(at + 1) is \(shown(whole)); read in pieces, it is \(shown(pieces))")
    }

    /// Each outcome as text; records whose shape differs from the first one's are given back
    /// after their first line, as the importer does.
    private static func readings(_ reader: CSVRecordReader) -> [String] {
        var out: [String] = []
        var width: Int?
        do {
            while out.count < 100_000 {
                switch try reader.next() {
                case .end: return out
                case .malformed(let line, let reason): out.append("malformed line \(line): \(reason)")
                case .record:
                    let fields = (0..<reader.fieldCount).map { Array(reader.field($0)) }
                    out.append("line \(reader.line): \(fields)")
                    if width == nil { width = reader.fieldCount }
                    if reader.fieldCount != width { reader.rereadAfterFirstLine() }
                }
            }
        } catch {
            out.append("error \(error)")
        }
        return out
    }
}
