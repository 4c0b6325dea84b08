// The repository: the one way to write to a store. Every write method runs in
// its own SAVEPOINT (so it nests inside a caller's Transaction for bulk work),
// validates what it is given, keeps the full-text index in step, and appends
// an audit row with the actor and the before/after values in the same
// transaction. Read methods return plain domain values.
//
// Not thread-safe; one Repository per connection. Errors: kNotFound for a
// missing id, kBadInput for invalid values (with the field as `where`),
// kConflict for duplicates.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/conditions.h"
#include "domain/model.h"
#include "crypto/sodium.h"
#include "domain/model.h"
#include "store/store.h"

namespace sawt::store {

struct ImportInfo {
  Id id = 0;
  Id source_id = 0;
  std::string file_name;
  std::string content_hash;
  std::string format;  // "csv", "xlsx"
  std::string imported_at;
  std::string imported_by;
  int rows_total = 0;
  int rows_ok = 0;
  int rows_quarantined = 0;
};

struct QuarantinedRow {
  Id import_id = 0;
  int line = 0;
  std::string reason;
  std::string raw;
};

// A source with what came from it (repository_sources.cc).
struct SourceSummary {
  Source source;
  std::int64_t records = 0;  // source records
  std::int64_t persons = 0;  // distinct persons its records are linked to
  std::int64_t imports = 0;
  std::int64_t quarantined = 0;  // rows in quarantine across its imports
  std::string last_import;       // timestamp, "" when never imported
};

struct PersonFilter {
  std::string status;
  std::string facility_code;
  std::string risk_level;            // only persons at this cached risk level
  std::string source_name;           // only persons with a record from this source
  const User* visible_to = nullptr;  // restrict to what this user may see
  int limit = 100;
  int offset = 0;
};

struct SearchHit {
  char kind = 'p';        // 'p' person, 'r' unlinked source record
  Id id = 0;              // person id or source record id
  std::string public_id;  // persons: "P-000042"; records: the source's record_id
  std::string display;    // the best name to show
  std::string source;     // records: the source's name
  double score = 0;       // higher is better
};

struct SearchResults {
  std::vector<SearchHit> hits;
  // More index entries matched than were ranked: the hits are the best of
  // those read, or LIMIT hits that each found every query word as written.
  bool partial = false;
  int ranked = 0;  // index entries read and ranked
};

struct SearchOptions {
  bool persons_only = false;  // no unlinked source records
  bool ids_only = false;      // kind, id and score only (public_id, display, source left empty)
  // Only persons that pass this filter (its visible_to user may see them;
  // status, facility, risk, source; limit and offset ignored), checked while
  // ranking: a case worker's LIMIT hits are the best among their teams'
  // persons, not what is left of the store's best once the others are
  // hidden. Unlinked records are left out.
  const PersonFilter* persons = nullptr;
};
// How many matching index entries a search ranks at most.
inline constexpr int kSearchCandidates = 2000;

// A partner share sent or received (repository_shares.cc).
struct ShareRecord {
  Id id = 0;
  std::string bundle_id;
  std::string direction;    // "sent" or "received"
  std::string partner;      // the partner's name
  std::string partner_key;  // hex: sent, the partner's X25519 key; received, the sender's Ed25519 key
  std::string at;
  std::string actor;
  int persons = 0;
  int withheld = 0;
  Id import_id = 0;            // received: the import that took the records in
  std::vector<Id> person_ids;  // sent: who was in it
};

// Linkage in the store (repository_linkage.cc): what link runs found, the
// review queue, reviewers' decisions on record pairs, merges and splits.
// Record pairs are always stored with record_a < record_b.
struct LinkRun {
  Id id = 0;
  std::string started_at;
  std::string actor;
  double match_threshold = 0;
  double review_threshold = 0;
  std::string model;       // linkage::ModelParams JSON, as scored
  std::string base_model;  // as estimated, before decisions refined it
  int labelled_pairs = 0;
  int records = 0;
  int persons_created = 0;
  int records_attached = 0;
  int persons_merged = 0;
  int review_pending = 0;
  double seconds = 0;
};

struct ReviewPair {
  Id id = 0;
  Id record_a = 0;
  Id record_b = 0;
  double probability = 0;
  double weight = 0;
  std::string explanation;
  std::string evidence = "[]";  // JSON [{"field", "level", "weight"}]
  std::string note;
  std::string status = "pending";  // pending, skipped, decided, obsolete
  Id run_id = 0;
};

struct PairDecision {
  Id id = 0;
  Id record_a = 0;
  Id record_b = 0;
  std::string decision;  // match, no_match, skip
  std::string decided_by;
  std::string decided_at;
  std::string note;
  Id action_id = 0;
};

// One reviewer (or linkage run) action: the unit of undo.
struct LinkAction {
  Id id = 0;
  std::string kind;  // link, decide, merge, unmerge, split
  std::string actor;
  std::string at;
  std::string summary;  // JSON
  bool undone = false;
};

struct MergeRecord {
  Id id = 0;
  Id action_id = 0;
  std::string kind;  // merge: merged_id into survivor_id; split: records of survivor_id into merged_id
  Id survivor_id = 0;
  Id merged_id = 0;
  bool undone = false;
};

struct ReviewFilter {
  const User* visible_to = nullptr;  // only pairs whose two persons this user may see
  bool include_skipped = true;       // skipped pairs come after the pending ones
  int limit = 50;
  int offset = 0;
};

class Repository {
 public:
  Repository(Store& store, std::string actor) : store_(store), db_(store.db()), actor_(std::move(actor)) {}

