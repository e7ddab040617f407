import GRDB

extension Schema {
    /// The dashboards (`ReportBuilder`, docs/METRICS.md) over millions of rows in a fraction of a
    /// second: each figure is a count or a sum over a covering index, never a scan of a table.
    static func addReports(_ db: Database) throws {
        try db.execute(
            sql: """
                -- Companies found by each run: the detections per day count the companies of the
                -- daemon's passes. A first import into an empty table leaves it out and the next
                -- pass builds it (Schema.daemonIndexes): in a plain loop of 2 M ordered inserts it
                -- added 40 % to the time of each row, as company_last_run does to the importer.
                CREATE INDEX IF NOT EXISTS company_first_run ON company(first_run_id);

                -- Each index ends with the columns of its own WHERE: SQLite 3.40 reads a partial index
                -- alone (covering) only when it holds every column the query names.

                -- Calls by day, and the prospects called (response rate), for the team.
                CREATE INDEX activity_call_time ON activity(created_at, siren, disposition, kind) WHERE kind = 'call';
                -- Calls of one user: count, contacts, conversions, talk time, hours with a call, and
                -- the prospects called.
                CREATE INDEX activity_call_user
                  ON activity(user_id, created_at, disposition, duration_seconds, siren, kind) WHERE kind = 'call';
                -- Emails the server accepted (the outbox journals 'sent' when it did).
                CREATE INDEX activity_email_sent ON activity(created_at, user_id, siren, kind, new_value)
                  WHERE kind = 'email' AND new_value = 'sent';

                -- The newest action of a person on the prospect (an activity with a user), kept
                -- by the trigger below: "no action since the assignment" is then a comparison of
                -- two columns instead of a look into the activity of every assigned prospect.
                -- An activity recorded before the prospect row existed is older than its
                -- assignment anyway, so it never changes that answer.
                ALTER TABLE prospect ADD COLUMN last_action_at TEXT;
                UPDATE prospect SET last_action_at = (
                  SELECT MAX(a.created_at) FROM activity a WHERE a.siren = prospect.siren AND a.user_id IS NOT NULL);
                CREATE TRIGGER activity_last_action AFTER INSERT ON activity WHEN new.user_id IS NOT NULL
                BEGIN
                  UPDATE prospect SET last_action_at = new.created_at
                  WHERE siren = new.siren AND (last_action_at IS NULL OR last_action_at < new.created_at);
                END;

                -- Assigned prospects still open that nobody acted on since their assignment, oldest
                -- assignment first (FollowUpWatch's untreated ones are those assigned untreated_days
                -- ago or more). Queries repeat this WHERE word for word, so that SQLite uses it.
                CREATE INDEX prospect_unworked
                  ON prospect(assigned_at, owner_id, archived_at, do_not_contact, pipeline_status, last_action_at)
                  WHERE assigned_at IS NOT NULL AND archived_at IS NULL AND do_not_contact = 0
                    AND pipeline_status IN ('nouveau', 'a_contacter', 'contacte', 'interesse', 'a_relancer')
                    AND (last_action_at IS NULL OR last_action_at < assigned_at);

                -- Open follow-ups by due time: the overdue ones, everyone's or one user's.
                CREATE INDEX follow_up_open ON follow_up(due_at, owner_id, done_at) WHERE done_at IS NULL;

                -- Live prospects by owner: the statuses chart, and the prospects the assignment
                -- should have given an owner (route, status and flag read from the index).
                CREATE INDEX prospect_live ON prospect(owner_id, pipeline_status, route, do_not_contact, archived_at)
                  WHERE archived_at IS NULL;
                """)
    }
}
