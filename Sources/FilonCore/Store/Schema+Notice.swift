import GRDB

extension Schema {
    /// RGPD: who was given the article 14 notice, when and how (R3), the consent of people reached
    /// at a consumer mailbox (R1), and the retention clock that only the prospect's own contacts
    /// move (R6).
    static func addNotice(_ db: Database) throws {
        try db.execute(
            sql: """
                -- One row per notice given: a table rather than a column on prospect because a
                -- company has several people to inform (each director, each nominative mailbox),
                -- through several channels over time, and the proof of each must be kept.
                CREATE TABLE privacy_notice (
                  id INTEGER PRIMARY KEY,
                  siren INTEGER NOT NULL REFERENCES company(siren) ON DELETE CASCADE,
                  -- the person informed when known; the row stays if the person is erased
                  person_id INTEGER REFERENCES person(id) ON DELETE SET NULL,
                  -- who was told: the address an email went to, or the name given on the phone;
                  -- personal data, blanked by the retention purge
                  recipient TEXT,
                  channel TEXT NOT NULL CHECK (channel IN ('call', 'email', 'sms', 'letter')),
                  -- which text: the notice's URL for an email, PrivacyNotice.currentVersion otherwise
                  notice_version TEXT NOT NULL,
                  notified_at TEXT NOT NULL,
                  -- the user who gave it (the writer of the email); NULL for the daemon
                  user_id INTEGER REFERENCES user(id) ON DELETE SET NULL,
                  -- the outbox message that carried it
                  outbox_id INTEGER REFERENCES email_outbox(id) ON DELETE SET NULL
                );
                -- "informed at or before this time?" for one prospect (the dashboard, the card).
                CREATE INDEX privacy_notice_siren ON privacy_notice(siren, notified_at);

                -- When the person behind a consumer mailbox (gmail.com, orange.fr…) agreed to
                -- receive our emails: such an address is treated as a private person's, so the
                -- outbox refuses it until then (R1, EmailKind, EmailConsent).
                ALTER TABLE contact_point ADD COLUMN consent_at TEXT;

                -- The last contact that came from the prospect (a reply, a call-back, a talk that
                -- went somewhere): the start of the 3-year retention clock. Enrichment and
                -- registry refreshes never set it (CNIL, Kaspr 2024).
                ALTER TABLE prospect ADD COLUMN last_inbound_contact_at TEXT;

                -- A call where the prospect engaged (RetentionPolicy.inboundDispositions: contact,
                -- callback, interested) moves the clock, whichever screen or script recorded it.
                -- A refusal or a "do not call" is not a wish to stay in the file.
                CREATE TRIGGER activity_inbound_call AFTER INSERT ON activity
                WHEN new.kind = 'call' AND new.disposition IN ('contact', 'callback', 'interested')
                BEGIN
                  UPDATE prospect SET last_inbound_contact_at = new.created_at
                  WHERE siren = new.siren
                    AND (last_inbound_contact_at IS NULL OR last_inbound_contact_at < new.created_at);
                END;
                -- Calls recorded before v12.
                UPDATE prospect SET last_inbound_contact_at = (
                  SELECT MAX(a.created_at) FROM activity a WHERE a.siren = prospect.siren AND a.kind = 'call'
                    AND a.disposition IN ('contact', 'callback', 'interested'))
                WHERE EXISTS (SELECT 1 FROM activity a WHERE a.siren = prospect.siren AND a.kind = 'call'
                    AND a.disposition IN ('contact', 'callback', 'interested'));
                """)
    }
}