  [[nodiscard]] const std::string& actor() const { return actor_; }
  [[nodiscard]] Store& store() { return store_; }

  // Sources and imports.
  [[nodiscard]] Result<Source> add_source(Source source);
  [[nodiscard]] Result<std::optional<Source>> find_source(std::string_view name);
  [[nodiscard]] Result<std::vector<Source>> list_sources();
  [[nodiscard]] Result<std::optional<ImportInfo>> find_import_by_hash(std::string_view content_hash);
  [[nodiscard]] Result<Id> add_import(const ImportInfo& info);
  [[nodiscard]] Result<Id> add_source_record(const SourceRecord& record);
  [[nodiscard]] Status add_quarantine(const QuarantinedRow& row);
  [[nodiscard]] Result<std::vector<QuarantinedRow>> quarantine(Id import_id);
  [[nodiscard]] Result<SourceRecord> get_source_record(Id id);
  // Every source with its counts, by id.
  [[nodiscard]] Result<std::vector<SourceSummary>> source_summaries();
  // The quarantined rows of all imports from SOURCE_ID (kNotFound for no such
  // source), by import then line; `file` receives each row's import file name.
  struct SourceQuarantineRow {
    QuarantinedRow row;
    std::string file;
    std::string imported_at;
  };
  [[nodiscard]] Result<std::vector<SourceQuarantineRow>> source_quarantine(Id source_id);

  // Persons.
  [[nodiscard]] Result<Person> add_person(Person person);
  [[nodiscard]] Status update_person(const Person& person);
  [[nodiscard]] Result<Person> get_person(Id id);
  // By "P-000042", "42" or a row id.
  // A merged person's id finds the person it was merged into.
  [[nodiscard]] Result<Person> find_person(std::string_view ref);
  // The row id for REF as given, not following merges.
  [[nodiscard]] Result<Id> find_person_id(std::string_view ref);
  [[nodiscard]] Result<std::vector<Person>> list_persons(const PersonFilter& filter);
  [[nodiscard]] Result<std::int64_t> count_persons();
  // The persons IDS, in that order, each with its cached risk level ("" when
  // none); ids that are not persons are left out. One query for a page.
  struct PersonRow {
    Person person;
    std::string risk;
  };
  [[nodiscard]] Result<std::vector<PersonRow>> person_rows(const std::vector<Id>& ids);
  [[nodiscard]] Result<std::int64_t> count_persons(const PersonFilter& filter);
  // Attaches a source record to a person (method: "manual", "linkage", "demo").
  [[nodiscard]] Status link_record(Id person_id, Id record_id, std::string_view method);
  [[nodiscard]] Result<std::vector<SourceRecord>> person_records(Id person_id);
  [[nodiscard]] Status add_fact(Id person_id, const Fact& fact);

  // Facilities (reference data and user-added).
  [[nodiscard]] Status upsert_facility(const Facility& facility);
  [[nodiscard]] Result<std::vector<Facility>> list_facilities();
  [[nodiscard]] Result<Facility> get_facility(std::string_view code);

  // Detention, case files, events, consent.
  [[nodiscard]] Result<Id> add_arrest(Arrest arrest);
  [[nodiscard]] Result<std::vector<Arrest>> arrests(Id person_id);
  [[nodiscard]] Result<Id> add_custody(Custody custody);
  [[nodiscard]] Result<std::vector<Custody>> custody(Id person_id);
  [[nodiscard]] Result<Id> add_case(CaseFile case_file);
  [[nodiscard]] Result<std::vector<CaseFile>> cases(Id person_id);
  [[nodiscard]] Result<Id> add_hearing(Id case_id, const Hearing& hearing);
  [[nodiscard]] Result<Id> add_case_status(Id case_id, const StatusChange& status);
  [[nodiscard]] Result<Id> add_event(Event event);
  [[nodiscard]] Result<std::vector<Event>> events(Id person_id);
  [[nodiscard]] Result<Id> add_consent(ConsentRecord consent);
  // Full history, oldest first.
  [[nodiscard]] Result<std::vector<ConsentRecord>> consents(Id person_id);

