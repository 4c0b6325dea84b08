// The repository's linkage part: link runs, the review queue, reviewers'
// decisions, and merges and splits that can be undone. What to link, merge or
// queue is decided by app/link_store.cc; this file only writes it down, moves
// the rows and keeps the search index and the audit log in step.
//
// A merge moves every row that belongs to the merged person (the tables in
// kPersonTables) to the survivor and records their ids, so undo moves exactly
// those rows back. A table added later that holds a person_id must be added to
// kPersonTables, or its rows would stay with the merged (hidden) person.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>
#include <set>

#include "domain/json.h"
#include "store/repository.h"
#include "store/savepoint.h"
#include "util/clock.h"

namespace sawt::store {

using nlohmann::json;

namespace {

struct PersonTable {
  const char* table;
  const char* key;  // the row's own key column
};

// Rows owned by a person that move with a merge.
constexpr std::array<PersonTable, 11> kPersonTables = {{
    {"person_records", "record_id"},
    {"facts", "id"},
    {"arrests", "id"},
    {"custody", "id"},
    {"cases", "id"},
    {"documents", "id"},
    {"events", "id"},
    {"consents", "id"},
    {"person_flags", "id"},
    {"advocacy", "id"},
    {"health_needs", "id"},
}};

// Links the merged person shares with others (who else may see them, the
// incidents that name them): added to the survivor, taken away on undo.
// (share_persons stays with the merged row: a share is a historical fact;
// shares_of_person follows merged_into.)
constexpr std::array<PersonTable, 3> kAccessTables = {{
    {"person_teams", "team_id"},
    {"person_access", "user_id"},
    {"incident_persons", "incident_id"},
}};

// The person fields a merge may fill in when the survivor lacks them.
constexpr std::array<const char*, 10> kFillable = {"name_ar",     "name_lat",    "gender",    "birth_date",
                                                   "birth_place", "nationality", "id_number", "status",
                                                   "facility",    "confidential"};

bool field_empty(const json& v) {
  if (v.is_null()) return true;
  if (v.is_string()) return v.get<std::string>().empty() || v.get<std::string>() == "unknown";
  if (v.is_object()) return v.empty();
  if (v.is_boolean()) return !v.get<bool>();
  return false;
}

Status set_field(Person& p, const std::string& field, const json& v) {
  if (field == "name_ar" || field == "name_lat") {
    (field == "name_ar" ? p.name_ar : p.name_lat) = v.is_object() ? v.get<NameParts>() : NameParts{};
  } else if (field == "birth_date") {
    p.birth_date = SAWT_TRY(PartialDate::parse(v.is_string() ? v.get<std::string>() : ""));
  } else if (field == "confidential") {
    p.confidential = v.is_boolean() && v.get<bool>();
  } else {
    const std::string s = v.is_string() ? v.get<std::string>() : std::string();
    if (field == "gender") p.gender = s;
    if (field == "birth_place") p.birth_place = s;
    if (field == "nationality") p.nationality = s;
    if (field == "id_number") p.id_number = s;
    if (field == "status") p.status = s.empty() ? "unknown" : s;
    if (field == "facility") p.facility_code = s;
  }
  return {};
}

std::string pair_key(Id a, Id b) { return fmt::format("{}-{}", a, b); }

std::string id_list(const std::vector<Id>& ids) {
  std::string out;
  for (Id id : ids) out += (out.empty() ? "" : ",") + std::to_string(id);
  return out;
}

ReviewPair read_review_pair(const Stmt& q) {
  ReviewPair r;
  r.id = q.int64(0);
  r.record_a = q.int64(1);
  r.record_b = q.int64(2);
  r.probability = q.real(3);
  r.weight = q.real(4);
  r.explanation = q.text(5);
  r.evidence = q.text(6);
  r.note = q.text(7);
  r.status = q.text(8);
  r.run_id = q.int64(9);
  return r;
}

constexpr std::string_view kReviewColumns =
    "rp.id, rp.record_a, rp.record_b, rp.probability, rp.weight, rp.explanation, rp.evidence, rp.note, "
    "rp.status, "
    "rp.run_id";

PairDecision read_decision(const Stmt& q) {
  return PairDecision{q.int64(0), q.int64(1), q.int64(2), q.text(3),
                      q.text(4),  q.text(5),  q.text(6),  q.int64(7)};
}

constexpr std::string_view kDecisionColumns =
    "d.id, d.record_a, d.record_b, d.decision, d.decided_by, d.decided_at, d.note, d.action_id";

}  // namespace

// ---------------------------------------------------------------- records and persons

Result<std::vector<std::pair<Id, Id>>> Repository::record_persons() {
  auto q = SAWT_TRY(db_.prepare("SELECT record_id, person_id FROM person_records ORDER BY record_id"));
  std::vector<std::pair<Id, Id>> out;
  while (SAWT_TRY(q.step())) out.emplace_back(q.int64(0), q.int64(1));
  return out;
}

Result<Id> Repository::person_of_record(Id record_id) {
  auto q = SAWT_TRY(db_.prepare("SELECT person_id FROM person_records WHERE record_id = ?"));
  q.bind(1, record_id);
  return SAWT_TRY(q.step()) ? q.int64(0) : Id{0};
}

Result<std::vector<Id>> Repository::add_linked_persons(
    std::vector<std::pair<Person, std::vector<Id>>> persons, std::string_view method) {
  auto sp = SAWT_TRY(Savepoint::begin(db_));
  auto ins = SAWT_TRY(db_.prepare(
      "INSERT INTO person_records(record_id, person_id, method, linked_by, linked_at) VALUES (?,?,?,?,?)"));
  const std::string now = now_timestamp();
  std::vector<Id> ids;
  ids.reserve(persons.size());
  for (auto& [person, records] : persons) {
    auto added = SAWT_TRY(insert_person(std::move(person), /*index=*/false));
    for (Id r : records) {
      auto st = ins.bind(1, r).bind(2, added.id).bind(3, method).bind(4, actor_).bind(5, now).run();
      ins.reset();
      if (!st) {
        if (st.error().kind == ErrorKind::kConflict) {
          return fail(ErrorKind::kConflict,
                      fmt::format("source record {} is linked already or does not exist", r));
        }
        return std::unexpected(st.error());
      }
    }
    SAWT_CHECK(
        audit("link", "person", added.public_id, "", json{{"records", records}, {"method", method}}.dump()));
    ids.push_back(added.id);
  }
  // Linked records are found through their persons (index rowids: person = id, record = -id).
  SAWT_CHECK(db_.exec("DELETE FROM search_index WHERE rowid IN (SELECT -record_id FROM person_records)"));
  for (Id id : ids) SAWT_CHECK(index_person(id, /*replace=*/false));
  SAWT_CHECK(sp.release());
  return ids;
}

Status Repository::link_records(Id person_id, const std::vector<Id>& record_ids, std::string_view method) {
  if (record_ids.empty()) return {};
  auto person = SAWT_TRY(get_person(person_id));
  auto sp = SAWT_TRY(Savepoint::begin(db_));
  auto prev = SAWT_TRY(db_.prepare("SELECT person_id FROM person_records WHERE record_id = ?"));
  auto exists = SAWT_TRY(db_.prepare("SELECT 1 FROM source_records WHERE id = ?"));
  auto ins = SAWT_TRY(db_.prepare(
      "INSERT INTO person_records(record_id, person_id, method, linked_by, linked_at) VALUES (?,?,?,?,?) "
      "ON CONFLICT(record_id) DO UPDATE SET person_id=excluded.person_id, method=excluded.method, "
      "linked_by=excluded.linked_by, linked_at=excluded.linked_at"));
  const std::string now = now_timestamp();
  std::set<Id> previous;
  for (Id r : record_ids) {
    exists.bind(1, r);
    const bool found = SAWT_TRY(exists.step());
    exists.reset();
    if (!found) return fail(ErrorKind::kNotFound, fmt::format("no source record {}", r));
    prev.bind(1, r);
    if (SAWT_TRY(prev.step()) && prev.int64(0) != person_id) previous.insert(prev.int64(0));
    prev.reset();
    SAWT_CHECK(ins.bind(1, r).bind(2, person_id).bind(3, method).bind(4, actor_).bind(5, now).run());
    ins.reset();
  }
  // The records are found through their person now (index rowids: record = -id).
  std::vector<Id> rowids;
  for (Id r : record_ids) rowids.push_back(-r);
  SAWT_CHECK(db_.exec(fmt::format("DELETE FROM search_index WHERE rowid IN ({})", id_list(rowids))));
  SAWT_CHECK(index_person(person_id));
  for (Id p : previous) SAWT_CHECK(index_person(p));
  SAWT_CHECK(audit("link", "person", person.public_id, "",
                   json{{"records", record_ids}, {"method", method}}.dump()));
  return sp.release();
}

Result<bool> Repository::has_curated_data(Id person_id) {
  auto q =
      SAWT_TRY(db_.prepare("SELECT (SELECT status FROM persons WHERE id = ?1) != 'unknown' "
                           "OR EXISTS (SELECT 1 FROM cases WHERE person_id = ?1) OR EXISTS (SELECT 1 FROM "
                           "consents WHERE person_id = ?1) "
                           "OR EXISTS (SELECT 1 FROM person_flags WHERE person_id = ?1) "
                           "OR EXISTS (SELECT 1 FROM advocacy WHERE person_id = ?1) OR EXISTS (SELECT 1 FROM "
                           "arrests WHERE person_id = ?1) "
                           "OR EXISTS (SELECT 1 FROM custody WHERE person_id = ?1) OR EXISTS (SELECT 1 FROM "
                           "events WHERE person_id = ?1) "
                           "OR EXISTS (SELECT 1 FROM documents WHERE person_id = ?1)"));
  q.bind(1, person_id);
  return SAWT_TRY(q.step()) && q.int64(0) != 0;
}

Result<Id> Repository::current_person(Id person_id) {
  auto q = SAWT_TRY(db_.prepare("SELECT merged_into FROM persons WHERE id = ?"));
  Id id = person_id;
  for (int hops = 0; hops < 1000; ++hops) {
    q.bind(1, id);
    if (!SAWT_TRY(q.step())) {
      return fail(ErrorKind::kNotFound, fmt::format("no person with id {}", id), "",
                  "list persons with 'sawt person list'");
    }
    const bool merged = !q.is_null(0);
    const Id next = merged ? q.int64(0) : id;
    q.reset();
    if (!merged) return id;
    id = next;
  }
  return fail(ErrorKind::kIntegrity, fmt::format("person {} is merged in a loop", person_id));
}

// ---------------------------------------------------------------- runs and actions

Result<Id> Repository::add_link_run(const LinkRun& r) {
  auto sp = SAWT_TRY(Savepoint::begin(db_));
  auto ins = SAWT_TRY(db_.prepare(
      "INSERT INTO link_runs(started_at, actor, match_threshold, review_threshold, model, base_model, "
      "labelled_pairs, records, persons_created, records_attached, persons_merged, review_pending, seconds) "
      "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"));
  ins.bind(1, r.started_at.empty() ? now_timestamp() : r.started_at)
      .bind(2, actor_)
      .bind(3, r.match_threshold);
  ins.bind(4, r.review_threshold).bind(5, r.model).bind(6, r.base_model).bind(7, r.labelled_pairs);
  ins.bind(8, r.records).bind(9, r.persons_created).bind(10, r.records_attached).bind(11, r.persons_merged);
  ins.bind(12, r.review_pending).bind(13, r.seconds);
  SAWT_CHECK(ins.run());
  const Id id = db_.last_insert_id();
  SAWT_CHECK(audit("link_run", "link_run", std::to_string(id), "",
                   json{{"records", r.records},
                        {"persons_created", r.persons_created},
                        {"records_attached", r.records_attached},
                        {"persons_merged", r.persons_merged},
                        {"review_pending", r.review_pending},
                        {"labelled_pairs", r.labelled_pairs}}
                       .dump()));
  SAWT_CHECK(sp.release());
  return id;
}

Result<std::optional<LinkRun>> Repository::last_link_run() {
  auto q =
      SAWT_TRY(db_.prepare("SELECT id, started_at, actor, match_threshold, review_threshold, model, "
                           "base_model, labelled_pairs, records, "
                           "persons_created, records_attached, persons_merged, review_pending, seconds FROM "
                           "link_runs ORDER BY id DESC "
                           "LIMIT 1"));
  if (!SAWT_TRY(q.step())) return std::optional<LinkRun>();
  LinkRun r;
  r.id = q.int64(0);
  r.started_at = q.text(1);
  r.actor = q.text(2);
  r.match_threshold = q.real(3);
  r.review_threshold = q.real(4);
  r.model = q.text(5);
  r.base_model = q.text(6);
  r.labelled_pairs = static_cast<int>(q.int64(7));
  r.records = static_cast<int>(q.int64(8));
  r.persons_created = static_cast<int>(q.int64(9));
  r.records_attached = static_cast<int>(q.int64(10));
  r.persons_merged = static_cast<int>(q.int64(11));
  r.review_pending = static_cast<int>(q.int64(12));
  r.seconds = q.real(13);
  return std::optional<LinkRun>(std::move(r));
}

Result<Id> Repository::add_link_action(std::string_view kind, const std::string& summary) {
  auto sp = SAWT_TRY(Savepoint::begin(db_));
  auto ins = SAWT_TRY(db_.prepare("INSERT INTO link_actions(kind, actor, at, summary) VALUES (?,?,?,?)"));
  auto st = ins.bind(1, kind).bind(2, actor_).bind(3, now_timestamp()).bind(4, summary).run();
  if (!st) return fail(ErrorKind::kBadInput, fmt::format("'{}' is not a linkage action", kind), "kind");
  const Id id = db_.last_insert_id();
  SAWT_CHECK(audit(kind, "link_action", std::to_string(id), "", summary));
  SAWT_CHECK(sp.release());
  return id;
}

namespace {

LinkAction read_action(const Stmt& q) {
  return LinkAction{q.int64(0), q.text(1), q.text(2), q.text(3), q.text(4), !q.text(5).empty()};
}

}  // namespace

Result<LinkAction> Repository::get_link_action(Id id) {
  auto q =
      SAWT_TRY(db_.prepare("SELECT id, kind, actor, at, summary, undone_at FROM link_actions WHERE id = ?"));
  q.bind(1, id);
  if (!SAWT_TRY(q.step())) return fail(ErrorKind::kNotFound, fmt::format("no linkage action {}", id));
  return read_action(q);
}

Result<std::optional<LinkAction>> Repository::last_link_action(std::string_view actor) {
  auto q = SAWT_TRY(db_.prepare(
      "SELECT id, kind, actor, at, summary, undone_at FROM link_actions WHERE actor = ? AND undone_at = '' "
      "AND kind != 'link' ORDER BY id DESC LIMIT 1"));
  q.bind(1, actor);
  if (!SAWT_TRY(q.step())) return std::optional<LinkAction>();
  return std::optional<LinkAction>(read_action(q));
}

Status Repository::mark_action_undone(Id action_id) {
  auto action = SAWT_TRY(get_link_action(action_id));
  if (action.undone) {
    return fail(ErrorKind::kConflict, fmt::format("linkage action {} was undone already", action_id));
  }
  auto sp = SAWT_TRY(Savepoint::begin(db_));
  auto upd = SAWT_TRY(db_.prepare("UPDATE link_actions SET undone_at = ?, undone_by = ? WHERE id = ?"));
  SAWT_CHECK(upd.bind(1, now_timestamp()).bind(2, actor_).bind(3, action_id).run());
  SAWT_CHECK(audit("undo", "link_action", std::to_string(action_id), action.summary,
                   json{{"kind", action.kind}, {"undone", true}}.dump()));
  return sp.release();
}

// ---------------------------------------------------------------- the review queue

Result<int> Repository::sync_review_pairs(Id run_id, const std::vector<ReviewPair>& pending) {
  auto sp = SAWT_TRY(Savepoint::begin(db_));
  auto find =
      SAWT_TRY(db_.prepare("SELECT id, status FROM review_pairs WHERE record_a = ? AND record_b = ?"));
  auto ins =
      SAWT_TRY(db_.prepare("INSERT INTO review_pairs(record_a, record_b, probability, weight, explanation, "
                           "evidence, note, status, run_id, "
                           "created_at, updated_at) VALUES (?,?,?,?,?,?,?,'pending',?,?,?)"));
  auto upd = SAWT_TRY(db_.prepare(
      "UPDATE review_pairs SET probability = ?, weight = ?, explanation = ?, evidence = ?, note = ?, run_id "
      "= ?, "
      "status = CASE status WHEN 'obsolete' THEN 'pending' ELSE status END, updated_at = ? WHERE id = ?"));
  const std::string now = now_timestamp();
  int changed = 0;
  for (const ReviewPair& p : pending) {
    const Id a = std::min(p.record_a, p.record_b), b = std::max(p.record_a, p.record_b);
    find.bind(1, a).bind(2, b);
    if (SAWT_TRY(find.step())) {
      const Id id = find.int64(0);
      changed += find.text(1) == "obsolete" ? 1 : 0;
      find.reset();
      upd.bind(1, p.probability).bind(2, p.weight).bind(3, p.explanation).bind(4, p.evidence).bind(5, p.note);
      SAWT_CHECK(upd.bind(6, run_id).bind(7, now).bind(8, id).run());
      upd.reset();
    } else {
      find.reset();
      ins.bind(1, a)
          .bind(2, b)
          .bind(3, p.probability)
          .bind(4, p.weight)
          .bind(5, p.explanation)
          .bind(6, p.evidence);
      SAWT_CHECK(ins.bind(7, p.note).bind(8, run_id).bind(9, now).bind(10, now).run());
      ins.reset();
      ++changed;
    }
  }
  auto stale =
      SAWT_TRY(db_.prepare("UPDATE review_pairs SET status = 'obsolete', updated_at = ? WHERE status IN "
                           "('pending', 'skipped') AND "
                           "run_id != ?"));
  SAWT_CHECK(stale.bind(1, now).bind(2, run_id).run());
  changed += db_.changes();
  // The queue is derived data (like the alert queue): one audit row per sync, not per pair.
  SAWT_CHECK(audit("sync", "review_queue", std::to_string(run_id), "",
                   json{{"pairs", pending.size()}, {"changed", changed}}.dump()));
  SAWT_CHECK(sp.release());
  return changed;
}

Result<ReviewPair> Repository::get_review_pair(Id id) {
  auto q =
      SAWT_TRY(db_.prepare(fmt::format("SELECT {} FROM review_pairs rp WHERE rp.id = ?", kReviewColumns)));
  q.bind(1, id);
  if (!SAWT_TRY(q.step())) {
    return fail(ErrorKind::kNotFound, fmt::format("no review pair {}", id), "",
                "list pairs with 'sawt review list'");
  }
  return read_review_pair(q);
}

Result<std::optional<ReviewPair>> Repository::find_review_pair(Id record_a, Id record_b) {
  auto q = SAWT_TRY(db_.prepare(fmt::format(
      "SELECT {} FROM review_pairs rp WHERE rp.record_a = ? AND rp.record_b = ?", kReviewColumns)));
  q.bind(1, std::min(record_a, record_b)).bind(2, std::max(record_a, record_b));
  if (!SAWT_TRY(q.step())) return std::optional<ReviewPair>();
  return std::optional<ReviewPair>(read_review_pair(q));
}

Status Repository::set_review_status(Id id, std::string_view status) {
  auto before = SAWT_TRY(get_review_pair(id));
  auto sp = SAWT_TRY(Savepoint::begin(db_));
  auto upd = SAWT_TRY(db_.prepare("UPDATE review_pairs SET status = ?, updated_at = ? WHERE id = ?"));
  auto st = upd.bind(1, status).bind(2, now_timestamp()).bind(3, id).run();
  if (!st) {
    return fail(ErrorKind::kBadInput, fmt::format("'{}' is not a review status", status), "status",
                "use pending, skipped, decided or obsolete");
  }
  SAWT_CHECK(audit("update", "review_pair", std::to_string(id), json{{"status", before.status}}.dump(),
                   json{{"status", status}}.dump()));
  return sp.release();
}

namespace {

// The WHERE condition for open review pairs visible to FILTER's user.
std::string review_filter_sql(const ReviewFilter& f) {
  const auto visible = [&](const char* person) {
    if (f.visible_to == nullptr) return std::string("1");
    return fmt::format("EXISTS (SELECT 1 FROM persons p WHERE p.id = {} AND {})", person,
                       Repository::visibility_sql(*f.visible_to));
  };
  return fmt::format("rp.status IN ('pending'{}) AND xa.person_id != xb.person_id AND {} AND {}",
                     f.include_skipped ? ", 'skipped'" : "", visible("xa.person_id"),
                     visible("xb.person_id"));
}

constexpr std::string_view kReviewFrom =
    "FROM review_pairs rp JOIN person_records xa ON xa.record_id = rp.record_a "
    "JOIN person_records xb ON xb.record_id = rp.record_b";

}  // namespace

Result<std::vector<ReviewPair>> Repository::review_pairs(const ReviewFilter& filter) {
  auto q = SAWT_TRY(db_.prepare(fmt::format(
      "SELECT {} {} WHERE {} ORDER BY rp.status = 'skipped', rp.probability DESC, rp.id LIMIT ? OFFSET ?",
      kReviewColumns, kReviewFrom, review_filter_sql(filter))));
  q.bind(1, filter.limit).bind(2, filter.offset);
  std::vector<ReviewPair> out;
  while (SAWT_TRY(q.step())) out.push_back(read_review_pair(q));
  return out;
}

Result<std::int64_t> Repository::count_review_pairs(const ReviewFilter& filter) {
  auto q = SAWT_TRY(
      db_.prepare(fmt::format("SELECT COUNT(*) {} WHERE {}", kReviewFrom, review_filter_sql(filter))));
  (void)SAWT_TRY(q.step());  // COUNT(*): always one row
  return q.int64(0);
}

// ---------------------------------------------------------------- decisions

Result<Id> Repository::add_pair_decision(PairDecision d) {
  if (d.decision != "match" && d.decision != "no_match" && d.decision != "skip") {
    return fail(ErrorKind::kBadInput, fmt::format("'{}' is not a decision", d.decision), "decision",
                "use match, no-match or skip");
  }
  if (d.record_a == d.record_b) {
    return fail(ErrorKind::kBadInput, "a decision needs two different records", "records");
  }
  if (d.record_a > d.record_b) std::swap(d.record_a, d.record_b);
  auto sp = SAWT_TRY(Savepoint::begin(db_));
  auto ins = SAWT_TRY(db_.prepare(
      "INSERT INTO pair_decisions(record_a, record_b, decision, decided_by, decided_at, note, action_id) "
      "VALUES (?,?,?,?,?,?,?)"));
  d.decided_by = actor_;
  d.decided_at = now_timestamp();
  ins.bind(1, d.record_a).bind(2, d.record_b).bind(3, d.decision).bind(4, d.decided_by).bind(5, d.decided_at);
  auto st = ins.bind(6, d.note).bind(7, d.action_id).run();
  if (!st) {
    if (st.error().kind == ErrorKind::kConflict) return fail(ErrorKind::kNotFound, "no such source record");
    return std::unexpected(st.error());
  }
  d.id = db_.last_insert_id();
  SAWT_CHECK(audit("decide", "record_pair", pair_key(d.record_a, d.record_b), "",
                   json{{"decision", d.decision}, {"note", d.note}, {"action", d.action_id}}.dump()));
  SAWT_CHECK(sp.release());
  return d.id;
}

Result<std::vector<PairDecision>> Repository::pair_decisions() {
  auto q = SAWT_TRY(db_.prepare(fmt::format(
      "SELECT {} FROM pair_decisions d WHERE d.undone = 0 AND d.id = (SELECT MAX(e.id) FROM pair_decisions e "
      "WHERE e.record_a = d.record_a AND e.record_b = d.record_b AND e.undone = 0) AND d.decision != 'skip' "
      "ORDER BY d.id",
      kDecisionColumns)));
  std::vector<PairDecision> out;
  while (SAWT_TRY(q.step())) out.push_back(read_decision(q));
  return out;
}

Result<std::vector<PairDecision>> Repository::decisions_of_action(Id action_id) {
  auto q = SAWT_TRY(db_.prepare(
      fmt::format("SELECT {} FROM pair_decisions d WHERE d.action_id = ? ORDER BY d.id", kDecisionColumns)));
  q.bind(1, action_id);
  std::vector<PairDecision> out;
  while (SAWT_TRY(q.step())) out.push_back(read_decision(q));
  return out;
}

Status Repository::undo_decisions_of_action(Id action_id) {
  auto decisions = SAWT_TRY(decisions_of_action(action_id));
  auto sp = SAWT_TRY(Savepoint::begin(db_));
  auto upd = SAWT_TRY(db_.prepare("UPDATE pair_decisions SET undone = 1 WHERE id = ?"));
  for (const PairDecision& d : decisions) {
    SAWT_CHECK(upd.bind(1, d.id).run());
    upd.reset();
    // The pair is open again, unless an earlier decision still holds.
    if (auto row = SAWT_TRY(find_review_pair(d.record_a, d.record_b)); row && row->status != "pending") {
      SAWT_CHECK(set_review_status(row->id, "pending"));
    }
    SAWT_CHECK(audit("undo", "record_pair", pair_key(d.record_a, d.record_b),
                     json{{"decision", d.decision}}.dump(), json{{"decision", ""}}.dump()));
  }
  return sp.release();
}

// ---------------------------------------------------------------- merges and splits

Result<Id> Repository::merge_persons(Id survivor_id, Id merged_id, Id action_id) {
  if (survivor_id == merged_id)
    return fail(ErrorKind::kBadInput, "a person cannot be merged with itself", "persons");
  auto survivor = SAWT_TRY(get_person(survivor_id));
  auto merged = SAWT_TRY(get_person(merged_id));
  if (SAWT_TRY(current_person(survivor_id)) != survivor_id ||
      SAWT_TRY(current_person(merged_id)) != merged_id) {
    return fail(ErrorKind::kConflict,
                fmt::format("{} or {} was merged already", survivor.public_id, merged.public_id), "",
                "merge the persons they were merged into");
  }
  auto sp = SAWT_TRY(Savepoint::begin(db_));
  json moved = json::object();
  for (const auto& t : kPersonTables) {
    auto q = SAWT_TRY(
        db_.prepare(fmt::format("SELECT {} FROM {} WHERE person_id = ? ORDER BY 1", t.key, t.table)));
    q.bind(1, merged_id);
    std::vector<Id> ids;
    while (SAWT_TRY(q.step())) ids.push_back(q.int64(0));
    if (ids.empty()) continue;
    SAWT_CHECK(db_.exec(
        fmt::format("UPDATE {} SET person_id = {} WHERE person_id = {}", t.table, survivor_id, merged_id)));
    moved[t.table] = ids;
  }
  json added = json::object();
  for (const auto& t : kAccessTables) {
    auto q = SAWT_TRY(db_.prepare(fmt::format(
        "SELECT {0} FROM {1} WHERE person_id = ?1 AND {0} NOT IN (SELECT {0} FROM {1} WHERE person_id = ?2)",
        t.key, t.table)));
    q.bind(1, merged_id).bind(2, survivor_id);
    std::vector<Id> ids;
    while (SAWT_TRY(q.step())) ids.push_back(q.int64(0));
    if (ids.empty()) continue;
    SAWT_CHECK(
        db_.exec(fmt::format("INSERT INTO {0}(person_id, {1}) SELECT {2}, {1} FROM {0} WHERE person_id = {3} "
                             "AND {1} IN ({4})",
                             t.table, t.key, survivor_id, merged_id, id_list(ids))));
    added[t.table] = ids;
  }
  // The survivor's empty fields are filled from the merged person.
  const json s = survivor, m = merged;
  json filled = json::object();
  Person updated = survivor;
  for (const char* f : kFillable) {
    if (field_empty(s[f]) && !field_empty(m[f])) {
      filled[f] = {{"before", s[f]}, {"after", m[f]}};
      SAWT_CHECK(set_field(updated, f, m[f]));
    }
  }
  if (!filled.empty()) SAWT_CHECK(update_person(updated));
  auto mark = SAWT_TRY(db_.prepare("UPDATE persons SET merged_into = ?, updated_at = ? WHERE id = ?"));
  SAWT_CHECK(mark.bind(1, survivor_id).bind(2, now_timestamp()).bind(3, merged_id).run());
  const json changes = {{"moved", moved}, {"added", added}, {"filled", filled}};
  auto ins =
      SAWT_TRY(db_.prepare("INSERT INTO merges(action_id, kind, survivor_id, merged_id, moved, "
                           "survivor_before) VALUES (?,'merge',?,?,?,?)"));
  SAWT_CHECK(ins.bind(1, action_id)
                 .bind(2, survivor_id)
                 .bind(3, merged_id)
                 .bind(4, changes.dump())
                 .bind(5, s.dump())
                 .run());
  const Id merge_id = db_.last_insert_id();
  auto unindex = SAWT_TRY(db_.prepare("DELETE FROM search_index WHERE rowid = ?"));
  SAWT_CHECK(unindex.bind(1, merged_id).run());
  SAWT_CHECK(index_person(survivor_id));
  SAWT_CHECK(audit("merge", "person", merged.public_id, "",
                   json{{"into", survivor.public_id}, {"merge", merge_id}, {"changes", changes}}.dump()));
  SAWT_CHECK(sp.release());
  return merge_id;
}

Result<Person> Repository::split_person(Id person_id, const std::vector<Id>& record_ids, Person new_person,
                                        Id action_id) {
  auto original = SAWT_TRY(get_person(person_id));
  if (SAWT_TRY(current_person(person_id)) != person_id) {
    return fail(ErrorKind::kConflict, fmt::format("{} was merged into another person", original.public_id),
                "", "split the person it was merged into");
  }
  const std::set<Id> wanted(record_ids.begin(), record_ids.end());
  if (wanted.empty()) return fail(ErrorKind::kUsage, "name the records to split off", "--records");
  std::size_t owned = 0;
  auto own = SAWT_TRY(db_.prepare("SELECT record_id FROM person_records WHERE person_id = ?"));
  own.bind(1, person_id);
  std::set<Id> all;
  while (SAWT_TRY(own.step())) all.insert(own.int64(0));
  for (Id r : wanted) {
    if (!all.contains(r)) {
      return fail(ErrorKind::kBadInput,
                  fmt::format("record {} is not one of {}'s records", r, original.public_id), "--records",
                  fmt::format("see 'sawt person show {}'", original.public_id));
    }
    ++owned;
  }
  if (owned == all.size()) {
    return fail(ErrorKind::kBadInput, "a split must leave at least one record with the person", "--records",
                "name only the records that belong to someone else");
  }
  auto sp = SAWT_TRY(Savepoint::begin(db_));
  auto added = SAWT_TRY(add_person(std::move(new_person)));
  for (const auto& t : kAccessTables) {
    SAWT_CHECK(
        db_.exec(fmt::format("INSERT OR IGNORE INTO {0}(person_id, {1}) SELECT {2}, {1} FROM {0} WHERE "
                             "person_id = {3}",
                             t.table, t.key, added.id, person_id)));
  }
  const std::vector<Id> ids(wanted.begin(), wanted.end());
  SAWT_CHECK(db_.exec(fmt::format("UPDATE person_records SET person_id = {} WHERE record_id IN ({})",
                                  added.id, id_list(ids))));
  const json changes = {{"moved", {{"person_records", ids}}}};
  auto ins = SAWT_TRY(db_.prepare(
      "INSERT INTO merges(action_id, kind, survivor_id, merged_id, moved) VALUES (?,'split',?,?,?)"));
  SAWT_CHECK(ins.bind(1, action_id).bind(2, person_id).bind(3, added.id).bind(4, changes.dump()).run());
  const Id merge_id = db_.last_insert_id();
  SAWT_CHECK(index_person(person_id));
  SAWT_CHECK(index_person(added.id));
  SAWT_CHECK(audit("split", "person", original.public_id, "",
                   json{{"into", added.public_id}, {"merge", merge_id}, {"records", ids}}.dump()));
  SAWT_CHECK(sp.release());
  return added;
}

Status Repository::undo_merge(Id merge_id) {
  auto q =
      SAWT_TRY(db_.prepare("SELECT kind, survivor_id, merged_id, moved, undone FROM merges WHERE id = ?"));
  q.bind(1, merge_id);
  if (!SAWT_TRY(q.step())) return fail(ErrorKind::kNotFound, fmt::format("no merge {}", merge_id));
  const std::string kind = q.text(0);
  const Id survivor_id = q.int64(1), other_id = q.int64(2);
  const json changes = json::parse(q.text(3), nullptr, false);
  if (q.int64(4) != 0)
    return fail(ErrorKind::kConflict, fmt::format("merge {} was undone already", merge_id));
  auto survivor = SAWT_TRY(get_person(survivor_id));
  auto other = SAWT_TRY(get_person(other_id));
  if (!changes.is_object())
    return fail(ErrorKind::kIntegrity, fmt::format("merge {} has no record of its changes", merge_id));
  auto merged_into = SAWT_TRY(db_.prepare("SELECT merged_into FROM persons WHERE id = ?"));
  const auto merged_into_of = [&](Id id) -> Result<Id> {
    merged_into.bind(1, id);
    const bool found = SAWT_TRY(merged_into.step());
    const Id out = !found || merged_into.is_null(0) ? 0 : merged_into.int64(0);
    merged_into.reset();
    return out;
  };
  // Rows move from `from` (where they are now) back to `to`.
  Id from = survivor_id, to = other_id;
  if (kind == "merge") {
    if (SAWT_TRY(merged_into_of(other_id)) != survivor_id || SAWT_TRY(merged_into_of(survivor_id)) != 0) {
      return fail(ErrorKind::kConflict,
                  fmt::format("{} has been merged again since {} was merged into it", survivor.public_id,
                              other.public_id),
                  "", "undo the later merge first");
    }
  } else {
    if (SAWT_TRY(merged_into_of(other_id)) != 0 || SAWT_TRY(merged_into_of(survivor_id)) != 0) {
      return fail(
          ErrorKind::kConflict,
          fmt::format("{} or {} has been merged since the split", survivor.public_id, other.public_id), "",
          "undo the later merge first");
    }
    from = other_id;
    to = survivor_id;
  }
  auto sp = SAWT_TRY(Savepoint::begin(db_));
  if (changes.contains("moved")) {
    for (const auto& item : changes["moved"].items()) {
      const std::string table = item.key();
      const auto& ids = item.value();
      const auto* t = std::find_if(kPersonTables.begin(), kPersonTables.end(),
                                   [&](const PersonTable& pt) { return table == pt.table; });
      if (t == kPersonTables.end()) continue;
      SAWT_CHECK(db_.exec(fmt::format("UPDATE {} SET person_id = {} WHERE person_id = {} AND {} IN ({})",
                                      t->table, to, from, t->key, id_list(ids.get<std::vector<Id>>()))));
    }
  }
  if (changes.contains("added")) {
    for (const auto& item : changes["added"].items()) {
      const std::string table = item.key();
      const auto& ids = item.value();
      const auto* t = std::find_if(kAccessTables.begin(), kAccessTables.end(),
                                   [&](const PersonTable& pt) { return table == pt.table; });
      if (t == kAccessTables.end()) continue;
      SAWT_CHECK(db_.exec(fmt::format("DELETE FROM {} WHERE person_id = {} AND {} IN ({})", t->table,
                                      survivor_id, t->key, id_list(ids.get<std::vector<Id>>()))));
    }
  }
  // Filled-in fields go back to empty unless someone changed them since.
  if (changes.contains("filled") && !changes["filled"].empty()) {
    Person restored = survivor;
    const json now = survivor;
    bool any = false;
    for (const auto& [field, change] : changes["filled"].items()) {
      if (now[field] != change["after"]) continue;
      SAWT_CHECK(set_field(restored, field, change["before"]));
      any = true;
    }
    if (any) SAWT_CHECK(update_person(restored));
  }
  auto mark = SAWT_TRY(db_.prepare("UPDATE persons SET merged_into = ?, updated_at = ? WHERE id = ?"));
  if (kind == "merge") {
    SAWT_CHECK(mark.bind_id_or_null(1, 0).bind(2, now_timestamp()).bind(3, other_id).run());
  } else {
    // The split-off person stays as a tombstone that leads to the original.
    SAWT_CHECK(mark.bind(1, survivor_id).bind(2, now_timestamp()).bind(3, other_id).run());
  }
  auto done = SAWT_TRY(db_.prepare("UPDATE merges SET undone = 1 WHERE id = ?"));
  SAWT_CHECK(done.bind(1, merge_id).run());
  SAWT_CHECK(index_person(survivor_id));
  if (kind == "merge") {
    SAWT_CHECK(index_person(other_id));
  } else {
    auto unindex = SAWT_TRY(db_.prepare("DELETE FROM search_index WHERE rowid = ?"));
    SAWT_CHECK(unindex.bind(1, other_id).run());
  }
  SAWT_CHECK(audit(kind == "merge" ? "unmerge" : "unsplit", "person", other.public_id,
                   json{{"merge", merge_id}, {"survivor", survivor.public_id}}.dump(), changes.dump()));
  return sp.release();
}

Result<std::vector<MergeRecord>> Repository::merges_of_action(Id action_id) {
  auto q =
      SAWT_TRY(db_.prepare("SELECT id, action_id, kind, survivor_id, merged_id, undone FROM merges WHERE "
                           "action_id = ? ORDER BY id"));
  q.bind(1, action_id);
  std::vector<MergeRecord> out;
  while (SAWT_TRY(q.step())) {
    out.push_back({q.int64(0), q.int64(1), q.text(2), q.int64(3), q.int64(4), q.int64(5) != 0});
  }
  return out;
}

Result<std::optional<MergeRecord>> Repository::merge_of(Id merged_id) {
  auto q =
      SAWT_TRY(db_.prepare("SELECT id, action_id, kind, survivor_id, merged_id, undone FROM merges WHERE "
                           "merged_id = ? AND kind = 'merge' "
                           "AND undone = 0 ORDER BY id DESC LIMIT 1"));
  q.bind(1, merged_id);
  if (!SAWT_TRY(q.step())) return std::optional<MergeRecord>();
  return std::optional<MergeRecord>(
      MergeRecord{q.int64(0), q.int64(1), q.text(2), q.int64(3), q.int64(4), q.int64(5) != 0});
}

}  // namespace sawt::store
