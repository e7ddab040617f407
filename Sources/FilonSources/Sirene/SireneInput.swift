import Foundation

/// A Sirene CSV stream, from a plain file or a member of a zip archive, with its header read.
struct SireneInput {
    let path: String
    let member: String?
    let reader: CSVRecordReader
    let header: [String]
    /// Keeps the archive alive while its member is read.
    private let archive: ZipArchiveReader?

    var name: String { Self.displayName(path: path, member: member) }

    /// "archive.zip [member.csv]", or the path of a plain file: how messages name an input.
    static func displayName(path: String, member: String?) -> String {
        member.map { "\(path) [\($0)]" } ?? path
    }

    /// Calls `body` with each CSV stream of a file: the file itself, or each `.csv` member of a
    /// zip in turn, streamed once. With `firstOnly`, stops after the first one (to peek at a header).
    static func forEach(path: String, firstOnly: Bool = false, _ body: (SireneInput) throws -> Void) throws {
        guard ZipArchiveReader.looksLikeZip(path: path) else {
            return try body(SireneInput(path: path, member: nil, source: FileByteSource(path: path), archive: nil))
        }
        let archive = try ZipArchiveReader(path: path)
        var found = false
        while let entry = try archive.nextEntry() {
            if entry.name.lowercased().hasSuffix(".csv") {
                found = true
                try body(SireneInput(path: path, member: entry.name, source: entry, archive: archive))
                if firstOnly { return }
            }
            try drain(entry)
        }
        guard found else { throw SireneImportError.notSirene(path: path, detail: "the zip holds no .csv file") }
    }

    /// Records held in memory, under a name for messages.
    static func memory(name: String, csv: Data) throws -> SireneInput {
        try SireneInput(path: name, member: nil, source: MemoryByteSource(csv), archive: nil)
    }

    /// Reads what is left of a member so the archive can move to the next one.
    private static func drain(_ entry: ZipEntryStream) throws {
        let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 8)
        defer { scratch.deallocate() }
        while try entry.read(into: scratch) > 0 {}
    }

    private init(path: String, member: String?, source: any ByteSource, archive: ZipArchiveReader?) throws {
        self.path = path
        self.member = member
        self.archive = archive
        let reader = CSVRecordReader(source: source)
        self.reader = reader
        let display = Self.displayName(path: path, member: member)
        switch try reader.next() {
        case .end: throw SireneImportError.emptyFile(path: display)
        case .malformed(_, let reason):
            throw SireneImportError.notSirene(path: display, detail: "bad header: \(reason)")
        case .record:
            var names = (0..<reader.fieldCount).map { reader.string($0).trimmingCharacters(in: .whitespaces) }
            if let first = names.first, first.hasPrefix("\u{FEFF}") { names[0] = String(first.dropFirst()) }
            header = names
        }
    }

    /// The kind of Sirene file, or the reason it is not one.
    func kind() throws -> SireneFileKind {
        guard let kind = SireneFileKind.recognise(header: header) else {
            let shown = header.prefix(4).joined(separator: ",")
            throw SireneImportError.notSirene(path: name, detail: "its header starts with \"\(shown)\"")
        }
        return kind
    }
}