  // Profile flags and the advocacy log.
  [[nodiscard]] Result<Id> add_flag(PersonFlag flag);
  [[nodiscard]] Result<std::vector<PersonFlag>> flags(Id person_id);
  [[nodiscard]] Result<Id> add_advocacy(AdvocacyAction action);
  [[nodiscard]] Result<std::vector<AdvocacyAction>> advocacy(Id person_id);

  // The alert queue. sync_alerts replaces the computed part of a person's
  // alerts (kind, due, stage, explanation) and keeps users' states; alerts no
  // longer computed stop being current. A state change is audit-logged.
  [[nodiscard]] Status sync_alerts(Id person_id, const std::vector<Alert>& computed);
  [[nodiscard]] Status set_alert_state(std::string_view key, std::string_view state, std::string_view note);
  struct AlertFilter {
    int due_within_days = 90;  // due_earliest <= today + this
    bool include_resolved = false;
    Id person_id = 0;
  };
  [[nodiscard]] Result<std::vector<Alert>> alerts(const AlertFilter& filter);

  // Accounts (repository_accounts.cc). Passwords are Argon2id hashes; the
  // hash never leaves the store.
  [[nodiscard]] Result<User> add_user(User user, const crypto::Passphrase& password);
  [[nodiscard]] Result<User> find_user(std::string_view username);
  [[nodiscard]] Result<std::vector<User>> list_users();
  // Role, display name, language, disabled and teams.
  [[nodiscard]] Status update_user(const User& user);
  [[nodiscard]] Status set_password(std::string_view username, const crypto::Passphrase& password);
  // The user when the password matches and the account is enabled; kAuth
  // otherwise (the same error whether the user exists or not).
  [[nodiscard]] Result<User> check_login(std::string_view username, const crypto::Passphrase& password);
  [[nodiscard]] Result<Id> ensure_team(std::string_view name);
  [[nodiscard]] Status set_person_teams(Id person_id, const std::vector<std::string>& teams);
  [[nodiscard]] Result<std::vector<std::string>> person_teams(Id person_id);
  [[nodiscard]] Status grant_access(Id person_id, std::string_view username);
  [[nodiscard]] Status revoke_access(Id person_id, std::string_view username);
  // The user names allowed to see a confidential person, sorted.
  [[nodiscard]] Result<std::vector<std::string>> person_access(Id person_id);
  // True when `user` may see the person (role, teams, confidentiality).
  [[nodiscard]] Result<bool> can_see(const User& user, Id person_id);
  // An SQL condition on persons alias `p` restricting to what `user` may see;
  // binds nothing (ids are inlined as integers).
  [[nodiscard]] static std::string visibility_sql(const User& user);
  // Whether USER's role may see any person at all (every role but researcher).
  [[nodiscard]] static bool sees_persons(const User& user);

  // The cached risk per person (derived data, not audited).
  [[nodiscard]] Status set_person_risk(Id person_id, std::string_view level, int score, std::string_view en,
                                       std::string_view ar);

