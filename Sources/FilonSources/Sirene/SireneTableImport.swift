import FilonCore
import GRDB

/// Imports the rows of one Sirene CSV stream into its table (`company` or `establishment`).
///
/// Rows are merged by key against what is stored: new rows are inserted, rows whose hash is
/// unchanged are left alone, changed rows are updated and their important changes journalled as
/// change events. Input sorted by key (as INSEE publishes it) is merged against one forward
/// cursor over the table; out-of-order keys fall back to a point lookup, so any order works.
/// Work is committed every `batchSize` rows, together with the run's counts: an import stopped
/// half-way keeps what it committed, and running it again completes it.
final class SireneTableImport {
    struct Context {
        let db: Database
        let run: Int
        let now: String
        let source: String
        let filter: SireneFilter
        let batchSize: Int
        let progress: (RunCounts, (consumed: Int64, total: Int64?)) -> Void
    }

    /// A value ready to hash and bind.
    private enum Value {
        case null
        case bytes(UnsafeBufferPointer<UInt8>)
        case int(Int64)
        case real(Double)
    }

    private let context: Context
    private let layout: SireneLayout
    private let reader: CSVRecordReader
    private let headerCount: Int
    private let columnIndexes: [Int]  // CSV index of each layout column, -1 when absent
    private let sirenIndex: Int
    private let siretIndex: Int
    private let journal = RunJournal()
    /// The current row's values, one per layout column (raw storage: written for every column of
    /// every row).
    private let values: UnsafeMutablePointer<Value>
    private var counts = RunCounts()
    private var issuesRecorded = 0
    private let statements: SireneStatements

    // Forward cursor state for the merge by key.
    private var cursorOpen = false
    private var cursorKey: Int64 = -1
    private var cursorHash: Int64 = 0
    private var highestKey: Int64 = -1

    // Positions of the columns the row logic looks at (layout indexes).
    private let stateColumn: Int
    private let diffusionColumn: Int
    private let headOfficeColumn: Int?
    private let filterIndexes: [String: Int]

    init(context: Context, layout: SireneLayout, reader: CSVRecordReader, header: [String], path: String) throws {
        self.context = context
        self.layout = layout
        self.reader = reader
        headerCount = header.count
        var byName: [String: Int] = [:]
        for (i, name) in header.enumerated() where byName[name.lowercased()] == nil {
            byName[name.lowercased()] = i
        }
        let missing = layout.required.filter { byName[$0.lowercased()] == nil }
        guard missing.isEmpty else { throw SireneImportError.missingColumns(path: path, columns: missing) }
        columnIndexes = layout.columns.map { byName[$0.header.lowercased()] ?? -1 }
        sirenIndex = byName["siren"]!
        siretIndex = byName["siret"] ?? -1
        values = .allocate(capacity: layout.columns.count)
        values.initialize(repeating: .null, count: layout.columns.count)
        let position = { (column: String) in layout.columns.firstIndex { $0.column == column }! }
        stateColumn = position("state")
        diffusionColumn = position("diffusion")
        headOfficeColumn = layout.kind == .establishments ? position("is_head_office") : nil
        var filterIndexes: [String: Int] = [:]
        for header in [
            "etatAdministratifUniteLegale", "activitePrincipaleUniteLegale", "dateCreationUniteLegale",
            "categorieJuridiqueUniteLegale", "etatAdministratifEtablissement", "codeCommuneEtablissement",
            "codePostalEtablissement",
        ] {
            filterIndexes[header] = byName[header.lowercased()] ?? -1
        }
        self.filterIndexes = filterIndexes
        statements = try SireneStatements(context.db, layout: layout)
        plans = layout.columns.enumerated().map { i, column in
            var fallback: Value?
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
            return ColumnPlan(
                csvIndex: columnIndexes[i], kind: column.kind, hashed: column.hashed, personal: column.personal,
                address: column.address, fallback: fallback)
        }
    }

    /// Reads every remaining record. Returns the counts; throws only when the database fails.
    func run() throws -> RunCounts {
        var inBatch = 0
        try context.db.execute(sql: "BEGIN IMMEDIATE")
        do {
            loop: while true {
                switch try reader.next() {
                case .end:
                    break loop
                case .malformed(let line, let reason):
                    counts.read += 1
                    try reject(line: line, reason)
                case .record:
                    if reader.fieldCount == 1 && reader.field(0).isEmpty { continue }  // blank line
                    counts.read += 1
                    try importRecord()
                }
                inBatch += 1
                if inBatch >= context.batchSize {
                    try commitBatch()
                    inBatch = 0
                }
            }
            try journal.update(context.db, run: context.run, counts: counts)
            try context.db.execute(sql: "COMMIT")
        } catch {
            statements.cursor.reset()
            if context.db.isInsideTransaction { try? context.db.execute(sql: "ROLLBACK") }
            throw error
        }
        statements.cursor.reset()
        context.progress(counts, reader.progress)
        return counts
    }

