#include "app/link_store.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <numeric>
#include <set>
#include <unordered_map>

#include "app/protection.h"
#include "domain/json.h"
#include "io/csv.h"
#include "linkage/estimate.h"
#include "linkage/link.h"
#include "store/savepoint.h"
#include "util/clock.h"
#include "util/strings.h"

namespace sawt::app {

using nlohmann::json;

namespace {

// Persons created or records attached by one run from which the search index
// is merged afterwards (Repository::optimize_search).
constexpr int kOptimizeAfter = 1000;

// ------------------------------------------------------------ building persons

int completeness(const SourceRecord& r) {
  int score = 0;
  for (const std::string* part :
       {&r.name.first, &r.name.father, &r.name.grandfather, &r.name.family, &r.name.mother}) {
    score += part->empty() ? 0 : 2;
  }
  if (r.name.first.empty() && r.name.family.empty() && !r.name.full.empty()) {
    score += 2 * std::min<int>(4, static_cast<int>(sawt::split(r.name.full, ' ').size()));
  }
  if (!r.birth_date.empty()) score += 1 + static_cast<int>(r.birth_date.precision());
  for (const std::string* f : {&r.birth_place, &r.gender, &r.nationality, &r.id_number, &r.facility}) {
    score += f->empty() ? 0 : 1;
  }
  return score;
}

bool arabic_name(const NameParts& n) { return contains_arabic(n.display()) || contains_arabic(n.full); }

// ------------------------------------------------------------ constrained grouping

// Union-find over record indices that keeps reviewers' "not a match" pairs
// apart: a union is refused when any record of one group was decided not to
// be the same person as any record of the other.
class Groups {
 public:
  explicit Groups(std::size_t n) : parent_(n), members_(n), person_(n, 0) {
    std::iota(parent_.begin(), parent_.end(), std::size_t{0});
    for (std::size_t i = 0; i < n; ++i) members_[i] = {i};
  }
  std::size_t find(std::size_t i) {
    while (parent_[i] != i) i = parent_[i] = parent_[parent_[i]];
    return i;
  }
  void forbid(std::size_t a, std::size_t b) {
    apart_[a].push_back(b);
    apart_[b].push_back(a);
  }
  [[nodiscard]] bool allowed(std::size_t ra, std::size_t rb) {
    const auto& small = members_[ra].size() <= members_[rb].size() ? members_[ra] : members_[rb];
    const std::size_t other = members_[ra].size() <= members_[rb].size() ? rb : ra;
    for (std::size_t m : small) {
      auto it = apart_.find(m);
      if (it == apart_.end()) continue;
      for (std::size_t x : it->second) {
        if (find(x) == other) return false;
      }
    }
    return true;
  }
  // Joins two roots; the group keeps PERSON.
  std::size_t join(std::size_t ra, std::size_t rb, Id person) {
    if (members_[ra].size() < members_[rb].size()) std::swap(ra, rb);
    parent_[rb] = ra;
    members_[ra].insert(members_[ra].end(), members_[rb].begin(), members_[rb].end());
    std::vector<std::size_t>().swap(members_[rb]);
    person_[ra] = person;
    return ra;
  }
  Id& person(std::size_t root) { return person_[root]; }
  const std::vector<std::size_t>& members(std::size_t root) { return members_[root]; }

