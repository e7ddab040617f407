import GRDB

/// The database schema, as a list of migrations. Migrations use raw SQL, never application types,
/// so that an old migration keeps meaning what it meant when it shipped.
public enum Schema {
    public static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1 data model", migrate: createDataModel)
        migrator.registerMigration("v2 detection", migrate: addDetection)
        migrator.registerMigration("v3 enrichment", migrate: addEnrichment)
        migrator.registerMigration("v4 scoring", migrate: addScoring)
        migrator.registerMigration("v5 queue and assignment", migrate: addQueueAndAssignment)
        migrator.registerMigration("v6 search", migrate: addSearch)
        migrator.registerMigration("v7 email outbox", migrate: addOutbox)
        migrator.registerMigration("v8 reports", migrate: addReports)
        migrator.registerMigration("v9 speed", migrate: addSpeed)
        migrator.registerMigration("v10 compliance", migrate: addCompliance)
        migrator.registerMigration("v11 quality", migrate: addQuality)
        migrator.registerMigration("v12 privacy notice and retention", migrate: addNotice)
        return migrator
    }

    /// Secondary indexes of the tables the stock importer fills. A first import into an empty
    /// table drops them and builds them again at the end: one sort is far cheaper than millions of
    /// random index inserts. `ensureBulkIndexes` puts back any that a killed import left out.
    public static let bulkIndexes: [(table: String, name: String, sql: String)] = [
        ("company", "company_creation", "CREATE INDEX IF NOT EXISTS company_creation ON company(creation_date)"),
        (
            "establishment", "establishment_siren",
            "CREATE INDEX IF NOT EXISTS establishment_siren ON establishment(siren)"
        ),
    ]

    public static func ensureBulkIndexes(_ db: Database, table: String? = nil) throws {
        for index in bulkIndexes where table == nil || index.table == table { try db.execute(sql: index.sql) }
    }

    public static func dropBulkIndexes(_ db: Database, table: String) throws {
        for index in bulkIndexes + daemonIndexes where index.table == table {
            try db.execute(sql: "DROP INDEX IF EXISTS \(index.name)")
        }
    }

    /// Indexes only the daemon's passes read. A first import leaves them out (maintaining or
    /// rebuilding `company_last_run` cost a fifth of a 2 M-row import, measured with filon-bench);
    /// the pass that needs one builds it with `ensureDaemonIndexes`, once.
    public static let daemonIndexes: [(table: String, name: String, sql: String)] = [
        ("company", "company_last_run", "CREATE INDEX IF NOT EXISTS company_last_run ON company(last_run_id)"),
        ("company", "company_first_run", "CREATE INDEX IF NOT EXISTS company_first_run ON company(first_run_id)"),
    ]

    public static func ensureDaemonIndexes(_ db: Database) throws {
        for index in daemonIndexes { try db.execute(sql: index.sql) }
    }

    private static func createDataModel(_ db: Database) throws {
        // Users first: companies point at their owner.
        try db.execute(
            sql: """
                CREATE TABLE user (
                  id INTEGER PRIMARY KEY,
                  login TEXT NOT NULL UNIQUE,
                  name TEXT NOT NULL,
                  role TEXT NOT NULL CHECK (role IN ('admin', 'commercial', 'telepro')),
                  active INTEGER NOT NULL DEFAULT 1,
                  capacity INTEGER NOT NULL DEFAULT 100 CHECK (capacity >= 0),
                  created_at TEXT NOT NULL
                );

                -- One row per legal unit (SIREN). The SIREN is the integer key: lookups and the
                -- stock importer's merge by key need no separate index.
                CREATE TABLE company (
                  siren INTEGER PRIMARY KEY CHECK (siren BETWEEN 0 AND 999999999),
                  diffusion TEXT NOT NULL DEFAULT 'O',
                  denomination TEXT,
                  acronym TEXT,
                  usual_name TEXT,
                  last_name TEXT,
                  usage_name TEXT,
                  first_name TEXT,
                  usual_first_name TEXT,
                  name TEXT GENERATED ALWAYS AS (
                    COALESCE(denomination,
                      NULLIF(TRIM(COALESCE(usual_first_name, first_name, '') || ' ' ||
                                  COALESCE(usage_name, last_name, '')), ''),
                      usual_name, acronym)
                  ) VIRTUAL,
                  legal_form TEXT,
                  association_id TEXT,
                  creation_date TEXT,
                  state TEXT NOT NULL DEFAULT 'A' CHECK (state IN ('A', 'C')),
                  state_since TEXT,
                  naf_code TEXT,
                  naf_nomenclature TEXT,
                  naf25_code TEXT,
                  size_band TEXT,
                  size_year INTEGER,
                  category TEXT,
                  employer TEXT,
                  social_economy TEXT,
                  head_office_nic TEXT,
                  sirene_updated_at TEXT,
                  -- head-office address, copied from the head-office establishment
                  address_complement TEXT,
                  street_number TEXT,
                  street_repetition TEXT,
                  street_type TEXT,
                  street_name TEXT,
                  postal_code TEXT,
                  city TEXT,
                  city_code TEXT,
                  country TEXT,
                  department TEXT GENERATED ALWAYS AS (
                    CASE WHEN city_code IS NULL THEN NULL
                         WHEN substr(city_code, 1, 2) = '97' OR substr(city_code, 1, 2) = '98'
                           THEN substr(city_code, 1, 3)
                         ELSE substr(city_code, 1, 2) END
                  ) VIRTUAL,
                  latitude REAL,
                  longitude REAL,
                  address_hash INTEGER,
                  -- provenance: the runs that created and last changed these identity fields
                  -- (their source and dates are in the run journal)
                  first_run_id INTEGER,
                  last_run_id INTEGER,
                  row_hash INTEGER NOT NULL
                );
                -- The company table holds what the registries say, one narrow row per SIREN so
                -- that the 28 M units import fast; the sales side lives in prospect, enrichment
                -- in web_presence, each created when there is something to say.

                -- The CRM side of a company. No row means a fresh prospect: Nouveau, score 0.
                CREATE TABLE prospect (
                  siren INTEGER PRIMARY KEY REFERENCES company(siren) ON DELETE CASCADE,
                  pipeline_status TEXT NOT NULL DEFAULT 'nouveau' CHECK (pipeline_status IN
                    ('nouveau', 'a_contacter', 'contacte', 'interesse', 'a_relancer', 'client',
                     'non_interesse', 'perdu')),
                  score INTEGER NOT NULL DEFAULT 0 CHECK (score BETWEEN 0 AND 100),
                  score_reasons TEXT,
                  tier TEXT,
                  route TEXT,
                  owner_id INTEGER REFERENCES user(id) ON DELETE SET NULL,
                  notes TEXT,
                  do_not_contact INTEGER NOT NULL DEFAULT 0,
                  archived_at TEXT,
                  created_at TEXT NOT NULL,
                  updated_at TEXT NOT NULL,
                  version INTEGER NOT NULL DEFAULT 1
                );
                CREATE INDEX prospect_owner ON prospect(owner_id, pipeline_status);

                -- What the web says about a company: site, its audit, Google presence, maturity.
                CREATE TABLE web_presence (
                  siren INTEGER PRIMARY KEY REFERENCES company(siren) ON DELETE CASCADE,
                  website TEXT,
                  website_verdict TEXT,
                  google_presence TEXT,
                  google_rating REAL,
                  google_reviews INTEGER,
                  digital_maturity INTEGER,
                  updated_at TEXT NOT NULL
                );

                -- One row per establishment (SIRET). No foreign key to company: the stock files
                -- arrive in any order and establishments may come before their legal unit.
                CREATE TABLE establishment (
                  siret INTEGER PRIMARY KEY CHECK (siret BETWEEN 0 AND 99999999999999),
                  siren INTEGER NOT NULL,
                  nic TEXT NOT NULL,
                  diffusion TEXT NOT NULL DEFAULT 'O',
                  creation_date TEXT,
                  size_band TEXT,
                  is_head_office INTEGER NOT NULL DEFAULT 0,
                  state TEXT NOT NULL DEFAULT 'A' CHECK (state IN ('A', 'F')),
                  state_since TEXT,
                  address_complement TEXT,
                  street_number TEXT,
                  street_repetition TEXT,
                  street_type TEXT,
                  street_name TEXT,
                  postal_code TEXT,
                  city TEXT,
                  foreign_city TEXT,
                  special_distribution TEXT,
                  city_code TEXT,
                  cedex_code TEXT,
                  cedex_label TEXT,
                  foreign_country_code TEXT,
                  foreign_country TEXT,
                  lambert_x REAL,
                  lambert_y REAL,
                  sign TEXT,
                  usual_name TEXT,
                  naf_code TEXT,
                  naf_nomenclature TEXT,
                  employer TEXT,
                  sirene_updated_at TEXT,
                  first_run_id INTEGER,
                  last_run_id INTEGER,
                  row_hash INTEGER NOT NULL,
                  address_hash INTEGER NOT NULL
                );

                -- Directors and contacts.
                CREATE TABLE person (
                  id INTEGER PRIMARY KEY,
                  siren INTEGER NOT NULL REFERENCES company(siren) ON DELETE CASCADE,
                  kind TEXT NOT NULL DEFAULT 'physical' CHECK (kind IN ('physical', 'legal')),
                  role TEXT,
                  last_name TEXT,
                  first_names TEXT,
                  birth_year INTEGER,
                  legal_siren INTEGER,
                  legal_name TEXT,
                  is_director INTEGER NOT NULL DEFAULT 1,
                  source TEXT NOT NULL,
                  retrieved_at TEXT NOT NULL,
                  erased_at TEXT
                );
                CREATE INDEX person_siren ON person(siren);

                -- An email, phone, website or profile, with where it came from.
                CREATE TABLE contact_point (
                  id INTEGER PRIMARY KEY,
                  siren INTEGER NOT NULL REFERENCES company(siren) ON DELETE CASCADE,
                  person_id INTEGER REFERENCES person(id) ON DELETE SET NULL,
                  kind TEXT NOT NULL CHECK (kind IN ('email', 'phone', 'website', 'linkedin', 'other')),
                  value TEXT NOT NULL,
                  normalized TEXT NOT NULL,
                  label TEXT,
                  is_personal INTEGER NOT NULL DEFAULT 0,
                  validation TEXT NOT NULL DEFAULT 'unknown',
                  source TEXT NOT NULL,
                  retrieved_at TEXT NOT NULL,
                  opted_out INTEGER NOT NULL DEFAULT 0,
                  UNIQUE (siren, kind, normalized)
                );
                CREATE INDEX contact_point_normalized ON contact_point(kind, normalized);

                -- Which source said what about a company field, and when.
                CREATE TABLE field_provenance (
                  siren INTEGER NOT NULL REFERENCES company(siren) ON DELETE CASCADE,
                  field TEXT NOT NULL,
                  source TEXT NOT NULL,
                  retrieved_at TEXT NOT NULL,
                  PRIMARY KEY (siren, field)
                ) WITHOUT ROWID;

                -- Every human or automatic action on a prospect.
                CREATE TABLE activity (
                  id INTEGER PRIMARY KEY,
                  siren INTEGER NOT NULL REFERENCES company(siren) ON DELETE CASCADE,
                  user_id INTEGER REFERENCES user(id),
                  kind TEXT NOT NULL CHECK (kind IN ('call', 'email', 'note', 'status_change',
                    'assignment', 'follow_up', 'merge', 'archive', 'do_not_contact', 'enrichment', 'other')),
                  disposition TEXT,
                  old_value TEXT,
                  new_value TEXT,
                  detail TEXT,
                  duration_seconds INTEGER,
                  created_at TEXT NOT NULL
                );
                CREATE INDEX activity_siren ON activity(siren, created_at);
                CREATE INDEX activity_user ON activity(user_id, created_at);

                CREATE TABLE follow_up (
                  id INTEGER PRIMARY KEY,
                  siren INTEGER NOT NULL REFERENCES company(siren) ON DELETE CASCADE,
                  owner_id INTEGER REFERENCES user(id),
                  due_at TEXT NOT NULL,
                  shared INTEGER NOT NULL DEFAULT 0,
                  note TEXT,
                  created_by INTEGER REFERENCES user(id),
                  created_at TEXT NOT NULL,
                  done_at TEXT
                );
                CREATE INDEX follow_up_due ON follow_up(owner_id, due_at) WHERE done_at IS NULL;

                -- The run journal: every import, pass or enrichment, with its volumes.
                CREATE TABLE run (
                  id INTEGER PRIMARY KEY,
                  source TEXT NOT NULL,
                  kind TEXT NOT NULL,
                  target TEXT,
                  started_at TEXT NOT NULL,
                  finished_at TEXT,
                  status TEXT NOT NULL DEFAULT 'running'
                    CHECK (status IN ('running', 'ok', 'failed', 'interrupted')),
                  rows_read INTEGER NOT NULL DEFAULT 0,
                  rows_new INTEGER NOT NULL DEFAULT 0,
                  rows_changed INTEGER NOT NULL DEFAULT 0,
                  rows_unchanged INTEGER NOT NULL DEFAULT 0,
                  rows_rejected INTEGER NOT NULL DEFAULT 0,
                  rows_filtered INTEGER NOT NULL DEFAULT 0,
                  values_dropped INTEGER NOT NULL DEFAULT 0,
                  message TEXT,
                  pid INTEGER
                );
                CREATE INDEX run_started ON run(started_at);

                -- Lines a run could not use, with their place in the input.
                CREATE TABLE run_issue (
                  id INTEGER PRIMARY KEY,
                  run_id INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE,
                  line INTEGER,
                  message TEXT NOT NULL
                );
                CREATE INDEX run_issue_run ON run_issue(run_id);

                -- Important changes seen by the pipeline: status, name, address, NAF, size, closure.
                CREATE TABLE change_event (
                  id INTEGER PRIMARY KEY,
                  siren INTEGER NOT NULL,
                  siret INTEGER,
                  kind TEXT NOT NULL,
                  old_value TEXT,
                  new_value TEXT,
                  source TEXT NOT NULL,
                  run_id INTEGER REFERENCES run(id) ON DELETE SET NULL,
                  detected_at TEXT NOT NULL,
                  handled_at TEXT
                );
                CREATE INDEX change_event_siren ON change_event(siren, detected_at);
                CREATE INDEX change_event_unhandled ON change_event(detected_at) WHERE handled_at IS NULL;

                -- "Ne plus contacter": hashed, normalised identifiers, kept whatever else is purged.
                CREATE TABLE suppression (
                  id INTEGER PRIMARY KEY,
                  kind TEXT NOT NULL CHECK (kind IN ('email', 'phone', 'siren')),
                  hash TEXT NOT NULL,
                  reason TEXT,
                  created_by INTEGER REFERENCES user(id),
                  created_at TEXT NOT NULL,
                  UNIQUE (kind, hash)
                );

                -- Who did what to which record, for traceability and rights requests.
                CREATE TABLE audit_log (
                  id INTEGER PRIMARY KEY,
                  at TEXT NOT NULL,
                  actor TEXT NOT NULL,
                  action TEXT NOT NULL,
                  target TEXT,
                  detail TEXT
                );
                CREATE INDEX audit_log_at ON audit_log(at);

                CREATE INDEX company_creation ON company(creation_date);
                CREATE INDEX establishment_siren ON establishment(siren);
                """)
    }

    /// What the daemon's incremental sources need: where each one stopped, what each request
    /// cost, and the facts registries other than Sirene bring (finances).
    private static func addDetection(_ db: Database) throws {
        try db.execute(
            sql: """
                -- Where each source stopped: a date watermark, a paging cursor within a pass, and
                -- the validators of the last download (ETag, Last-Modified).
                CREATE TABLE source_state (
                  source TEXT PRIMARY KEY,
                  watermark TEXT,
                  cursor TEXT,
                  etag TEXT,
                  last_modified TEXT,
                  updated_at TEXT NOT NULL
                ) WITHOUT ROWID;

                ALTER TABLE run ADD COLUMN requests INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE run ADD COLUMN errors INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE run ADD COLUMN watermark_before TEXT;
                ALTER TABLE run ADD COLUMN watermark_after TEXT;

                -- When a provider last answered about a company: refreshes and enrichment skip
                -- companies that have not changed since.
                CREATE TABLE provider_fetch (
                  provider TEXT NOT NULL,
                  siren INTEGER NOT NULL REFERENCES company(siren) ON DELETE CASCADE,
                  fetched_at TEXT NOT NULL,
                  -- the run that asked: later than the company's last_run_id means up to date
                  run_id INTEGER NOT NULL,
                  outcome TEXT NOT NULL,
                  PRIMARY KEY (provider, siren)
                ) WITHOUT ROWID;

                -- Yearly accounts as a registry or provider published them.
                CREATE TABLE finance (
                  siren INTEGER NOT NULL REFERENCES company(siren) ON DELETE CASCADE,
                  year INTEGER NOT NULL,
                  revenue INTEGER,
                  net_income INTEGER,
                  source TEXT NOT NULL,
                  retrieved_at TEXT NOT NULL,
                  PRIMARY KEY (siren, year)
                ) WITHOUT ROWID;

                """)
    }

    /// Enrichment: answers cached with a time to live, failures retried with backoff, credits per
    /// day, the website audit, and the facts providers give that are not contacts.
    private static func addEnrichment(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE provider_fetch ADD COLUMN expires_at TEXT;
                ALTER TABLE provider_fetch ADD COLUMN failures INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE provider_fetch ADD COLUMN retry_at TEXT;

                -- generic / nominative email, landline / mobile phone, company / person profile
                ALTER TABLE contact_point ADD COLUMN subtype TEXT;

                ALTER TABLE web_presence ADD COLUMN maturity_reasons TEXT;
                ALTER TABLE web_presence ADD COLUMN website_source TEXT;

                -- Requests and credits per provider and day (UTC); exhausted_at when the provider
                -- said it has no credits left: it stops until the next day.
                CREATE TABLE provider_spend (
                  provider TEXT NOT NULL,
                  day TEXT NOT NULL,
                  requests INTEGER NOT NULL DEFAULT 0,
                  credits INTEGER NOT NULL DEFAULT 0,
                  companies INTEGER NOT NULL DEFAULT 0,
                  exhausted_at TEXT,
                  PRIMARY KEY (provider, day)
                ) WITHOUT ROWID;

                -- Which run last enriched a company: it is due again when it changed since.
                CREATE TABLE enrichment_state (
                  siren INTEGER PRIMARY KEY REFERENCES company(siren) ON DELETE CASCADE,
                  run_id INTEGER NOT NULL,
                  enriched_at TEXT NOT NULL
                );

                -- Our own audit of the company's website, the latest one.
                CREATE TABLE website_audit (
                  siren INTEGER PRIMARY KEY REFERENCES company(siren) ON DELETE CASCADE,
                  url TEXT NOT NULL,
                  final_url TEXT,
                  reachable INTEGER NOT NULL,
                  http_status INTEGER,
                  https INTEGER NOT NULL,
                  certificate_valid INTEGER,
                  redirects_to_https INTEGER NOT NULL,
                  has_viewport INTEGER NOT NULL,
                  cms TEXT,
                  copyright_year INTEGER,
                  last_modified TEXT,
                  bytes INTEGER,
                  response_ms INTEGER,
                  title TEXT,
                  description TEXT,
                  legal_notice_has_siren INTEGER,
                  parked INTEGER NOT NULL,
                  local_business_schema INTEGER NOT NULL,
                  social_links TEXT,
                  error TEXT,
                  maturity TEXT NOT NULL,
                  maturity_reasons TEXT,
                  audited_at TEXT NOT NULL
                );

                -- Facts a provider gives that are not contacts: hiring, technologies, Google status.
                CREATE TABLE company_signal (
                  id INTEGER PRIMARY KEY,
                  siren INTEGER NOT NULL REFERENCES company(siren) ON DELETE CASCADE,
                  kind TEXT NOT NULL,
                  detail TEXT NOT NULL,
                  source TEXT NOT NULL,
                  retrieved_at TEXT NOT NULL,
                  UNIQUE (siren, kind, detail)
                );
                """)
    }

    /// Scoring: what each stored score was computed from, so that only what changed is scored
    /// again, and why the prospect took its route.
    private static func addScoring(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE prospect ADD COLUMN route_reason TEXT;
                -- The newest run (company.last_run_id or enrichment_state.run_id) the score has seen:
                -- the company is due again when either passes it.
                ALTER TABLE prospect ADD COLUMN scored_run_id INTEGER;
                -- ScoringSettings.fingerprint: new weights or rules score everything again.
                ALTER TABLE prospect ADD COLUMN scored_settings INTEGER;
                ALTER TABLE prospect ADD COLUMN scored_at TEXT;
                -- The day the recent-company points next change (YYYY-MM-DD); NULL when they never will.
                ALTER TABLE prospect ADD COLUMN rescore_on TEXT;
                """)
    }
}
