import FilonCore
import Foundation
import GRDB

/// `filond import sirene FILE…`: loads Sirene stock files (CSV or the official zip) into the store.
///
/// Every file is checked before anything is written: one that is not a Sirene file stops the
/// command with a usage error. Legal units are imported before establishments whatever the order
/// given, so that establishments can follow the unit filters and give companies their address.
public struct SireneImporter: Sendable {
    public let database: AppDatabase
    public let filter: ImportFilterSettings
    public let batchSize: Int
    public let source: String

    public init(
        database: AppDatabase, filter: ImportFilterSettings = ImportFilterSettings(), batchSize: Int = 50_000,
        source: String = ProviderID.sireneStock.rawValue
    ) {
        self.database = database
        self.filter = filter
        self.batchSize = max(1, batchSize)
        self.source = source
    }

    /// The kind of each file, from its header. Throws for a file that is not a Sirene file.
    public func inspect(_ paths: [String]) throws -> [(path: String, kind: SireneFileKind)] {
        try paths.map { path in
            var kind: SireneFileKind?
            try SireneInput.forEach(path: path, firstOnly: true) { kind = try $0.kind() }
            return (path, kind!)
        }
    }

    public func importFiles(
        _ paths: [String], progress: @escaping (ImportProgress) -> Void = { _ in }
    ) throws -> [ImportSummary] {
        let ordered = try inspect(paths).enumerated()
            .sorted {
                ($0.element.kind == .legalUnits ? 0 : 1, $0.offset) < (
                    $1.element.kind == .legalUnits ? 0 : 1, $1.offset
                )
            }
            .map(\.element)
        var summaries: [ImportSummary] = []
        for (path, _) in ordered {
            try SireneInput.forEach(path: path) { input in
                summaries.append(try importInput(input, progress: progress))
            }
        }
        if !filter.departments.isEmpty && summaries.contains(where: { $0.kind == .establishments }) {
            try dropCompaniesOutsideDepartments(runs: summaries.filter { $0.kind == .legalUnits }.map(\.run))
        }
        return summaries
    }

    private func importInput(_ input: SireneInput, progress: @escaping (ImportProgress) -> Void) throws -> ImportSummary
    {
        let kind = try input.kind()
        let journal = RunJournal()
        let started = Date()
        let now = Timestamp.string(started)
        return try database.writer.writeWithoutTransaction { db in
            try journal.closeAbandonedRuns(db, at: started, isAlive: Self.processIsAlive)
            let run = try journal.start(
                db, source: source, kind: "import \(kind.rawValue)", target: input.name, at: started)
            let context = SireneTableImport.Context(
                db: db, run: run, now: now, source: source, filter: SireneFilter(filter), batchSize: batchSize,
                progress: { counts, bytes in
                    progress(
                        ImportProgress(
                            name: input.name, counts: counts, bytesRead: bytes.consumed, bytesTotal: bytes.total,
                            seconds: Date().timeIntervalSince(started)))
                })
            let counts: RunCounts
            let table = kind.layout.table
            do {
                // A larger page cache for the writer while it imports (the default is 2 MiB).
                try db.execute(sql: "PRAGMA cache_size = -\(Self.importCacheKiB)")
                defer { try? db.execute(sql: "PRAGMA cache_size = -2000") }
                try Schema.ensureBulkIndexes(db, table: table)
                let bulk = try !Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM \(table))")!
                if bulk { try Schema.dropBulkIndexes(db, table: table) }
                counts = try SireneTableImport(
                    context: context, layout: kind.layout, reader: input.reader, header: input.header, path: input.name
                ).run()
                if bulk {
                    // Measured on 2 M rows: a sort with a small cache on two threads builds the
                    // index in 1.1 s where the import's cache on one thread took 1.9 s.
                    try db.execute(sql: "PRAGMA cache_size = -8000")
                    try db.execute(sql: "PRAGMA threads = 2")
                    defer { try? db.execute(sql: "PRAGMA threads = 0") }
                    try db.inTransaction {
                        try Schema.ensureBulkIndexes(db, table: table)
                        return .commit
                    }
                }
                // Establishments imported before their units: give those companies their address.
                if kind == .legalUnits, try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM establishment)")! {
                    try fillAddressesFromHeadOffices(db, run: run)
                }
            } catch {
                // The run keeps the counts of the batches it committed.
                try? journal.close(db, run: run, status: .failed, message: database.explain(error), at: Date())
                throw error
            }
            // Whatever the files said, a suppressed company stays "ne plus contacter" (R4, R7).
            try db.inTransaction {
                try SuppressionList(now: started).reapply(db)
                return .commit
            }
            try journal.finish(db, run: run, status: .ok, counts: counts, message: nil, at: Date())
            let issues = try journal.issues(db, run: run, limit: 20)
            return ImportSummary(
                path: input.path, member: input.member, kind: kind, run: run, counts: counts,
                seconds: Date().timeIntervalSince(started), issues: issues)
        }
    }

    /// Companies whose head-office establishment came before them get its address now.
    private func fillAddressesFromHeadOffices(_ db: Database, run: Int) throws {
        let headOffice = "e.siret = company.siren * 100000 + CAST(company.head_office_nic AS INTEGER)"
        try db.execute(
            sql: """
                UPDATE company SET (\(SireneStatements.addressCopy)) =
                  (SELECT \(SireneStatements.addressSource) FROM establishment e WHERE \(headOffice)),
                  last_run_id = ?
                WHERE address_hash IS NULL AND head_office_nic IS NOT NULL
                  AND EXISTS (SELECT 1 FROM establishment e WHERE \(headOffice))
                """, arguments: [run])
    }

    /// With a department filter, units imported in this command whose head office was not kept
    /// (it lies elsewhere) are removed again, unless someone already worked on them.
    func dropCompaniesOutsideDepartments(runs: [Int]) throws {
        guard !runs.isEmpty else { return }
        try database.writer.write { db in
            try db.execute(
                sql: """
                    DELETE FROM company WHERE address_hash IS NULL
                      AND first_run_id IN (\(runs.map(String.init).joined(separator: ",")))
                      AND NOT EXISTS (SELECT 1 FROM prospect p WHERE p.siren = company.siren)
                      AND NOT EXISTS (SELECT 1 FROM activity a WHERE a.siren = company.siren)
                    """)
        }
    }

    /// The import's page cache: large enough to keep the B-tree paths hot, small enough for the
    /// 100 MiB memory budget whatever the file size.
    static let importCacheKiB = 24 * 1024

    static func processIsAlive(_ pid: Int) -> Bool {
        pid > 0 && (kill(pid_t(pid), 0) == 0 || errno == EPERM)
    }
}