  // Partner shares (repository_shares.cc): recorded in the sender's and the
  // receiver's audit log; a bundle id is received at most once.
  [[nodiscard]] Result<Id> add_share(const ShareRecord& share);
  [[nodiscard]] Result<std::optional<ShareRecord>> find_share(std::string_view bundle_id,
                                                              std::string_view direction);
  // The shares a person's data went out in, newest first.
  [[nodiscard]] Result<std::vector<ShareRecord>> shares_of_person(Id person_id);
  // Conditions monitoring (repository_conditions.cc), each write audit-logged.
  // A figure needs a facility, a date, a source that exists and a population
  // or a capacity; figures are never replaced, since sources disagree. A visit
  // rates each indicator at most once. An incident's persons must exist.
  // Lists are by date then id; an empty facility code lists every facility.
  [[nodiscard]] Result<Id> add_facility_figure(FacilityFigure figure);
  [[nodiscard]] Result<std::vector<FacilityFigure>> facility_figures(std::string_view facility_code = {});
  [[nodiscard]] Result<Id> add_visit(Visit visit);
  [[nodiscard]] Result<std::vector<Visit>> visits(std::string_view facility_code = {});
  [[nodiscard]] Result<Id> add_incident(Incident incident);
  [[nodiscard]] Result<std::vector<Incident>> incidents(std::string_view facility_code = {});
  [[nodiscard]] Result<Id> add_health_need(HealthNeed need);
  // Marks a need met (or open again); kNotFound for an unknown id.
  [[nodiscard]] Status set_health_need_met(Id need_id, bool met);
  [[nodiscard]] Result<std::vector<HealthNeed>> health_needs(Id person_id);
  // Documents attached to persons, monitoring visits and incidents
  // (repository_documents.cc). The bytes live in the store itself (table
  // document_contents), so they are encrypted, backed up, rotated and erased
  // with it. The caller checks the content (io/sniff.h) and computes size and
  // sha256 (app/documents.h); add_document validates the owner (exactly one
  // of person_id, visit_id, incident_id, and it exists: else kNotFound), the
  // kind (vocab document_kinds) and the title.
  [[nodiscard]] Result<Document> add_document(Document document, std::string_view content);
  // The person's documents that are not deleted, newest first.
  [[nodiscard]] Result<std::vector<Document>> documents(Id person_id);
  // The same for any owner (an empty list for an owner that does not exist).
  [[nodiscard]] Result<std::vector<Document>> documents(DocumentOwner owner, Id owner_id);
  // Who may read a document (docs/API.md, "Documents"): a person's, whoever
  // may see the person; a visit's, every role that may see persons at all
  // (not researchers); an incident's, whoever may see every person the
  // incident names (so a document never shows a confidential or other team's
  // person to someone who may not see them). Deleted or not is the caller's
  // concern.
  [[nodiscard]] Result<bool> can_see_document(const User& user, const Document& document);
  [[nodiscard]] Result<bool> can_see_incident_documents(const User& user, Id incident_id);
  // kNotFound ("no visit with id 7") unless the person, visit or incident exists.
  [[nodiscard]] Status document_owner_exists(DocumentOwner owner, Id id);
  // A document, deleted or not; kNotFound when there is no such id.
  [[nodiscard]] Result<Document> get_document(Id id);
  // The bytes; kNotFound when the document does not exist or was deleted.
  [[nodiscard]] Result<std::string> document_content(Id id);
  // Removes the bytes for good and marks the row deleted (who, when); the
  // audit row keeps title, kind, size and sha256. Earlier backups still hold
  // the bytes until they are destroyed. kNotFound when already deleted.
  [[nodiscard]] Status delete_document(Id id);

  // Full-text search over names (any script, normalised) and notes: the
  // LIMIT best hits, best first. A word as common as محمد matches tens of
  // thousands of persons; the candidates ranked are then the first
  // kSearchCandidates matches in index order (or fewer, once LIMIT of them
  // match every word as written), and `partial` says so (the user narrows
  // the search rather than reading that many names).
  [[nodiscard]] Result<SearchResults> search(std::string_view query, int limit = 50,
                                             SearchOptions options = {});
  // Merges the search index's segments into one (FTS5 'optimize'): a search
  // then reads one list of entries per word instead of one per segment (a
  // first-time search on 100,000 persons: 25% less CPU). About 0.3 s for
  // 100,000 persons; done when the server starts and after bulk linking.
  [[nodiscard]] Status optimize_search();
  // Rebuilds every search index entry (persons and source records, the same
  // entries as before) when the index was built by a name engine other than
  // this one (store::engine_fingerprint(), kept in meta 'search_engine'): the
  // index keeps each name's parsed tokens for ranking, and a change to the
  // engine's keys or vowels would otherwise rank old entries by the old
  // reading. An entry whose person or record no longer exists is dropped.
  // Returns how many entries it went through, 0 when the index is current.
  // Done when the server starts.
  [[nodiscard]] Result<std::size_t> refresh_search_index();

  // ------------------------------------------------------------ linkage (repository_linkage.cc)
  // Every source record, by id.
  [[nodiscard]] Result<std::vector<SourceRecord>> all_source_records();
  // record id -> person id for every linked record.
  [[nodiscard]] Result<std::vector<std::pair<Id, Id>>> record_persons();
  // The person a record belongs to; 0 when unlinked.
  [[nodiscard]] Result<Id> person_of_record(Id record_id);
  // New persons, each with the (unlinked) records that make it up, in bulk:
  // one pass over the search index for all of them. Returns their ids.
  [[nodiscard]] Result<std::vector<Id>> add_linked_persons(std::vector<std::pair<Person, std::vector<Id>>> persons,
                                                           std::string_view method);
  // Links many records to one person at once (one audit row, one reindex).
  [[nodiscard]] Status link_records(Id person_id, const std::vector<Id>& record_ids, std::string_view method);
  // True when the person has data a person curated: cases, consent, flags,
  // advocacy, arrests, custody, events, documents, or a status other than unknown.
  [[nodiscard]] Result<bool> has_curated_data(Id person_id);

