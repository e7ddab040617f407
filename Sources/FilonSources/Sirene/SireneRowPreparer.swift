import FilonCore

/// The parsing side of a Sirene import, which needs no database: maps the header to the layout,
/// checks each record's shape and key, and normalises and hashes its values into a batch.
final class SireneRowPreparer: @unchecked Sendable {
    /// What the row loop needs of each column, without the strings (copying those costs).
    private struct ColumnPlan {
        let csvIndex: Int
        let kind: SireneColumn.Kind
        let hashed: Bool
        let personal: Bool
        let fallback: PreparedValue?
    }

    let layout: SireneLayout
    let headerCount: Int
    /// CSV index of each layout column, -1 when the file has no such column.
    let columnIndexes: [Int]
    let headOfficeColumn: Int?
    /// Layout indexes of the address columns, which feed the address hash.
    private let addressColumns: [Int]
    private let plans: UnsafeMutablePointer<ColumnPlan>
    private let sirenIndex: Int
    private let siretIndex: Int
    private let stateColumn: Int
    private let diffusionIndex: Int
    /// Bytes of the fallback values, which prepared values may point at.
    private var fallbackStorage: [UnsafeMutableBufferPointer<UInt8>] = []

    init(layout: SireneLayout, header: [String], path: String) throws {
        self.layout = layout
        headerCount = header.count
        var byName: [String: Int] = [:]
        for (i, name) in header.enumerated() where byName[name.lowercased()] == nil {
            byName[name.lowercased()] = i
        }
        let missing = layout.required.filter { byName[$0.lowercased()] == nil }
        guard missing.isEmpty else { throw SireneImportError.missingColumns(path: path, columns: missing) }
        let columnIndexes = layout.columns.map { byName[$0.header.lowercased()] ?? -1 }
        self.columnIndexes = columnIndexes
        sirenIndex = byName["siren"]!
        siretIndex = byName["siret"] ?? -1
        let position = { (column: String) in layout.columns.firstIndex { $0.column == column }! }
        stateColumn = position("state")
        diffusionIndex = columnIndexes[position("diffusion")]
        headOfficeColumn = layout.kind == .establishments ? position("is_head_office") : nil
        addressColumns = layout.columns.indices.filter { layout.columns[$0].address }
        plans = .allocate(capacity: layout.columns.count)
        for (i, column) in layout.columns.enumerated() {
            var fallback: PreparedValue?
            if let text = column.fallback {
                if column.kind == .flag {
                    fallback = .int(text == "true" ? 1 : 0)
                } else {
                    let storage = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: text.utf8.count)
                    _ = storage.initialize(from: Array(text.utf8))
                    fallbackStorage.append(storage)
                    fallback = .bytes(UnsafeBufferPointer(storage))
                }
            }
            (plans + i).initialize(
                to: ColumnPlan(
                    csvIndex: columnIndexes[i], kind: column.kind, hashed: column.hashed, personal: column.personal,
                    fallback: fallback))
        }
    }

    /// The CSV index of a layout column (by database column name), -1 when the file lacks it.
    func csvIndex(ofColumn name: String) -> Int {
        layout.columns.firstIndex { $0.column == name }.map { columnIndexes[$0] } ?? -1
    }

    deinit {
        for buffer in fallbackStorage { buffer.deallocate() }
        plans.deinitialize(count: layout.columns.count)
        plans.deallocate()
    }

    /// Reads records into `batch` until it is full or the input ends; true when the input ended.
    func fill(_ batch: PreparedBatch, from reader: CSVRecordReader, maxRecordBytes: Int) throws -> Bool {
        batch.reset()
        while !batch.isFull(maxRecordBytes: maxRecordBytes) {
            switch try reader.next() {
            case .end:
                batch.progress = reader.progress
                return true
            case .malformed(let line, let reason):
                batch.appendRejected(line: line, reason)
            case .record:
                if reader.fieldCount == 1 && reader.field(0).isEmpty { continue }  // blank line
                prepareRecord(reader, into: batch)
            }
        }
        batch.progress = reader.progress
        return false
    }

    private func prepareRecord(_ reader: CSVRecordReader, into batch: PreparedBatch) {
        let line = reader.line
        guard reader.fieldCount == headerCount else {
            let found = reader.fieldCount
            reader.rereadAfterFirstLine()
            return batch.appendRejected(line: line, "expected \(headerCount) fields, found \(found)")
        }
        let sirenBytes = reader.field(sirenIndex)
        guard sirenBytes.count == 9, let siren = SireneValue.integer(sirenBytes) else {
            return batch.appendRejected(line: line, "SIREN \"\(reader.string(sirenIndex))\" is not 9 digits")
        }
        guard Siren.isValid(digits: sirenBytes) else {
            return batch.appendRejected(line: line, "SIREN \(reader.string(sirenIndex)) fails its checksum")
        }
        var key = siren
        if layout.kind == .establishments {
            let siretBytes = reader.field(siretIndex)
            guard siretBytes.count == 14, let siret = SireneValue.integer(siretBytes), siret / 100_000 == siren else {
                return batch.appendRejected(
                    line: line, "SIRET \"\(reader.string(siretIndex))\" is not the SIREN and 5 digits")
            }
            guard Siren.isValid(digits: siretBytes) else {
                return batch.appendRejected(line: line, "SIRET \(reader.string(siretIndex)) fails its checksum")
            }
            key = siret
        }
        let row = batch.appendRecord(from: reader)
        var dropped = 0
        var rejection: String?
        let hash = prepareValues(batch, row, dropped: &dropped, rejection: &rejection)
        batch.update(row) {
            $0.key = key
            $0.siren = siren
            $0.hash = hash
            $0.valuesDropped = dropped
            $0.rejection = rejection
        }
    }

    /// Normalises the row's values into the batch and returns their hash.
    private func prepareValues(
        _ batch: PreparedBatch, _ row: Int, dropped: inout Int, rejection: inout String?
    ) -> Int64 {
        var hasher = RowHasher()
        let partial = SireneValue.equals(batch.field(row, diffusionIndex), "P")
        for i in 0..<layout.columns.count {
            let column = plans[i]
            var raw = batch.field(row, column.csvIndex)
            if raw.isEmpty || SireneValue.isNotDisclosed(raw) || (partial && column.personal) {
                raw = UnsafeBufferPointer(start: nil, count: 0)
            }
            var value = PreparedValue.null
            if !raw.isEmpty {
                switch column.kind {
                case .text:
                    value = .bytes(raw)
                case .date:
                    if SireneValue.isUsableDate(raw) && raw.count == 10 { value = .bytes(raw) } else { dropped += 1 }
                case .timestamp:
                    let length = SireneValue.timestampLength(raw)
                    if length > 0 { value = .bytes(UnsafeBufferPointer(rebasing: raw[0..<length])) }
                case .integer:
                    if let n = SireneValue.integer(raw) { value = .int(n) } else { dropped += 1 }
                case .real:
                    if let d = SireneValue.real(raw) { value = .real(d) } else { dropped += 1 }
                case .flag:
                    value = .int(SireneValue.equals(raw, "true") || SireneValue.equals(raw, "1") ? 1 : 0)
                }
            }
            if case .null = value, let fallback = column.fallback { value = fallback }
            if i == stateColumn, case .bytes(let state) = value, !isKnownState(state) {
                let header = layout.columns[i].header
                rejection = "\(header) \"\(String(decoding: state, as: UTF8.self))\" is unknown"
            }
            batch.value(row, i).pointee = value
            guard column.hashed else { continue }
            hasher.add(UInt8(truncatingIfNeeded: i))
            Self.add(value, to: &hasher)
        }
        return hasher.signed
    }

    /// The hash of the address columns of a prepared row (establishments).
    func addressHash(_ batch: PreparedBatch, _ row: Int) -> Int64 {
        var hasher = RowHasher()
        for i in addressColumns { Self.add(batch.value(row, i).pointee, to: &hasher) }
        return hasher.signed
    }

    private func isKnownState(_ state: UnsafeBufferPointer<UInt8>) -> Bool {
        guard state.count == 1 else { return false }
        switch layout.kind {
        case .legalUnits: return state[0] == 0x41 || state[0] == 0x43  // A, C
        case .establishments: return state[0] == 0x41 || state[0] == 0x46  // A, F
        }
    }

    @inline(__always)
    private static func add(_ value: PreparedValue, to hasher: inout RowHasher) {
        switch value {
        case .null: hasher.endValue(present: false)
        case .bytes(let b):
            hasher.add(b)
            hasher.endValue(present: true)
        case .int(let n):
            withUnsafeBytes(of: n) { hasher.add($0.bindMemory(to: UInt8.self)) }
            hasher.endValue(present: true)
        case .real(let d):
            withUnsafeBytes(of: d) { hasher.add($0.bindMemory(to: UInt8.self)) }
            hasher.endValue(present: true)
        }
    }
}
