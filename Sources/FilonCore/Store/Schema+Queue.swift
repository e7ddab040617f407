import GRDB

extension Schema {
    /// The call queue and assignment: attempts and when a prospect may be called again, its
    /// reservation by one operator, when it was assigned, and users' absences.
    static func addQueueAndAssignment(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE prospect ADD COLUMN assigned_at TEXT;
                ALTER TABLE prospect ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE prospect ADD COLUMN last_attempt_at TEXT;
                -- fresh (never called), recycle (called again from next_call_at), stopped (a person decides)
                ALTER TABLE prospect ADD COLUMN call_state TEXT NOT NULL DEFAULT 'fresh';
                ALTER TABLE prospect ADD COLUMN next_call_at TEXT;
                ALTER TABLE prospect ADD COLUMN reserved_by INTEGER REFERENCES user(id) ON DELETE SET NULL;
                ALTER TABLE prospect ADD COLUMN reserved_until TEXT;
                ALTER TABLE user ADD COLUMN absent_until TEXT;
                CREATE INDEX prospect_queue ON prospect(owner_id, call_state, tier, score);
                """)
    }
}