  [[nodiscard]] Result<Id> add_link_run(const LinkRun& run);
  [[nodiscard]] Result<std::optional<LinkRun>> last_link_run();

  [[nodiscard]] Result<Id> add_link_action(std::string_view kind, const std::string& summary);
  [[nodiscard]] Result<LinkAction> get_link_action(Id id);
  // The latest action of ACTOR (kinds decide, merge, unmerge, split) not undone; none when there is none.
  [[nodiscard]] Result<std::optional<LinkAction>> last_link_action(std::string_view actor);
  [[nodiscard]] Status mark_action_undone(Id action_id);

  // Replaces the queue's computed part: PENDING pairs are inserted or their
  // scores updated (their status kept when skipped or decided); pending pairs
  // not among them become obsolete. Returns how many rows changed.
  [[nodiscard]] Result<int> sync_review_pairs(Id run_id, const std::vector<ReviewPair>& pending);
  [[nodiscard]] Result<ReviewPair> get_review_pair(Id id);
  [[nodiscard]] Result<std::optional<ReviewPair>> find_review_pair(Id record_a, Id record_b);
  [[nodiscard]] Status set_review_status(Id id, std::string_view status);
  // Open pairs (pending, then skipped), by decreasing probability; only pairs
  // whose records are in two different persons.
  [[nodiscard]] Result<std::vector<ReviewPair>> review_pairs(const ReviewFilter& filter);
  [[nodiscard]] Result<std::int64_t> count_review_pairs(const ReviewFilter& filter);

  [[nodiscard]] Result<Id> add_pair_decision(PairDecision decision);
  // Decisions in force (not undone, latest per pair), match and no_match only.
  [[nodiscard]] Result<std::vector<PairDecision>> pair_decisions();
  [[nodiscard]] Result<std::vector<PairDecision>> decisions_of_action(Id action_id);
  [[nodiscard]] Status undo_decisions_of_action(Id action_id);

  // Merges MERGED into SURVIVOR: the merged person's records, case files,
  // consent, flags, events, advocacy, arrests, custody, documents and facts
  // move to the survivor, its teams and named users are added to the
  // survivor's, the survivor's empty fields are filled from it, and it is
  // marked merged_into the survivor. Everything moved is recorded for undo.
  [[nodiscard]] Result<Id> merge_persons(Id survivor_id, Id merged_id, Id action_id);
  // Makes RECORDS (all linked to PERSON, not all of them) into NEW_PERSON.
  [[nodiscard]] Result<Person> split_person(Id person_id, const std::vector<Id>& record_ids, Person new_person,
                                            Id action_id);
  // Reverts a merge (moves back what moved) or a split (moves the records back
  // and marks the split-off person merged into the original). kConflict when
  // later merges make it impossible (undo those first).
  [[nodiscard]] Status undo_merge(Id merge_id);
  [[nodiscard]] Result<std::vector<MergeRecord>> merges_of_action(Id action_id);
  // The merge (not undone) that made PERSON merged_into another; none when there is none.
  [[nodiscard]] Result<std::optional<MergeRecord>> merge_of(Id merged_id);
  // The person a merged person now lives in (following merged_into); the id itself when not merged.
  [[nodiscard]] Result<Id> current_person(Id person_id);

 private:
  [[nodiscard]] Status set_user_teams(Id user_id, const std::vector<std::string>& teams);
  [[nodiscard]] Status check_code(std::string_view vocab, std::string_view code,
                                  std::string_view where) const;
  [[nodiscard]] Status check_facility(std::string_view code, std::string_view where);
  [[nodiscard]] Status check_person(const Person& p);
  [[nodiscard]] Status audit(std::string_view action, std::string_view entity, std::string_view entity_id,
                             const std::string& before, const std::string& after);
  // Rewrites the person's row of the search index (REPLACE = false: the person has none yet).
  [[nodiscard]] Status index_person(Id person_id, bool replace = true);
  [[nodiscard]] Result<Person> insert_person(Person person, bool index);
  [[nodiscard]] Status index_record(const SourceRecord& record);
  [[nodiscard]] Result<bool> person_exists(Id person_id);

  Store& store_;
  Db& db_;
  std::string actor_;
};

}  // namespace sawt::store