 private:
  std::vector<std::size_t> parent_;
  std::vector<std::vector<std::size_t>> members_;
  std::vector<Id> person_;
  std::unordered_map<std::size_t, std::vector<std::size_t>> apart_;
};

json evidence_json(const linkage::PairResult& p, const linkage::ModelParams& model) {
  json out = json::array();
  for (const auto& e : p.fields) {
    if (e.field >= model.fields.size()) continue;
    out.push_back({{"field", model.fields[e.field].name},
                   {"level", linkage::level_name(e.level)},
                   {"weight", std::round(e.weight * 100) / 100}});
  }
  return out;
}

store::ReviewPair review_row(const linkage::PairResult& p, const linkage::ModelParams& model,
                             const std::vector<SourceRecord>& records, std::string note) {
  store::ReviewPair r;
  r.record_a = std::min(records[p.a].id, records[p.b].id);
  r.record_b = std::max(records[p.a].id, records[p.b].id);
  r.probability = p.probability;
  r.weight = p.weight;
  r.explanation = p.explanation;
  r.evidence = evidence_json(p, model).dump();
  r.note = note.empty() ? p.note : std::move(note);
  return r;
}

std::uint64_t pair_key(Id a, Id b) {
  return (static_cast<std::uint64_t>(std::min(a, b)) << 32) | static_cast<std::uint64_t>(std::max(a, b));
}

Status refresh(store::Repository& repo, const std::vector<Id>& persons) {
  if (persons.empty()) return {};
  auto rules = SAWT_TRY(load_protection_rules(repo));
  for (Id id : std::set<Id>(persons.begin(), persons.end()))
    SAWT_CHECK(refresh_person(repo, rules, id, today()));
  return {};
}

Result<std::string> public_id(store::Repository& repo, Id person_id) {
  return SAWT_TRY(repo.get_person(person_id)).public_id;
}

// The survivor of a merge of A and B: the one with curated data, else the older.
Result<std::pair<Id, Id>> survivor_of(store::Repository& repo, Id a, Id b) {
  const bool ca = SAWT_TRY(repo.has_curated_data(a)), cb = SAWT_TRY(repo.has_curated_data(b));
  if (ca != cb) return ca ? std::pair{a, b} : std::pair{b, a};
  return a < b ? std::pair{a, b} : std::pair{b, a};
}

Result<Id> first_record(store::Repository& repo, Id person_id) {
  auto records = SAWT_TRY(repo.person_records(person_id));
  return records.empty() ? Id{0} : records.front().id;
}

// Records "not the same person" between two persons (one pair of their records
// is enough: the grouping keeps whole persons apart).
Status keep_apart(store::Repository& repo, Id person_a, Id person_b, Id action_id, std::string_view note) {
  const Id ra = SAWT_TRY(first_record(repo, person_a)), rb = SAWT_TRY(first_record(repo, person_b));
  if (ra == 0 || rb == 0) return {};
  SAWT_CHECK(repo.add_pair_decision({0, ra, rb, "no_match", "", "", std::string(note), action_id}));
  if (auto row = SAWT_TRY(repo.find_review_pair(ra, rb)); row && row->status != "decided") {
    SAWT_CHECK(repo.set_review_status(row->id, "decided"));
  }
  return {};
}

}  // namespace

namespace {

// What building a person needs from the store, read once per run.
struct PersonBuilder {
  std::map<Id, int> reliability;  // by source id
  std::set<std::string, std::less<>> facilities;
  const Vocabularies* vocab = nullptr;

  static Result<PersonBuilder> load(store::Repository& repo) {
    PersonBuilder b;
    for (const auto& s : SAWT_TRY(repo.list_sources())) b.reliability[s.id] = s.reliability;
    for (const auto& f : SAWT_TRY(repo.list_facilities())) b.facilities.insert(f.code);
    b.vocab = &repo.store().vocab();
    return b;
  }

