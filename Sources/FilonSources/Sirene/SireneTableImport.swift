import FilonCore
import GRDB

/// Imports the rows of one Sirene CSV stream into its table (`company` or `establishment`).
///
/// Rows are merged by key against what is stored: new rows are inserted, rows whose hash is
/// unchanged are left alone, changed rows are updated and their important changes journalled as
/// change events. Input sorted by key (as INSEE publishes it) is merged against one forward
/// cursor over the table; out-of-order keys fall back to a point lookup, so any order works.
/// Work is committed every `batchSize` rows, together with the run's counts: an import stopped
/// half-way keeps what it committed, and running it again completes it. Parsing runs on a second
/// thread (`RecordPipeline`); this class does the database side.
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

    private let context: Context
    private let layout: SireneLayout
    private let preparer: SireneRowPreparer
    private let pipeline: RecordPipeline
    private let journal = RunJournal()
    private var counts = RunCounts()
    private var issuesRecorded = 0
    private let statements: SireneStatements
    /// CSV indexes of the fields the filters read, looked up once.
    private let filterFields: (state: Int, naf: Int, creation: Int, legalForm: Int, cityCode: Int, postalCode: Int)

    // Forward cursor state for the merge by key.
    private var cursorOpen = false
    private var cursorKey: Int64 = -1
    private var cursorHash: Int64 = 0
    private var highestKey: Int64 = -1
    /// New legal units waiting to be inserted together (rows of the current batch).
    private var pending: [Int] = []

    init(context: Context, layout: SireneLayout, reader: CSVRecordReader, header: [String], path: String) throws {
        self.context = context
        self.layout = layout
        preparer = try SireneRowPreparer(layout: layout, header: header, path: path)
        pipeline = RecordPipeline(preparer: preparer, reader: reader)
        statements = try SireneStatements(context.db, layout: layout)
        let index = preparer.csvIndex(ofColumn:)
        filterFields = (
            index("state"), index("naf_code"), index("creation_date"), index("legal_form"), index("city_code"),
            index("postal_code")
        )
    }

    /// Reads every remaining record. Returns the counts; throws when the database fails, or when
    /// the input cannot be read any further (after writing the rows read before).
    func run() throws -> RunCounts {
        var inBatch = 0
        var progress: (consumed: Int64, total: Int64?) = (0, nil)
        pipeline.start()
        defer { pipeline.stop() }
        try context.db.execute(sql: "BEGIN IMMEDIATE")
        do {
            while let batch = try pipeline.next() {
                for row in 0..<batch.rows.count {
                    counts.read += 1
                    try importRow(batch, row)
                    inBatch += 1
                    if inBatch >= context.batchSize {
                        try flushPending(batch)
                        try commitBatch(progress: batch.progress)
                        inBatch = 0
                    }
                }
                try flushPending(batch)
                progress = batch.progress
                pipeline.recycle(batch)
            }
            try journal.update(context.db, run: context.run, counts: counts)
            try context.db.execute(sql: "COMMIT")
        } catch {
            statements.cursor.reset()
            if context.db.isInsideTransaction {
                // Keep the batches read before a reading error; a database error rolls back.
                if error is DatabaseError {
                    try? context.db.execute(sql: "ROLLBACK")
                } else {
                    try? journal.update(context.db, run: context.run, counts: counts)
                    try? context.db.execute(sql: "COMMIT")
                }
            }
            throw error
        }
        statements.cursor.reset()
        context.progress(counts, progress)
        return counts
    }

    private func commitBatch(progress: (consumed: Int64, total: Int64?)) throws {
        try journal.update(context.db, run: context.run, counts: counts)
        // An open read cursor would pin the WAL snapshot: close it across the commit.
        statements.cursor.reset()
        cursorOpen = false
        try context.db.execute(sql: "COMMIT")
        context.progress(counts, progress)
        try context.db.execute(sql: "BEGIN IMMEDIATE")
    }

    private func reject(line: Int, _ reason: String) throws {
        counts.rejected += 1
        try journal.recordIssue(
            context.db, run: context.run, line: line, message: reason, alreadyRecorded: issuesRecorded)
        issuesRecorded += 1
    }

    // MARK: - One record

    private func importRow(_ batch: PreparedBatch, _ row: Int) throws {
        let record = batch.rows[row]
        if let rejection = record.rejection { return try reject(line: record.line, rejection) }
        // Filters decide what enters the database; what is already stored keeps being updated, so
        // that a company that ceases or changes activity is not frozen as it was.
        if record.key <= highestKey { try flushPending(batch) }  // a repeated key: its row must be stored
        let existing = try storedHash(for: record.key)
        if existing == nil, try !passesFilter(batch, row, siren: record.siren) {
            counts.filtered += 1
            return
        }
        counts.valuesDropped += record.valuesDropped
        if existing == record.hash {
            counts.unchanged += 1
            return
        }
        if existing == nil && layout.kind == .legalUnits {
            // A new legal unit needs nothing else: it waits to be inserted with others.
            counts.new += 1
            pending.append(row)
            if pending.count == SireneStatements.rowsPerInsert { try flushPending(batch) }
            return
        }
        let before =
            existing != nil && layout.kind == .legalUnits ? try statements.snapshot(key: record.key) : nil
        bindValues(batch, row, into: statements.upsert, offset: 0)
        try statements.upsert.run()
        if existing == nil {
            counts.new += 1
        } else {
            counts.changed += 1
        }
        switch layout.kind {
        case .legalUnits:
            if let before { try recordUnitChanges(siren: record.siren, before: before) }
        case .establishments:
            if isHeadOffice(batch, row) {
                try statements.copyHeadOfficeAddress(
                    siren: record.siren, siret: record.key, now: context.now, source: context.source,
                    run: context.run)
            }
        }
    }

    private func passesFilter(_ batch: PreparedBatch, _ row: Int, siren: Int64) throws -> Bool {
        let filter = context.filter
        guard !filter.settings.isEmpty else { return true }
        let f = filterFields
        switch layout.kind {
        case .legalUnits:
            return filter.keepsUnit(
                state: batch.field(row, f.state), naf: batch.field(row, f.naf),
                creation: batch.field(row, f.creation), legalForm: batch.field(row, f.legalForm))
        case .establishments:
            guard
                filter.keepsEstablishment(
                    state: batch.field(row, f.state), isHeadOffice: isHeadOffice(batch, row),
                    cityCode: batch.field(row, f.cityCode), postalCode: batch.field(row, f.postalCode))
            else { return false }
            // Establishments of legal units that the filters left out are left out too.
            return filter.settings.filtersUnits ? try statements.companyExists(siren) : true
        }
    }

    private func isHeadOffice(_ batch: PreparedBatch, _ row: Int) -> Bool {
        if case .int(1) = batch.value(row, preparer.headOfficeColumn!).pointee { return true }
        return false
    }

    /// Inserts the new legal units waiting in `pending`, all in one statement when there are enough.
    private func flushPending(_ batch: PreparedBatch) throws {
        guard !pending.isEmpty else { return }
        if pending.count == SireneStatements.rowsPerInsert {
            for (r, row) in pending.enumerated() {
                bindValues(batch, row, into: statements.upsertMany, offset: Int32(r) * statements.parameters.hash)
            }
            try statements.upsertMany.run()
        } else {
            for row in pending {
                bindValues(batch, row, into: statements.upsert, offset: 0)
                try statements.upsert.run()
            }
        }
        pending.removeAll(keepingCapacity: true)
    }

    /// Binds a prepared row to the upsert's parameters, shifted by `offset` in a multi-row statement.
    private func bindValues(_ batch: PreparedBatch, _ row: Int, into upsert: RawStatement, offset: Int32) {
        let record = batch.rows[row]
        upsert.bind(offset + 1, int: record.key)
        for i in 0..<layout.columns.count {
            let index = offset + Int32(i + 2)
            switch batch.value(row, i).pointee {
            case .null: upsert.bindNull(index)
            case .bytes(let b): upsert.bind(index, bytes: b)
            case .int(let n): upsert.bind(index, int: n)
            case .real(let d): upsert.bind(index, double: d)
            }
        }
        let p = statements.parameters
        if layout.kind == .establishments {
            upsert.bind(offset + p.siren, int: record.key / 100_000)
            upsert.bind(offset + p.addressHash, int: preparer.addressHash(batch, row))
        }
        upsert.bind(offset + p.run, int: Int64(context.run))
        upsert.bind(offset + p.hash, int: record.hash)
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
            // A unit that ceases is a closure: it leaves every queue.
            try statements.recordChange(
                siren: siren, siret: nil, kind: field == "state" && new == "C" ? "closure" : kind, old: old, new: new, source: context.source, run: context.run,
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
