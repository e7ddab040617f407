import GRDB

extension Schema {
    /// The operator screen at a million companies: each read its first frame, the next prospect
    /// and the work views make walks an index in the order it shows and stops at its limit, or
    /// counts a small partial index, instead of reading every row (filon-bench tui).
    static func addSpeed(_ db: Database) throws {
        try db.execute(
            sql: """
                -- The recycled part of a queue, by due time (CallQueue): without it SQLite read the
                -- owner's open prospects through prospect_live and sorted thousands of them to
                -- serve the first few.
                CREATE INDEX prospect_recycle ON prospect(owner_id, next_call_at) WHERE call_state = 'recycle';

                -- The forgotten prospects (ForgottenProspects), longest untouched first: the last
                -- touch is an expression, so the index walks in the list's order and stops at its
                -- limit; owner, call state and next call are read from the index, the row only
                -- for what is listed. Queries repeat this WHERE word for word, and the expression.
                CREATE INDEX prospect_forgotten
                  ON prospect(COALESCE(last_action_at, assigned_at, created_at), siren, owner_id, call_state,
                    next_call_at)
                  WHERE owner_id IS NOT NULL AND archived_at IS NULL AND do_not_contact = 0
                    AND pipeline_status IN ('nouveau', 'a_contacter', 'contacte', 'interesse', 'a_relancer');
                -- "Nothing planned" for one prospect: its open follow-ups. follow_up had no index
                -- by prospect, and each forgotten candidate read every open follow-up.
                CREATE INDEX follow_up_open_siren ON follow_up(siren) WHERE done_at IS NULL;

                -- The count of the operator's list: every company, less these two small sets,
                -- instead of reading each company's row. Sole traders INSEE does not disclose
                -- (AppDatabase.prospectable), both columns in the index so that it is read alone.
                CREATE INDEX company_undisclosed_person ON company(diffusion, legal_form)
                  WHERE diffusion = 'P' AND legal_form IS '1000';
                -- Archived prospects.
                CREATE INDEX prospect_archived ON prospect(archived_at) WHERE archived_at IS NOT NULL;

                -- last_action_at is the newest action of a person on the prospect (v8), which the
                -- forgotten list now reads as its last touch. v8's trigger keeps it when an
                -- activity is recorded; a prospect row created after actions on its company (a
                -- note before the scoring gave it a row) starts with them too.
                CREATE TRIGGER prospect_last_action AFTER INSERT ON prospect
                WHEN new.last_action_at IS NULL
                  AND EXISTS (SELECT 1 FROM activity WHERE siren = new.siren AND user_id IS NOT NULL)
                BEGIN
                  UPDATE prospect SET last_action_at =
                    (SELECT MAX(created_at) FROM activity WHERE siren = new.siren AND user_id IS NOT NULL)
                  WHERE siren = new.siren;
                END;
                -- The rows created that way since v8.
                UPDATE prospect SET last_action_at = (
                  SELECT MAX(a.created_at) FROM activity a WHERE a.siren = prospect.siren AND a.user_id IS NOT NULL)
                WHERE last_action_at IS NULL
                  AND EXISTS (SELECT 1 FROM activity a WHERE a.siren = prospect.siren AND a.user_id IS NOT NULL);
                """)
    }
}