  Result<Person> build(const std::vector<SourceRecord>& records) {
    if (records.empty()) return fail(ErrorKind::kBadInput, "a person needs at least one record", "records");
    std::vector<const SourceRecord*> order;
    for (const auto& r : records) order.push_back(&r);
    std::stable_sort(order.begin(), order.end(), [&](const SourceRecord* x, const SourceRecord* y) {
      const int cx = completeness(*x), cy = completeness(*y);
      if (cx != cy) return cx > cy;
      if (reliability[x->source_id] != reliability[y->source_id])
        return reliability[x->source_id] > reliability[y->source_id];
      return x->id < y->id;
    });
    Person p;
    for (const SourceRecord* r : order) {
      NameParts& target = arabic_name(r->name) ? p.name_ar : p.name_lat;
      if (target.empty()) target = r->name;
    }
    for (const SourceRecord* r : order) {
      if (p.gender.empty() && (r->gender == "m" || r->gender == "f")) p.gender = r->gender;
      if (p.birth_date.empty()) p.birth_date = r->birth_date;
      if (p.birth_place.empty()) p.birth_place = r->birth_place;
      if (p.id_number.empty()) p.id_number = r->id_number;
      if (p.nationality.empty() && !r->nationality.empty() &&
          vocab->validate_code("nationalities", r->nationality, "")) {
        p.nationality = r->nationality;
      }
      if (p.facility_code.empty() && facilities.contains(r->facility)) p.facility_code = r->facility;
    }
    return p;
  }
};

}  // namespace

Result<Person> person_from_records(store::Repository& repo, const std::vector<SourceRecord>& records) {
  auto builder = SAWT_TRY(PersonBuilder::load(repo));
  return builder.build(records);
}

Result<LinkStoreReport> link_store(store::Repository& repo, const LinkStoreOptions& options) {
  // All or nothing, inside a caller's transaction or not.
  auto sp = SAWT_TRY(store::Savepoint::begin(repo.store().db()));
  const auto started = std::chrono::steady_clock::now();
  LinkStoreReport report;
  const std::vector<SourceRecord> records = SAWT_TRY(repo.all_source_records());
  const std::size_t n = records.size();
  report.records = static_cast<int>(n);
  std::unordered_map<Id, std::size_t> index_of;
  for (std::size_t i = 0; i < n; ++i) index_of[records[i].id] = i;

  // What the store knows: who each record belongs to, and the decisions.
  Groups groups(n);
  std::map<Id, std::size_t> root_of_person;
  for (const auto& [record, person] : SAWT_TRY(repo.record_persons())) {
    auto it = index_of.find(record);
    if (it == index_of.end()) continue;
    auto [pos, inserted] = root_of_person.try_emplace(person, it->second);
    if (inserted) {
      groups.person(it->second) = person;
    } else {
      pos->second = groups.join(groups.find(pos->second), groups.find(it->second), person);
    }
  }
  std::vector<linkage::LabelledPair> labelled;
  std::set<std::uint64_t> decided;
  for (const auto& d : SAWT_TRY(repo.pair_decisions())) {
    auto a = index_of.find(d.record_a), b = index_of.find(d.record_b);
    if (a == index_of.end() || b == index_of.end()) continue;
    decided.insert(pair_key(d.record_a, d.record_b));
    labelled.push_back({a->second, b->second, d.decision == "match"});
    if (d.decision == "no_match") groups.forbid(a->second, b->second);
  }
  report.labelled_pairs = static_cast<int>(labelled.size());

  // The model: estimated from the records, refined by the decisions.
  linkage::Options lo;
  lo.match_threshold = options.match_threshold;
  lo.review_threshold = options.review_threshold;
  lo.threads = options.threads;
  lo.progress = options.progress;
  linkage::LinkResult result;
  json base_model = json::object();
  if (n > 0) {
    if (!labelled.empty()) lo.explain = false;
    result = SAWT_TRY(linkage::link(records, lo));
    report.linkage_seconds += result.stats.seconds_total;
    base_model = result.model.to_json();
    if (!labelled.empty()) {
      lo.model = SAWT_TRY(linkage::refine(result.model, records, labelled));
      lo.estimate = false;
      lo.explain = true;
      result = SAWT_TRY(linkage::link(records, lo));
      report.linkage_seconds += result.stats.seconds_total;
    }
  }

  // Links, strongest first, within what the store and the reviewers allow.
  std::map<Id, bool> curated;
  const auto is_curated = [&](Id person) -> Result<bool> {
    auto it = curated.find(person);
    if (it != curated.end()) return it->second;
    return curated[person] = SAWT_TRY(repo.has_curated_data(person));
  };
  std::vector<std::pair<Id, Id>> planned_merges;  // survivor, merged
  std::vector<store::ReviewPair> queue;
  std::set<std::uint64_t> queued;
  for (const auto& m : result.matches) {
    const std::size_t ra = groups.find(m.a), rb = groups.find(m.b);
    if (ra == rb) continue;
    if (!groups.allowed(ra, rb)) {
      ++report.kept_apart;
      continue;
    }
    const Id pa = groups.person(ra), pb = groups.person(rb);
    if (pa != 0 && pb != 0) {
      const bool ca = SAWT_TRY(is_curated(pa)), cb = SAWT_TRY(is_curated(pb));
      if (ca && cb) {
        auto row = review_row(m, result.model, records,
                              "both persons have curated data: merge them only after review");
        if (!decided.contains(pair_key(row.record_a, row.record_b)) &&
            queued.insert(pair_key(row.record_a, row.record_b)).second) {
          queue.push_back(std::move(row));
        }
        continue;
      }
      const Id survivor = ca != cb ? (ca ? pa : pb) : std::min(pa, pb);
      const Id merged = survivor == pa ? pb : pa;
      planned_merges.emplace_back(survivor, merged);
      curated[survivor] = ca || cb;
      groups.join(ra, rb, survivor);
    } else {
      groups.join(ra, rb, pa != 0 ? pa : pb);
    }
  }
  for (const auto& r : result.review) {
    if (groups.find(r.a) == groups.find(r.b)) continue;
    auto row = review_row(r, result.model, records, "");
    const auto key = pair_key(row.record_a, row.record_b);
    if (decided.contains(key) || !queued.insert(key).second) continue;
    queue.push_back(std::move(row));
  }

  // Write it down: merges, new persons, attached records, the queue, the run.
  std::vector<Id> touched;
  if (!planned_merges.empty()) {
    const Id action = SAWT_TRY(repo.add_link_action(
        "link", json{{"merges", planned_merges.size()}, {"reason", "linkage run"}}.dump()));
    for (const auto& [survivor, merged] : planned_merges) {
      SAWT_CHECK(repo.merge_persons(survivor, merged, action));
      touched.push_back(survivor);
      ++report.persons_merged;
    }
  }
  std::vector<std::size_t> roots;
  for (std::size_t i = 0; i < n; ++i) {
    if (groups.find(i) == i) roots.push_back(i);
  }
  const auto linked = SAWT_TRY(repo.record_persons());
  std::set<Id> linked_records;
  for (const auto& [record, person] : linked) linked_records.insert(record);
  auto builder = SAWT_TRY(PersonBuilder::load(repo));
  std::vector<std::pair<Person, std::vector<Id>>> new_persons;
  for (std::size_t root : roots) {
    std::vector<Id> unlinked;
    std::vector<SourceRecord> fresh;
    for (std::size_t m : groups.members(root)) {
      if (linked_records.contains(records[m].id)) continue;
      unlinked.push_back(records[m].id);
      fresh.push_back(records[m]);
    }
    if (unlinked.empty()) continue;
    std::sort(unlinked.begin(), unlinked.end());
    const Id person = groups.person(root);
    if (person == 0) {
      new_persons.emplace_back(SAWT_TRY(builder.build(fresh)), std::move(unlinked));
    } else {
      report.records_attached += static_cast<int>(unlinked.size());
      SAWT_CHECK(repo.link_records(person, unlinked, "linkage"));
    }
  }
  report.persons_created = static_cast<int>(new_persons.size());
  if (!new_persons.empty()) SAWT_CHECK(repo.add_linked_persons(std::move(new_persons), "linkage"));
  // Many index rows rewritten in one go: merge the index's segments now
  // rather than leave searches reading many of them.
  if (report.persons_created + report.records_attached >= kOptimizeAfter) SAWT_CHECK(repo.optimize_search());

  store::LinkRun run;
  run.match_threshold = options.match_threshold;
  run.review_threshold = options.review_threshold;
  run.model = result.model.to_json().dump();
  run.base_model = base_model.dump();
  run.labelled_pairs = report.labelled_pairs;
  run.records = report.records;
  run.persons_created = report.persons_created;
  run.records_attached = report.records_attached;
  run.persons_merged = report.persons_merged;
  run.review_pending = static_cast<int>(queue.size());
  run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  report.run_id = SAWT_TRY(repo.add_link_run(run));
  report.review_queued = SAWT_TRY(repo.sync_review_pairs(report.run_id, queue));
  report.review_pending = static_cast<int>(SAWT_TRY(repo.count_review_pairs({})));
  SAWT_CHECK(refresh(repo, touched));
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  SAWT_CHECK(sp.release());
  return report;
}

Result<std::string> clusters_csv(store::Repository& repo) {
  std::map<Id, std::string> sources;
  for (const auto& s : SAWT_TRY(repo.list_sources())) sources[s.id] = s.name;
  std::map<Id, Id> person_of;
  for (const auto& [record, person] : SAWT_TRY(repo.record_persons())) person_of[record] = person;
  std::string out = io::csv_line({"record_id", "source", "person_id"});
  for (const auto& r : SAWT_TRY(repo.all_source_records())) {
    auto it = person_of.find(r.id);
    if (it == person_of.end()) continue;
    out += io::csv_line({r.record_id, sources[r.source_id], fmt::format("P-{:06}", it->second)});
  }
  return out;
}

json to_json(const LinkStoreReport& r) {
  return {{"run", r.run_id},
          {"records", r.records},
          {"persons_created", r.persons_created},
          {"records_attached", r.records_attached},
          {"persons_merged", r.persons_merged},
          {"kept_apart", r.kept_apart},
          {"review_queued", r.review_queued},
          {"review_pending", r.review_pending},
          {"labelled_pairs", r.labelled_pairs},
          {"changed", r.changed()},
          {"seconds", std::round(r.seconds * 1000) / 1000},
          {"linkage_seconds", std::round(r.linkage_seconds * 1000) / 1000}};
}

Result<Decision> parse_decision(std::string_view text) {
  if (text == "match" || text == "same") return Decision::kMatch;
  if (text == "no-match" || text == "no_match" || text == "non_match" || text == "nomatch")
    return Decision::kNoMatch;
  if (text == "skip") return Decision::kSkip;
  return fail(ErrorKind::kUsage, fmt::format("'{}' is not a decision", text), "decision",
              "use match, no-match or skip");
}

// ------------------------------------------------------------ the queue as JSON

Result<std::pair<Id, Id>> pair_persons(store::Repository& repo, const store::ReviewPair& pair) {
  return std::pair{SAWT_TRY(repo.person_of_record(pair.record_a)),
                   SAWT_TRY(repo.person_of_record(pair.record_b))};
}

Result<json> review_pair_json(store::Repository& repo, const store::ReviewPair& pair) {
  std::map<Id, std::string> source_names;
  for (const auto& s : SAWT_TRY(repo.list_sources())) source_names[s.id] = s.name;
  const auto record = [&](Id id) -> Result<json> {
    auto r = SAWT_TRY(repo.get_source_record(id));
    json j = r;
    j["source"] = source_names[r.source_id];
    const Id person = SAWT_TRY(repo.person_of_record(id));
    if (person != 0) {
      auto p = SAWT_TRY(repo.get_person(person));
      j["person"] = p.public_id;
      j["person_name"] = p.name_ar.display().empty() ? p.name_lat.display() : p.name_ar.display();
    }
    return j;
  };
  json evidence = json::parse(pair.evidence, nullptr, false);
  if (!evidence.is_array()) evidence = json::array();
  return json{{"id", pair.id},
              {"status", pair.status},
              {"probability", pair.probability},
              {"weight", std::round(pair.weight * 100) / 100},
              {"explanation", pair.explanation},
              {"note", pair.note},
              {"fields", evidence},
              {"a", SAWT_TRY(record(pair.record_a))},
              {"b", SAWT_TRY(record(pair.record_b))}};
}

Result<json> review_queue_json(store::Repository& repo, const store::ReviewFilter& filter) {
  json pairs = json::array();
  for (const auto& p : SAWT_TRY(repo.review_pairs(filter)))
    pairs.push_back(SAWT_TRY(review_pair_json(repo, p)));
  return json{{"total", SAWT_TRY(repo.count_review_pairs(filter))}, {"pairs", pairs}};
}

json to_json(const ActionResult& r) {
  json j = {{"action", r.action_id}, {"kind", r.kind}, {"persons", r.persons}, {"message", r.message}};
  if (!r.decision.empty()) j["decision"] = r.decision;
  return j;
}

// ------------------------------------------------------------ reviewer actions

Result<ActionResult> decide_pair(store::Repository& repo, Id pair_id, Decision decision,
                                 std::string_view note) {
  // All or nothing, inside a caller's transaction or not.
  auto sp = SAWT_TRY(store::Savepoint::begin(repo.store().db()));
  auto pair = SAWT_TRY(repo.get_review_pair(pair_id));
  if (pair.status != "pending" && pair.status != "skipped") {
    return fail(ErrorKind::kConflict, fmt::format("pair {} is {} already", pair_id, pair.status), "",
                "undo the decision first ('sawt review undo')");
  }
  const auto [pa, pb] = SAWT_TRY(pair_persons(repo, pair));
  if (pa == 0 || pb == 0) {
    return fail(ErrorKind::kConflict, fmt::format("a record of pair {} is not linked to a person", pair_id),
                "", "run 'sawt link' first");
  }
  if (pa == pb) {
    return fail(ErrorKind::kConflict, fmt::format("the records of pair {} are one person already", pair_id));
  }
  const std::string name = decision == Decision::kMatch     ? "match"
                           : decision == Decision::kNoMatch ? "no_match"
                                                            : "skip";
  ActionResult out;
  out.kind = "decide";
  out.decision = name;
  out.action_id = SAWT_TRY(repo.add_link_action(
      "decide",
      json{{"pair", pair_id}, {"records", {pair.record_a, pair.record_b}}, {"decision", name}}.dump()));
  SAWT_CHECK(repo.add_pair_decision(
      {0, pair.record_a, pair.record_b, name, "", "", std::string(note), out.action_id}));
  SAWT_CHECK(repo.set_review_status(pair_id, decision == Decision::kSkip ? "skipped" : "decided"));
  if (decision == Decision::kMatch) {
    const auto [survivor, merged] = SAWT_TRY(survivor_of(repo, pa, pb));
    SAWT_CHECK(repo.merge_persons(survivor, merged, out.action_id));
    SAWT_CHECK(refresh(repo, {survivor, merged}));
    out.persons = {SAWT_TRY(public_id(repo, survivor)), SAWT_TRY(public_id(repo, merged))};
    out.message = fmt::format("{} merged into {}", out.persons[1], out.persons[0]);
  } else {
    out.persons = {SAWT_TRY(public_id(repo, pa)), SAWT_TRY(public_id(repo, pb))};
    out.message = decision == Decision::kNoMatch
                      ? fmt::format("{} and {} are kept apart", out.persons[0], out.persons[1])
                      : fmt::format("pair {} skipped", pair_id);
  }
  SAWT_CHECK(sp.release());
  return out;
}

Result<ActionResult> merge(store::Repository& repo, Id survivor_id, Id merged_id, std::string_view note) {
  // All or nothing, inside a caller's transaction or not.
  auto sp = SAWT_TRY(store::Savepoint::begin(repo.store().db()));
  ActionResult out;
  out.kind = "merge";
  const auto a = SAWT_TRY(public_id(repo, survivor_id)), b = SAWT_TRY(public_id(repo, merged_id));
  out.action_id =
      SAWT_TRY(repo.add_link_action("merge", json{{"survivor", a}, {"merged", b}, {"note", note}}.dump()));
  SAWT_CHECK(repo.merge_persons(survivor_id, merged_id, out.action_id));
  SAWT_CHECK(refresh(repo, {survivor_id, merged_id}));
  out.persons = {a, b};
  out.message = fmt::format("{} merged into {}", b, a);
  SAWT_CHECK(sp.release());
  return out;
}

Result<ActionResult> unmerge(store::Repository& repo, Id merged_id, std::string_view note) {
  // All or nothing, inside a caller's transaction or not.
  auto sp = SAWT_TRY(store::Savepoint::begin(repo.store().db()));
  const auto merged_public = SAWT_TRY(public_id(repo, merged_id));
  auto m = SAWT_TRY(repo.merge_of(merged_id));
  if (!m) {
    return fail(ErrorKind::kNotFound, fmt::format("{} was not merged into another person", merged_public), "",
                "give the id the person had before the merge (see 'sawt person show')");
  }
  ActionResult out;
  out.kind = "unmerge";
  const auto survivor_public = SAWT_TRY(public_id(repo, m->survivor_id));
  out.action_id = SAWT_TRY(repo.add_link_action(
      "unmerge",
      json{{"merge", m->id}, {"survivor", survivor_public}, {"merged", merged_public}, {"note", note}}
          .dump()));
  SAWT_CHECK(repo.undo_merge(m->id));
  SAWT_CHECK(keep_apart(repo, m->survivor_id, merged_id, out.action_id, note));
  SAWT_CHECK(refresh(repo, {m->survivor_id, merged_id}));
  out.persons = {survivor_public, merged_public};
  out.message = fmt::format("{} separated from {} and kept apart", merged_public, survivor_public);
  SAWT_CHECK(sp.release());
  return out;
}

Result<ActionResult> split(store::Repository& repo, Id person_id, const std::vector<Id>& record_ids,
                           std::string_view note) {
  // All or nothing, inside a caller's transaction or not.
  auto sp = SAWT_TRY(store::Savepoint::begin(repo.store().db()));
  const auto original = SAWT_TRY(public_id(repo, person_id));
  std::vector<SourceRecord> records;
  for (Id id : record_ids) records.push_back(SAWT_TRY(repo.get_source_record(id)));
  auto person = SAWT_TRY(person_from_records(repo, records));
  ActionResult out;
  out.kind = "split";
  out.action_id = SAWT_TRY(repo.add_link_action(
      "split", json{{"person", original}, {"records", record_ids}, {"note", note}}.dump()));
  auto added = SAWT_TRY(repo.split_person(person_id, record_ids, std::move(person), out.action_id));
  SAWT_CHECK(keep_apart(repo, person_id, added.id, out.action_id, note));
  SAWT_CHECK(refresh(repo, {person_id, added.id}));
  out.persons = {original, added.public_id};
  out.message = fmt::format("{} record(s) of {} made into {}", record_ids.size(), original, added.public_id);
  SAWT_CHECK(sp.release());
  return out;
}

Result<ActionResult> undo_action(store::Repository& repo, Id action_id) {
  // All or nothing, inside a caller's transaction or not.
  auto sp = SAWT_TRY(store::Savepoint::begin(repo.store().db()));
  auto action = SAWT_TRY(repo.get_link_action(action_id));
  if (action.undone)
    return fail(ErrorKind::kConflict, fmt::format("action {} was undone already", action_id));
  ActionResult out;
  out.kind = "undo";
  out.action_id = action_id;
  std::vector<Id> touched;
  auto merges = SAWT_TRY(repo.merges_of_action(action_id));
  std::reverse(merges.begin(), merges.end());
  for (const auto& m : merges) {
    if (m.undone) continue;
    SAWT_CHECK(repo.undo_merge(m.id));
    touched.push_back(m.survivor_id);
    touched.push_back(m.merged_id);
  }
  SAWT_CHECK(repo.undo_decisions_of_action(action_id));
  if (action.kind == "unmerge") {
    // Undoing an unmerge merges the two again.
    const json summary = json::parse(action.summary, nullptr, false);
    const Id merge_id = summary.is_object() ? summary.value("merge", Id{0}) : 0;
    auto q = SAWT_TRY(repo.store().db().prepare("SELECT survivor_id, merged_id FROM merges WHERE id = ?"));
    q.bind(1, merge_id);
    if (SAWT_TRY(q.step())) {
      const Id survivor = q.int64(0), merged = q.int64(1);
      SAWT_CHECK(repo.merge_persons(survivor, merged, action_id));
      touched.push_back(survivor);
      touched.push_back(merged);
    }
  }
  SAWT_CHECK(repo.mark_action_undone(action_id));
  SAWT_CHECK(refresh(repo, touched));
  for (Id id : std::set<Id>(touched.begin(), touched.end()))
    out.persons.push_back(SAWT_TRY(public_id(repo, id)));
  out.message = fmt::format("undid {} (action {})", action.kind, action_id);
  SAWT_CHECK(sp.release());
  return out;
}

Result<ActionResult> undo_last(store::Repository& repo) {
  auto last = SAWT_TRY(repo.last_link_action(repo.actor()));
  if (!last) {
    return fail(ErrorKind::kNotFound, "there is nothing of yours to undo", "",
                "only your own decisions, merges and splits can be undone");
  }
  return undo_action(repo, last->id);
}

}  // namespace sawt::app