    private func commitBatch() throws {
        try journal.update(context.db, run: context.run, counts: counts)
        // An open read cursor would pin the WAL snapshot: close it across the commit.
        statements.cursor.reset()
        cursorOpen = false
        try context.db.execute(sql: "COMMIT")
        context.progress(counts, reader.progress)
        try context.db.execute(sql: "BEGIN IMMEDIATE")
    }

    private func reject(line: Int, _ reason: String) throws {
        counts.rejected += 1
        try journal.recordIssue(
            context.db, run: context.run, line: line, message: reason, alreadyRecorded: issuesRecorded)
        issuesRecorded += 1
    }

    private func field(_ csvIndex: Int) -> UnsafeBufferPointer<UInt8> {
        csvIndex >= 0 ? reader.field(csvIndex) : UnsafeBufferPointer(start: nil, count: 0)
    }

    // MARK: - One record

    private func importRecord() throws {
        let line = reader.line
        guard reader.fieldCount == headerCount else {
            let found = reader.fieldCount
            reader.rereadAfterFirstLine()
            return try reject(line: line, "expected \(headerCount) fields, found \(found)")
        }
        let sirenBytes = reader.field(sirenIndex)
        guard sirenBytes.count == 9, let siren = SireneValue.integer(sirenBytes) else {
            return try reject(line: line, "SIREN \"\(reader.string(sirenIndex))\" is not 9 digits")
        }
        guard Siren.isValid(digits: sirenBytes) else {
            return try reject(line: line, "SIREN \(reader.string(sirenIndex)) fails its checksum")
        }
        var key = siren
        if layout.kind == .establishments {
            let siretBytes = reader.field(siretIndex)
            guard siretBytes.count == 14, let siret = SireneValue.integer(siretBytes), siret / 100_000 == siren else {
                return try reject(line: line, "SIRET \"\(reader.string(siretIndex))\" is not the SIREN and 5 digits")
            }
            guard Siren.isValid(digits: siretBytes) else {
                return try reject(line: line, "SIRET \(reader.string(siretIndex)) fails its checksum")
            }
            key = siret
        }
        // Filters decide what enters the database; what is already stored keeps being updated, so
        // that a company that ceases or changes activity is not frozen as it was.
        let existing = try storedHash(for: key)
        if existing == nil, try !passesFilter(siren: siren) {
            counts.filtered += 1
            return
        }
        guard let hash = try prepareValues(line: line) else { return }
        if existing == hash {
            counts.unchanged += 1
            return
        }
        let before = existing != nil && layout.kind == .legalUnits ? try statements.snapshot(key: key) : nil
        bindValues(key: key, hash: hash)
        try statements.upsert.run()
        if existing == nil {
            counts.new += 1
        } else {
            counts.changed += 1
        }
        switch layout.kind {
        case .legalUnits:
            if let before { try recordUnitChanges(siren: siren, before: before) }
        case .establishments:
            if case .int(1) = values[headOfficeColumn!] {
                try statements.copyHeadOfficeAddress(
                    siren: siren, siret: key, now: context.now, source: context.source, run: context.run)
            }
        }
    }

    private func passesFilter(siren: Int64) throws -> Bool {
        let filter = context.filter
        guard !filter.settings.isEmpty else { return true }
        switch layout.kind {
        case .legalUnits:
            return filter.keepsUnit(
                state: field(filterIndexes["etatAdministratifUniteLegale"]!),
                naf: field(filterIndexes["activitePrincipaleUniteLegale"]!),
                creation: field(filterIndexes["dateCreationUniteLegale"]!),
                legalForm: field(filterIndexes["categorieJuridiqueUniteLegale"]!))
        case .establishments:
            let headOffice = field(columnIndexes[headOfficeColumn!])
            guard
                filter.keepsEstablishment(
                    state: field(filterIndexes["etatAdministratifEtablissement"]!),
                    isHeadOffice: SireneValue.equals(headOffice, "true"),
                    cityCode: field(filterIndexes["codeCommuneEtablissement"]!),
                    postalCode: field(filterIndexes["codePostalEtablissement"]!))
            else { return false }
            // Establishments of legal units that the filters left out are left out too.
            return filter.settings.filtersUnits ? try statements.companyExists(siren) : true
        }
    }

