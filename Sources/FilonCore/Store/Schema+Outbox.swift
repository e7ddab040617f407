import GRDB

extension Schema {
    /// The email outbox: the TUI queues a message, the daemon sends it and retries it with a delay
    /// until it is sent or has failed for good. The message is stored as merged and edited, so
    /// that what goes out is exactly what the operator saw.
    static func addOutbox(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE email_outbox (
                  id INTEGER PRIMARY KEY,
                  siren INTEGER NOT NULL REFERENCES company(siren) ON DELETE CASCADE,
                  user_id INTEGER REFERENCES user(id),
                  to_address TEXT NOT NULL,
                  to_name TEXT,
                  subject TEXT NOT NULL,
                  body TEXT NOT NULL,
                  -- the template's name, for reports; NULL when written by hand
                  template TEXT,
                  -- set at the first attempt and kept, so that a retry is the same message to the
                  -- receiving servers
                  message_id TEXT,
                  status TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed')),
                  attempts INTEGER NOT NULL DEFAULT 0,
                  -- when a sender may take it: due, retried after a delay, or held while one sends it
                  next_attempt_at TEXT NOT NULL,
                  last_error TEXT,
                  server_reply TEXT,
                  created_at TEXT NOT NULL,
                  sent_at TEXT
                );
                CREATE INDEX email_outbox_due ON email_outbox(status, next_attempt_at);
                CREATE INDEX email_outbox_siren ON email_outbox(siren, created_at);
                """)
    }
}
