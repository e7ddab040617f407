import FilonCore
import GRDB

extension SourceRun {
    /// What a per-company provider answered, stored in one transaction with the record that it was
    /// asked (`provider_fetch`): a kill leaves both or neither, and a company already asked since
    /// its last change is not asked again. Returns the merger's outcome, nil without observation.
    func storeFetch(siren: Int, outcome: String, observation: CompanyObservation?) throws -> CompanyMerger.Outcome? {
        let merger = merger()
        let (provider, fetchedAt, runID) = (id.rawValue, now, run)
        return try database.writer.write { db in
            let merged = try observation.map { try merger.apply($0, db) }
            try db.execute(
                sql: """
                    INSERT INTO provider_fetch (provider, siren, fetched_at, run_id, outcome) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (provider, siren) DO UPDATE SET fetched_at = excluded.fetched_at,
                      run_id = excluded.run_id, outcome = excluded.outcome
                    """, arguments: [provider, siren, fetchedAt, runID, outcome])
            return merged
        }
    }
}