    /// Normalises the row's values into `values` and returns their hash; nil when the row is rejected.
    private func prepareValues(line: Int) throws -> Int64? {
        var hasher = RowHasher()
        let partial = SireneValue.equals(field(columnIndexes[diffusionColumn]), "P")
        for i in 0..<plans.count {
            let column = plans[i]
            var raw = field(column.csvIndex)
            if raw.isEmpty || SireneValue.isNotDisclosed(raw) || (partial && column.personal) {
                raw = UnsafeBufferPointer(start: nil, count: 0)
            }
            var value = Value.null
            if !raw.isEmpty {
                switch column.kind {
                case .text:
                    value = .bytes(raw)
                case .date:
                    if SireneValue.isUsableDate(raw) && raw.count == 10 {
                        value = .bytes(raw)
                    } else {
                        counts.valuesDropped += 1
                    }
                case .timestamp:
                    let length = SireneValue.timestampLength(raw)
                    if length > 0 { value = .bytes(UnsafeBufferPointer(rebasing: raw[0..<length])) }
                case .integer:
                    if let n = SireneValue.integer(raw) { value = .int(n) } else { counts.valuesDropped += 1 }
                case .real:
                    if let d = SireneValue.real(raw) { value = .real(d) } else { counts.valuesDropped += 1 }
                case .flag:
                    value = .int(SireneValue.equals(raw, "true") || SireneValue.equals(raw, "1") ? 1 : 0)
                }
            }
            if case .null = value, let fallback = column.fallback { value = fallback }
            if i == stateColumn, case .bytes(let state) = value, !isKnownState(state) {
                let header = layout.columns[i].header
                try reject(line: line, "\(header) \"\(String(decoding: state, as: UTF8.self))\" is unknown")
                return nil
            }
            values[i] = value
            guard column.hashed else { continue }
            hasher.add(UInt8(truncatingIfNeeded: i))
            Self.add(value, to: &hasher)
        }
        return hasher.signed
    }

    private func isKnownState(_ state: UnsafeBufferPointer<UInt8>) -> Bool {
        guard state.count == 1 else { return false }
        switch layout.kind {
        case .legalUnits: return state[0] == 0x41 || state[0] == 0x43  // A, C
        case .establishments: return state[0] == 0x41 || state[0] == 0x46  // A, F
        }
    }

    /// What the row loop needs of each column, without the strings (copying those costs).
    private struct ColumnPlan {
        let csvIndex: Int
        let kind: SireneColumn.Kind
        let hashed: Bool
        let personal: Bool
        let address: Bool
        let fallback: Value?
    }

    private var plans: [ColumnPlan] = []
    /// Bytes of the layout's fallback values, which `values` may point at until the row is stored.
    private var fallbackStorage: [UnsafeMutableBufferPointer<UInt8>] = []

    deinit {
        for buffer in fallbackStorage { buffer.deallocate() }
        values.deinitialize(count: layout.columns.count)
        values.deallocate()
    }

    private func bindValues(key: Int64, hash: Int64) {
        let upsert = statements.upsert
        upsert.bind(1, int: key)
        for i in 0..<plans.count {
            let index = Int32(i + 2)
            switch values[i] {
            case .null: upsert.bindNull(index)
            case .bytes(let b): upsert.bind(index, bytes: b)
            case .int(let n): upsert.bind(index, int: n)
            case .real(let d): upsert.bind(index, double: d)
            }
        }
        let p = statements.parameters
        if layout.kind == .establishments {
            upsert.bind(p.siren, int: key / 100_000)
            upsert.bind(p.addressHash, int: addressHash())
        }
        upsert.bind(p.run, int: Int64(context.run))
        upsert.bind(p.hash, int: hash)
    }

    private func addressHash() -> Int64 {
        var hasher = RowHasher()
        for i in 0..<plans.count where plans[i].address { Self.add(values[i], to: &hasher) }
        return hasher.signed
    }

    @inline(__always)
    private static func add(_ value: Value, to hasher: inout RowHasher) {
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

    // MARK: - Merge by key

    /// The stored row hash for `key`, or nil when the key is new.
    private func storedHash(for key: Int64) throws -> Int64? {
        defer { highestKey = max(highestKey, key) }
        if key <= highestKey { return try statements.pointHash(key) }
        let cursor = statements.cursor
        if !cursorOpen {
            cursor.reset()
            cursor.bind(1, int: key)
            cursorOpen = true
            try advanceCursor()
        }
        while cursorKey < key { try advanceCursor() }
        return cursorKey == key ? cursorHash : nil
    }

    private func advanceCursor() throws {
        if try statements.cursor.step() {
            cursorKey = statements.cursor.int64(0)
            cursorHash = statements.cursor.int64(1)
        } else {
            cursorKey = .max
        }
    }

    // MARK: - Change events

    private func recordUnitChanges(siren: Int64, before: [String: String?]) throws {
        guard let after = try statements.snapshot(key: siren) else { return }
        // A person who switched to partial diffusion objects to being known: the event says
        // that the name changed, never what it was.
        let personal = (after["diffusion"] ?? nil) == "P"
        for (field, kind) in [
            ("diffusion", "diffusion"), ("state", "status"), ("name", "name"), ("naf_code", "naf"),
            ("size_band", "size_band"), ("legal_form", "legal_form"), ("head_office_nic", "head_office"),
        ] {
            var old = before[field] ?? nil
            var new = after[field] ?? nil
            guard old != new else { continue }
            if personal && field == "name" { (old, new) = (nil, nil) }
            try statements.recordChange(
                siren: siren, siret: nil, kind: kind, old: old, new: new, source: context.source, run: context.run,
                at: context.now)
        }
        let oldNIC = before["head_office_nic"] ?? nil
        let newNIC = after["head_office_nic"] ?? nil
        if oldNIC != newNIC, let newNIC, let nic = Int64(newNIC) {
            try statements.copyHeadOfficeAddress(
                siren: siren, siret: siren * 100_000 + nic, now: context.now, source: context.source, run: context.run)
        }
    }
}
