#include "store/schema.h"

#include <fmt/format.h>

#include <array>

namespace sawt::store {

namespace {

// Conventions: STRICT tables; dates are PartialDate text ("", "1985",
// "~1985-03", "1985-03-07"); timestamps are UTC ISO 8601 ("2026-11-28T19:30:16Z");
// codes are vocabulary codes (data/vocab); JSON columns hold objects.
constexpr std::string_view kV1 = R"sql(
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE sources (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  kind        TEXT NOT NULL,
  reliability INTEGER NOT NULL CHECK (reliability BETWEEN 1 AND 5),
  received    TEXT NOT NULL DEFAULT '',
  notes       TEXT NOT NULL DEFAULT '',
  created_at  TEXT NOT NULL
) STRICT;

CREATE TABLE imports (
  id               INTEGER PRIMARY KEY,
  source_id        INTEGER NOT NULL REFERENCES sources(id),
  file_name        TEXT NOT NULL,
  content_hash     TEXT NOT NULL UNIQUE,
  format           TEXT NOT NULL,
  imported_at      TEXT NOT NULL,
  imported_by      TEXT NOT NULL,
  rows_total       INTEGER NOT NULL,
  rows_ok          INTEGER NOT NULL,
  rows_quarantined INTEGER NOT NULL
) STRICT;

-- What a source said, verbatim. Never edited, never deleted (triggers below).
CREATE TABLE source_records (
  id               INTEGER PRIMARY KEY,
  source_id        INTEGER NOT NULL REFERENCES sources(id),
  import_id        INTEGER REFERENCES imports(id),
  record_id        TEXT NOT NULL DEFAULT '',
  line             INTEGER NOT NULL DEFAULT 0,
  full_name        TEXT NOT NULL DEFAULT '',
  first_name       TEXT NOT NULL DEFAULT '',
  father_name      TEXT NOT NULL DEFAULT '',
  grandfather_name TEXT NOT NULL DEFAULT '',
  family_name      TEXT NOT NULL DEFAULT '',
  mother_name      TEXT NOT NULL DEFAULT '',
  gender           TEXT NOT NULL DEFAULT '',
  birth_date       TEXT NOT NULL DEFAULT '',
  birth_place      TEXT NOT NULL DEFAULT '',
  nationality      TEXT NOT NULL DEFAULT '',
  id_number        TEXT NOT NULL DEFAULT '',
  arrest_date      TEXT NOT NULL DEFAULT '',
  facility         TEXT NOT NULL DEFAULT '',
  notes            TEXT NOT NULL DEFAULT '',
  extra            TEXT NOT NULL DEFAULT '{}',
  created_at       TEXT NOT NULL
) STRICT;
CREATE INDEX source_records_by_source ON source_records(source_id);
CREATE TRIGGER source_records_no_update BEFORE UPDATE ON source_records
BEGIN SELECT RAISE(ABORT, 'source records are never edited'); END;
CREATE TRIGGER source_records_no_delete BEFORE DELETE ON source_records
BEGIN SELECT RAISE(ABORT, 'source records are never deleted'); END;

-- Rows an import could not accept, with the reason; nothing is dropped.
CREATE TABLE quarantine (
  id        INTEGER PRIMARY KEY,
  import_id INTEGER NOT NULL REFERENCES imports(id),
  line      INTEGER NOT NULL,
  reason    TEXT NOT NULL,
  raw       TEXT NOT NULL
) STRICT;
CREATE INDEX quarantine_by_import ON quarantine(import_id);

CREATE TABLE facilities (
  id        INTEGER PRIMARY KEY,
  code      TEXT NOT NULL UNIQUE,
  name_ar   TEXT NOT NULL,
  name_en   TEXT NOT NULL,
  type      TEXT NOT NULL DEFAULT '',
  authority TEXT NOT NULL DEFAULT '',
  country   TEXT NOT NULL DEFAULT '',
  city      TEXT NOT NULL DEFAULT '',
  capacity  INTEGER NOT NULL DEFAULT 0
) STRICT;

-- The detainee as the organisation knows them. merged_into is set when the
-- person was merged into another; the row stays so a merge can be undone.
CREATE TABLE persons (
  id            INTEGER PRIMARY KEY,
  public_id     TEXT NOT NULL UNIQUE,
  name_ar       TEXT NOT NULL DEFAULT '{}',
  name_lat      TEXT NOT NULL DEFAULT '{}',
  display_name  TEXT NOT NULL,
  gender        TEXT NOT NULL DEFAULT '',
  birth_date    TEXT NOT NULL DEFAULT '',
  birth_place   TEXT NOT NULL DEFAULT '',
  nationality   TEXT NOT NULL DEFAULT '',
  id_number     TEXT NOT NULL DEFAULT '',
  status        TEXT NOT NULL DEFAULT 'unknown',
  facility_code TEXT NOT NULL DEFAULT '',
  confidential  INTEGER NOT NULL DEFAULT 0,
  notes         TEXT NOT NULL DEFAULT '',
  merged_into   INTEGER REFERENCES persons(id),
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
) STRICT;

-- Which source records make up a person (a record belongs to one person at a time).
CREATE TABLE person_records (
  record_id INTEGER PRIMARY KEY REFERENCES source_records(id),
  person_id INTEGER NOT NULL REFERENCES persons(id),
  method    TEXT NOT NULL,
  linked_by TEXT NOT NULL,
  linked_at TEXT NOT NULL
) STRICT;
CREATE INDEX person_records_by_person ON person_records(person_id);

-- Curated facts and the sources that support them.
CREATE TABLE facts (
  id         INTEGER PRIMARY KEY,
  person_id  INTEGER NOT NULL REFERENCES persons(id),
  field      TEXT NOT NULL,
  value      TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX facts_by_person ON facts(person_id);
CREATE TABLE fact_sources (
  fact_id   INTEGER NOT NULL REFERENCES facts(id) ON DELETE CASCADE,
  source_id INTEGER NOT NULL REFERENCES sources(id),
  PRIMARY KEY (fact_id, source_id)
) STRICT;

CREATE TABLE arrests (
  id        INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES persons(id),
  date      TEXT NOT NULL DEFAULT '',
  place     TEXT NOT NULL DEFAULT '',
  authority TEXT NOT NULL DEFAULT '',
  notes     TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX arrests_by_person ON arrests(person_id);

CREATE TABLE custody (
  id            INTEGER PRIMARY KEY,
  person_id     INTEGER NOT NULL REFERENCES persons(id),
  facility_code TEXT NOT NULL,
  from_date     TEXT NOT NULL DEFAULT '',
  to_date       TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX custody_by_person ON custody(person_id);

CREATE TABLE cases (
  id              INTEGER PRIMARY KEY,
  person_id       INTEGER NOT NULL REFERENCES persons(id),
  court           TEXT NOT NULL DEFAULT '',
  case_number     TEXT NOT NULL DEFAULT '',
  sentence_months INTEGER NOT NULL DEFAULT 0,
  sentence_start  TEXT NOT NULL DEFAULT '',
  lawyer          TEXT NOT NULL DEFAULT '',
  notes           TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX cases_by_person ON cases(person_id);
CREATE TABLE case_charges (
  case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  charge  TEXT NOT NULL,
  PRIMARY KEY (case_id, charge)
) STRICT;
CREATE TABLE case_statuses (
  id      INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  status  TEXT NOT NULL,
  date    TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX case_statuses_by_case ON case_statuses(case_id);
CREATE TABLE hearings (
  id      INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  date    TEXT NOT NULL DEFAULT '',
  outcome TEXT NOT NULL DEFAULT '',
  notes   TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX hearings_by_case ON hearings(case_id);
CREATE TABLE allegations (
  case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  code    TEXT NOT NULL,
  PRIMARY KEY (case_id, code)
) STRICT;

CREATE TABLE documents (
  id         INTEGER PRIMARY KEY,
  person_id  INTEGER REFERENCES persons(id),
  case_id    INTEGER REFERENCES cases(id),
  title      TEXT NOT NULL,
  kind       TEXT NOT NULL DEFAULT 'other',
  sha256     TEXT NOT NULL,
  size       INTEGER NOT NULL,
  date       TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE events (
  id            INTEGER PRIMARY KEY,
  person_id     INTEGER REFERENCES persons(id),
  facility_code TEXT NOT NULL DEFAULT '',
  type          TEXT NOT NULL,
  date          TEXT NOT NULL DEFAULT '',
  description   TEXT NOT NULL DEFAULT '',
  source_id     INTEGER REFERENCES sources(id)
) STRICT;
CREATE INDEX events_by_person ON events(person_id);

-- Consent history: the latest row per (person, scope, partner) is in force.
CREATE TABLE consents (
  id          INTEGER PRIMARY KEY,
  person_id   INTEGER NOT NULL REFERENCES persons(id),
  scope       TEXT NOT NULL,
  partner     TEXT NOT NULL DEFAULT '',
  decision    INTEGER NOT NULL CHECK (decision IN (0, 1, 2)),
  given_by    TEXT NOT NULL DEFAULT '',
  witness     TEXT NOT NULL DEFAULT '',
  recorded_by TEXT NOT NULL,
  date        TEXT NOT NULL DEFAULT '',
  notes       TEXT NOT NULL DEFAULT '',
  created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX consents_by_person ON consents(person_id, scope);

-- Append-only, hash-chained audit log (store/audit.h).
CREATE TABLE audit (
  id        INTEGER PRIMARY KEY,
  at        TEXT NOT NULL,
  actor     TEXT NOT NULL,
  action    TEXT NOT NULL,
  entity    TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  before    TEXT NOT NULL DEFAULT '',
  after     TEXT NOT NULL DEFAULT '',
  prev_hash TEXT NOT NULL,
  hash      TEXT NOT NULL
) STRICT;
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

-- Full-text index over normalised name keys and notes, for persons ('p') and
-- source records ('r'); `variants` holds the names as written, for ranking. Maintained by the repository, never by triggers, so
-- that the keys come from the name engine.
CREATE VIRTUAL TABLE search_index USING fts5(
  kind UNINDEXED, ref UNINDEXED, names, notes, variants UNINDEXED,
  tokenize = 'unicode61 remove_diacritics 0'
);
)sql";

// Protection: profile flags, the alert queue, the advocacy log.
constexpr std::string_view kV2 = R"sql(
CREATE TABLE person_flags (
  id          INTEGER PRIMARY KEY,
  person_id   INTEGER NOT NULL REFERENCES persons(id),
  code        TEXT NOT NULL,
  destination TEXT NOT NULL DEFAULT '',
  note        TEXT NOT NULL DEFAULT '',
  created_by  TEXT NOT NULL,
  created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX person_flags_by_person ON person_flags(person_id);

-- Alerts computed from deadlines (protection/deadlines.h), keyed by the
-- deadline's stable key; a user's acknowledgement or resolution is kept when
-- the alert is recomputed.
CREATE TABLE alerts (
  key            TEXT PRIMARY KEY,
  person_id      INTEGER NOT NULL REFERENCES persons(id),
  kind           TEXT NOT NULL,
  due_earliest   TEXT NOT NULL,
  due_latest     TEXT NOT NULL,
  stage          TEXT NOT NULL,
  explanation_en TEXT NOT NULL,
  explanation_ar TEXT NOT NULL,
  state          TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'acknowledged', 'resolved')),
  state_by       TEXT NOT NULL DEFAULT '',
  state_at       TEXT NOT NULL DEFAULT '',
  state_note     TEXT NOT NULL DEFAULT '',
  first_seen     TEXT NOT NULL,
  updated_at     TEXT NOT NULL,
  current        INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX alerts_by_due ON alerts(due_earliest);

-- What was sent to whom, when, and what came back.
CREATE TABLE advocacy (
  id         INTEGER PRIMARY KEY,
  person_id  INTEGER NOT NULL REFERENCES persons(id),
  action     TEXT NOT NULL,
  addressee  TEXT NOT NULL DEFAULT '',
  date       TEXT NOT NULL,
  reference  TEXT NOT NULL DEFAULT '',
  response   TEXT NOT NULL DEFAULT '',
  follow_up  TEXT NOT NULL DEFAULT '',
  act_until  TEXT NOT NULL DEFAULT '',
  notes      TEXT NOT NULL DEFAULT '',
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX advocacy_by_person ON advocacy(person_id);
)sql";

// Accounts and access: users with roles, case teams, persons' teams, the users
// named on confidential persons, and the cached risk level per person.
constexpr std::string_view kV3 = R"sql(
CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  username      TEXT NOT NULL UNIQUE,
  display_name  TEXT NOT NULL DEFAULT '',
  password_hash TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('admin', 'coordinator', 'case_worker', 'researcher', 'viewer')),
  disabled      INTEGER NOT NULL DEFAULT 0,
  lang          TEXT NOT NULL DEFAULT 'ar',
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
) STRICT;

CREATE TABLE teams (
  id   INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE
) STRICT;
CREATE TABLE team_members (
  team_id INTEGER NOT NULL REFERENCES teams(id),
  user_id INTEGER NOT NULL REFERENCES users(id),
  PRIMARY KEY (team_id, user_id)
) STRICT;
CREATE TABLE person_teams (
  person_id INTEGER NOT NULL REFERENCES persons(id),
  team_id   INTEGER NOT NULL REFERENCES teams(id),
  PRIMARY KEY (person_id, team_id)
) STRICT;
CREATE INDEX person_teams_by_team ON person_teams(team_id);
-- Users allowed to see a confidential person.
CREATE TABLE person_access (
  person_id INTEGER NOT NULL REFERENCES persons(id),
  user_id   INTEGER NOT NULL REFERENCES users(id),
  PRIMARY KEY (person_id, user_id)
) STRICT;

-- Derived: the last computed risk per person (protection/risk.h), for lists
-- and filters. Recomputed when the person changes and at every refresh.
CREATE TABLE person_risk (
  person_id      INTEGER PRIMARY KEY REFERENCES persons(id),
  level          TEXT NOT NULL,
  score          INTEGER NOT NULL,
  explanation_en TEXT NOT NULL,
  explanation_ar TEXT NOT NULL,
  computed_at    TEXT NOT NULL
) STRICT;
CREATE INDEX person_risk_by_level ON person_risk(level);
)sql";

// Partner shares sent and received (`sawt share`, `sawt receive`): which
// bundle went to whom with which persons — so that when a person withdraws
// consent, the organisation knows whom to tell — and which bundles were taken
// in, so that a bundle is never received twice.
constexpr std::string_view kVShares = R"sql(
CREATE TABLE shares (
  id          INTEGER PRIMARY KEY,
  bundle_id   TEXT NOT NULL,
  direction   TEXT NOT NULL CHECK (direction IN ('sent', 'received')),
  partner     TEXT NOT NULL,
  partner_key TEXT NOT NULL,
  at          TEXT NOT NULL,
  actor       TEXT NOT NULL,
  persons     INTEGER NOT NULL,
  withheld    INTEGER NOT NULL DEFAULT 0,
  import_id   INTEGER REFERENCES imports(id),
  UNIQUE (bundle_id, direction)
) STRICT;
CREATE TABLE share_persons (
  share_id  INTEGER NOT NULL REFERENCES shares(id),
  person_id INTEGER NOT NULL REFERENCES persons(id),
  PRIMARY KEY (share_id, person_id)
) STRICT;
CREATE INDEX share_persons_by_person ON share_persons(person_id);
-- Lookups that follow merges (a person's shares, an old id) must not scan persons.
CREATE INDEX persons_by_merged_into ON persons(merged_into) WHERE merged_into IS NOT NULL;
)sql";

// Conditions monitoring (domain/conditions.h): dated facility figures from
// sources that disagree (all kept), visits with their indicator checklist,
// incidents tied to facilities and persons, and persons' health needs.
constexpr std::string_view kVConditions = R"sql(
CREATE TABLE facility_figures (
  id            INTEGER PRIMARY KEY,
  facility_code TEXT NOT NULL,
  date          TEXT NOT NULL,
  population    INTEGER CHECK (population IS NULL OR population >= 0),
  capacity      INTEGER CHECK (capacity IS NULL OR capacity > 0),
  source_id     INTEGER NOT NULL REFERENCES sources(id),
  scope         TEXT NOT NULL DEFAULT '',
  notes         TEXT NOT NULL DEFAULT '',
  created_by    TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  CHECK (population IS NOT NULL OR capacity IS NOT NULL)
) STRICT;
CREATE INDEX facility_figures_by_facility ON facility_figures(facility_code, date);

CREATE TABLE visits (
  id            INTEGER PRIMARY KEY,
  facility_code TEXT NOT NULL,
  date          TEXT NOT NULL,
  visitor       TEXT NOT NULL DEFAULT '',
  notes         TEXT NOT NULL DEFAULT '',
  created_by    TEXT NOT NULL,
  created_at    TEXT NOT NULL
) STRICT;
CREATE INDEX visits_by_facility ON visits(facility_code, date);
CREATE TABLE visit_indicators (
  visit_id  INTEGER NOT NULL REFERENCES visits(id) ON DELETE CASCADE,
  indicator TEXT NOT NULL,
  rating    TEXT NOT NULL,
  note      TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (visit_id, indicator)
) STRICT;

CREATE TABLE incidents (
  id            INTEGER PRIMARY KEY,
  facility_code TEXT NOT NULL,
  type          TEXT NOT NULL,
  date          TEXT NOT NULL,
  deaths        INTEGER NOT NULL DEFAULT 0 CHECK (deaths >= 0),
  affected      INTEGER NOT NULL DEFAULT 0 CHECK (affected >= 0),
  description   TEXT NOT NULL DEFAULT '',
  source_id     INTEGER REFERENCES sources(id),
  created_by    TEXT NOT NULL,
  created_at    TEXT NOT NULL
) STRICT;
CREATE INDEX incidents_by_facility ON incidents(facility_code, date);
CREATE TABLE incident_persons (
  incident_id INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
  person_id   INTEGER NOT NULL REFERENCES persons(id),
  PRIMARY KEY (incident_id, person_id)
) STRICT;
CREATE INDEX incident_persons_by_person ON incident_persons(person_id);

CREATE TABLE health_needs (
  id         INTEGER PRIMARY KEY,
  person_id  INTEGER NOT NULL REFERENCES persons(id),
  need       TEXT NOT NULL,
  severity   TEXT NOT NULL DEFAULT '',
  date       TEXT NOT NULL DEFAULT '',
  met        INTEGER NOT NULL DEFAULT 0 CHECK (met IN (0, 1)),
  note       TEXT NOT NULL DEFAULT '',
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX health_needs_by_person ON health_needs(person_id);
)sql";

// Linkage in the store (issue 4): link runs with the model they used, the
// review queue, reviewers' decisions on record pairs, and the history of
// merges and splits so each can be undone. Every reviewer action is one row of
// link_actions; undoing it marks it undone (nothing is deleted) and reverts
// what its decisions and merges changed.
constexpr std::string_view kVLinkage = R"sql(
CREATE TABLE link_runs (
  id               INTEGER PRIMARY KEY,
  started_at       TEXT NOT NULL,
  actor            TEXT NOT NULL,
  match_threshold  REAL NOT NULL,
  review_threshold REAL NOT NULL,
  model            TEXT NOT NULL,           -- the scoring model (linkage::ModelParams JSON)
  base_model       TEXT NOT NULL,           -- as estimated, before reviewers' decisions refined it
  labelled_pairs   INTEGER NOT NULL DEFAULT 0,
  records          INTEGER NOT NULL,
  persons_created  INTEGER NOT NULL,
  records_attached INTEGER NOT NULL,
  persons_merged   INTEGER NOT NULL,
  review_pending   INTEGER NOT NULL,
  seconds          REAL NOT NULL
) STRICT;

CREATE TABLE link_actions (
  id        INTEGER PRIMARY KEY,
  kind      TEXT NOT NULL CHECK (kind IN ('link', 'decide', 'merge', 'unmerge', 'split')),
  actor     TEXT NOT NULL,
  at        TEXT NOT NULL,
  summary   TEXT NOT NULL DEFAULT '{}',
  undone_at TEXT NOT NULL DEFAULT '',
  undone_by TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX link_actions_by_actor ON link_actions(actor, id);

-- The pairs of source records a person should look at, from the last runs.
CREATE TABLE review_pairs (
  id          INTEGER PRIMARY KEY,
  record_a    INTEGER NOT NULL REFERENCES source_records(id),
  record_b    INTEGER NOT NULL REFERENCES source_records(id),
  probability REAL NOT NULL,
  weight      REAL NOT NULL,
  explanation TEXT NOT NULL,
  evidence    TEXT NOT NULL DEFAULT '[]',   -- [{"field", "level", "weight"}]
  note        TEXT NOT NULL DEFAULT '',
  status      TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'skipped', 'decided', 'obsolete')),
  run_id      INTEGER NOT NULL REFERENCES link_runs(id),
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  CHECK (record_a < record_b),
  UNIQUE (record_a, record_b)
) STRICT;
CREATE INDEX review_pairs_by_status ON review_pairs(status, probability);

-- Reviewers' decisions on record pairs; the latest one not undone is in force.
CREATE TABLE pair_decisions (
  id         INTEGER PRIMARY KEY,
  record_a   INTEGER NOT NULL REFERENCES source_records(id),
  record_b   INTEGER NOT NULL REFERENCES source_records(id),
  decision   TEXT NOT NULL CHECK (decision IN ('match', 'no_match', 'skip')),
  decided_by TEXT NOT NULL,
  decided_at TEXT NOT NULL,
  note       TEXT NOT NULL DEFAULT '',
  action_id  INTEGER NOT NULL REFERENCES link_actions(id),
  undone     INTEGER NOT NULL DEFAULT 0,
  CHECK (record_a < record_b)
) STRICT;
CREATE INDEX pair_decisions_by_pair ON pair_decisions(record_a, record_b);

-- Merges (merged_id into survivor_id) and splits (records of survivor_id made
-- into the new person merged_id), with every row they moved, for undo.
CREATE TABLE merges (
  id              INTEGER PRIMARY KEY,
  action_id       INTEGER NOT NULL REFERENCES link_actions(id),
  kind            TEXT NOT NULL CHECK (kind IN ('merge', 'split')),
  survivor_id     INTEGER NOT NULL REFERENCES persons(id),
  merged_id       INTEGER NOT NULL REFERENCES persons(id),
  moved           TEXT NOT NULL,             -- {"table": [row ids], ...}
  survivor_before TEXT NOT NULL DEFAULT '',  -- the survivor's person row before fields were filled in
  undone          INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX merges_by_action ON merges(action_id);
CREATE INDEX merges_by_merged ON merges(merged_id);
)sql";

// The web interface: documents' bytes kept inside the (encrypted) store, and
// the search index keyed by rowid so that re-indexing one person is a lookup,
// not a scan of the whole index (person: rowid = person id; unlinked source
// record: rowid = -record id; store/repository.cc).
constexpr std::string_view kVWeb = R"sql(
ALTER TABLE documents ADD COLUMN file_name TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN content_type TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN created_by TEXT NOT NULL DEFAULT '';
-- Deleting a document removes its bytes and keeps this row as a tombstone
-- (who deleted it and when), so the audit log's references stay meaningful.
ALTER TABLE documents ADD COLUMN deleted_at TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN deleted_by TEXT NOT NULL DEFAULT '';
CREATE INDEX documents_by_person ON documents(person_id);
CREATE TABLE document_contents (
  document_id INTEGER PRIMARY KEY REFERENCES documents(id),
  content     BLOB NOT NULL
) STRICT;

-- Alerts are recomputed and read per person: without this, every person's
-- refresh scanned the whole alert table (quadratic at server start).
CREATE INDEX alerts_by_person ON alerts(person_id);

CREATE TABLE search_index_rekey AS
  SELECT kind, ref, names, notes, variants FROM search_index GROUP BY kind, ref;
DELETE FROM search_index;
INSERT INTO search_index(rowid, kind, ref, names, notes, variants)
  SELECT CASE kind WHEN 'p' THEN ref ELSE -ref END, kind, ref, names, notes, variants FROM search_index_rekey;
DROP TABLE search_index_rekey;
)sql";

// Documents of conditions monitoring: photos and reports attached to a visit,
// or to an incident, rather than to a person. A document has exactly one
// owner (person, visit or incident); the triggers refuse anything else, also
// for rows written by hand. Who may read them: docs/API.md, "Documents".
constexpr std::string_view kVMonitoringDocuments = R"sql(
ALTER TABLE documents ADD COLUMN visit_id INTEGER REFERENCES visits(id);
ALTER TABLE documents ADD COLUMN incident_id INTEGER REFERENCES incidents(id);
CREATE INDEX documents_by_visit ON documents(visit_id) WHERE visit_id IS NOT NULL;
CREATE INDEX documents_by_incident ON documents(incident_id) WHERE incident_id IS NOT NULL;
CREATE TRIGGER documents_one_owner_insert BEFORE INSERT ON documents
WHEN (NEW.person_id IS NOT NULL) + (NEW.visit_id IS NOT NULL) + (NEW.incident_id IS NOT NULL) <> 1
  OR (NEW.case_id IS NOT NULL AND NEW.person_id IS NULL)
BEGIN SELECT RAISE(ABORT, 'a document belongs to exactly one person, visit or incident'); END;
CREATE TRIGGER documents_one_owner_update BEFORE UPDATE OF person_id, case_id, visit_id, incident_id ON documents
WHEN (NEW.person_id IS NOT NULL) + (NEW.visit_id IS NOT NULL) + (NEW.incident_id IS NOT NULL) <> 1
  OR (NEW.case_id IS NOT NULL AND NEW.person_id IS NULL)
BEGIN SELECT RAISE(ABORT, 'a document belongs to exactly one person, visit or incident'); END;
)sql";

constexpr std::array<std::string_view, 8> kMigrations = {
    kV1, kV2, kV3, kVShares, kVConditions, kVLinkage, kVWeb, kVMonitoringDocuments};

}  // namespace

std::span<const std::string_view> migrations() { return kMigrations; }

int latest_schema_version() { return static_cast<int>(kMigrations.size()); }

Status migrate(Db& db) {
  const auto current = SAWT_TRY(db.query_int("PRAGMA user_version"));
  if (current > latest_schema_version()) {
    return fail(ErrorKind::kConflict,
                fmt::format("the store has schema version {}, newer than this sawt ({})", current,
                            latest_schema_version()),
                "", "upgrade sawt to open this store");
  }
  for (auto v = current; v < latest_schema_version(); ++v) {
    auto tx = SAWT_TRY(Transaction::begin(db));
    auto st = db.exec(kMigrations[static_cast<size_t>(v)]);
    if (!st) {
      st.error().message = fmt::format("migration {} failed: {}", v + 1, st.error().message);
      return st;
    }
    SAWT_CHECK(db.exec(fmt::format("PRAGMA user_version = {}", v + 1)));
    SAWT_CHECK(tx.commit());
  }
  return {};
}

}  // namespace sawt::store
