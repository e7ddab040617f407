import GRDB

extension Schema {
    /// Search by name, SIREN, city, director or phone (`/` in the TUI), kept by `SearchIndex`.
    static func addSearch(_ db: Database) throws {
        try db.execute(
            sql: """
                -- Contentless: the text lives in company, person and contact_point already, and a
                -- copy would cost about 70 bytes a company (2 GB for 28 M). Prefix indexes of 1 to
                -- 3 characters, so that the first keystrokes read one doclist each instead of
                -- merging thousands. Full detail: with detail=column a contentless table gives
                -- bm25 nothing to rank by (SQLite 3.40). The rowid is the document id:
                -- version × 10^9 + SIREN.
                CREATE VIRTUAL TABLE prospect_search USING fts5(
                  name, siren_text, city, directors, phones,
                  content = '', prefix = '1 2 3', tokenize = 'unicode61 remove_diacritics 2'
                );

                -- SQLite before 3.43 cannot delete from a contentless index, so a company indexed
                -- again gets a document of the next version and the old one stays behind. This
                -- table names the current document of each company indexed more than once (or
                -- deleted: docid NULL); a company absent here has its version-0 document at most.
                -- A rebuild empties it.
                CREATE TABLE prospect_search_doc (
                  siren INTEGER PRIMARY KEY,
                  version INTEGER NOT NULL,
                  docid INTEGER
                );

                -- The index refresh finds enriched companies (new phones) by their run.
                CREATE INDEX enrichment_state_run ON enrichment_state(run_id);

                -- A deleted company leaves search. Only deletes fire it, never the stock import's
                -- upserts; companies created after the last indexing pass cannot be indexed yet
                -- (unless listed above), which keeps a department-filtered import's mass delete cheap.
                CREATE TRIGGER company_search_forget AFTER DELETE ON company
                WHEN EXISTS (SELECT 1 FROM prospect_search_doc WHERE siren = old.siren AND docid IS NOT NULL)
                  OR old.first_run_id IS NULL
                  OR old.first_run_id <= IFNULL(
                    (SELECT CAST(watermark AS INTEGER) FROM source_state WHERE source = 'search_index'), -1)
                BEGIN
                  INSERT OR REPLACE INTO prospect_search_doc (siren, version, docid)
                  VALUES (old.siren, IFNULL((SELECT version FROM prospect_search_doc WHERE siren = old.siren), 0), NULL);
                END;
                """)
    }
}
