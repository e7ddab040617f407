import GRDB

extension Schema {
    /// Data quality: duplicates an admin dismissed, merges of two records (journalled so that
    /// they can be undone), and the pointer from a merged record to the one it went into.
    static func addQuality(_ db: Database) throws {
        try db.execute(
            sql: """
                -- The record a merged prospect went into; the merged one stays archived for history.
                ALTER TABLE prospect ADD COLUMN merged_into INTEGER;

                -- Pairs an admin said are not duplicates: DuplicateFinder never suggests them again.
                -- siren_a < siren_b, so that a pair has one row whichever way it was named.
                CREATE TABLE duplicate_dismissal (
                  siren_a INTEGER NOT NULL,
                  siren_b INTEGER NOT NULL,
                  dismissed_by INTEGER REFERENCES user(id),
                  dismissed_at TEXT NOT NULL,
                  PRIMARY KEY (siren_a, siren_b),
                  CHECK (siren_a < siren_b)
                ) WITHOUT ROWID;

                -- One row per merge: every row it inserted, changed or deleted, before and after,
                -- as JSON, so that undo puts back exactly what was there.
                CREATE TABLE merge_journal (
                  id INTEGER PRIMARY KEY,
                  loser INTEGER NOT NULL,
                  winner INTEGER NOT NULL,
                  user_id INTEGER REFERENCES user(id),
                  merged_at TEXT NOT NULL,
                  choices TEXT NOT NULL,
                  rows TEXT NOT NULL,
                  undone_at TEXT,
                  undone_by INTEGER REFERENCES user(id)
                );

                -- Shared phones, emails and websites read from the index alone: without siren in
                -- it, each contact point of a group was a lookup into the table.
                CREATE INDEX contact_point_duplicate ON contact_point(kind, normalized, siren);
                """)
    }
}
