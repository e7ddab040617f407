import GRDB

extension Schema {
    /// The suppression list in use (RGPD R7): SIREN rows keep the SIREN in clear so that the
    /// queues can leave suppressed companies out in SQL (a hash cannot be joined on), and a
    /// prospect row created for a suppressed company (after a purge, a merge or by the scoring)
    /// starts "ne plus contacter".
    static func addCompliance(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE suppression ADD COLUMN siren INTEGER;
                CREATE INDEX suppression_siren ON suppression(siren) WHERE siren IS NOT NULL;

                CREATE TRIGGER prospect_suppressed AFTER INSERT ON prospect
                WHEN new.do_not_contact = 0 AND EXISTS (SELECT 1 FROM suppression WHERE siren = new.siren)
                BEGIN
                  UPDATE prospect SET do_not_contact = 1, call_state = 'stopped' WHERE siren = new.siren;
                END;
                """)
    }
}
