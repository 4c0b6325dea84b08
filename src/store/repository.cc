#include "store/repository.h"

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <nlohmann/json.hpp>

#include "domain/json.h"
#include "names/similarity.h"
#include "store/savepoint.h"
#include "store/search_text.h"
#include "util/clock.h"
#include "util/strings.h"

namespace sawt::store {

using nlohmann::json;

namespace {

constexpr double kSearchThreshold = 0.82;

// True when every quoted term of the MATCH expression is among the note's words.
bool notes_match(const std::string& match, const std::string& notes_terms) {
  const auto words = split(notes_terms, ' ');
  size_t pos = 0;
  bool any = false;
  while ((pos = match.find('"', pos)) != std::string::npos) {
    const auto end = match.find('"', pos + 1);
    if (end == std::string::npos) break;
    const std::string term = match.substr(pos + 1, end - pos - 1);
    if (std::find(words.begin(), words.end(), term) == words.end()) return false;
    any = true;
    pos = end + 1;
  }
  return any;
}

Result<PartialDate> date_column(const Stmt& s, int col, std::string_view what) {
  auto d = PartialDate::parse(s.text(col));
  if (!d) {
    return fail(ErrorKind::kIntegrity, fmt::format("stored {} '{}' is not a date", what, s.text(col)));
  }
  return *d;
}

// The search index's rowid of a person's and of an unlinked record's entry
// (schema kVWeb): a delete by rowid is a lookup, where one by the UNINDEXED
// kind/ref columns scanned the whole index (quadratic bulk linking).
std::int64_t person_index_rowid(Id person_id) { return person_id; }
std::int64_t record_index_rowid(Id record_id) { return -record_id; }

NameParts parse_name_json(const std::string& text) {
  auto j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return {};
  return j.get<NameParts>();
}

constexpr std::string_view kRecordColumns =
    "id, source_id, import_id, record_id, line, full_name, first_name, father_name, grandfather_name, "
    "family_name, mother_name, gender, birth_date, birth_place, nationality, id_number, arrest_date, "
    "facility, "
    "notes, extra";

Result<SourceRecord> read_record(const Stmt& s) {
  SourceRecord r;
  r.id = s.int64(0);
  r.source_id = s.int64(1);
  r.import_id = s.is_null(2) ? 0 : s.int64(2);
  r.record_id = s.text(3);
  r.line = static_cast<int>(s.int64(4));
  r.name = {s.text(5), s.text(6), s.text(7), s.text(8), s.text(9), s.text(10)};
  r.gender = s.text(11);
  r.birth_date = SAWT_TRY(date_column(s, 12, "birth date"));
  r.birth_place = s.text(13);
  r.nationality = s.text(14);
  r.id_number = s.text(15);
  r.arrest_date = SAWT_TRY(date_column(s, 16, "arrest date"));
  r.facility = s.text(17);
  r.notes = s.text(18);
  auto extra = json::parse(s.text(19), nullptr, false);
  if (extra.is_object()) {
    for (auto& [k, v] : extra.items()) r.extra[k] = v.is_string() ? v.get<std::string>() : v.dump();
  }
  return r;
}

constexpr std::string_view kPersonColumns =
    "id, public_id, name_ar, name_lat, gender, birth_date, birth_place, nationality, id_number, status, "
    "facility_code, confidential, notes";

Result<Person> read_person(const Stmt& s) {
  Person p;
  p.id = s.int64(0);
  p.public_id = s.text(1);
  p.name_ar = parse_name_json(s.text(2));
  p.name_lat = parse_name_json(s.text(3));
  p.gender = s.text(4);
  p.birth_date = SAWT_TRY(date_column(s, 5, "birth date"));
  p.birth_place = s.text(6);
  p.nationality = s.text(7);
  p.id_number = s.text(8);
  p.status = s.text(9);
  p.facility_code = s.text(10);
  p.confidential = s.int64(11) != 0;
  p.notes = s.text(12);
  return p;
}

std::string display_name(const Person& p) {
  auto ar = p.name_ar.display();
  auto lat = p.name_lat.display();
  if (!ar.empty() && !lat.empty()) return ar + " (" + lat + ")";
  return ar.empty() ? lat : ar;
}

Status check_gender(std::string_view g, std::string_view where) {
  if (g.empty() || g == "m" || g == "f") return {};
  return fail(ErrorKind::kBadInput, fmt::format("gender '{}' is not known", g), std::string(where),
              "use m, f, or leave it empty when unknown");
}

}  // namespace

Status Repository::check_code(std::string_view vocab, std::string_view code, std::string_view where) const {
  if (code.empty()) return {};
  return store_.vocab().validate_code(vocab, code, where);
}

Status Repository::check_facility(std::string_view code, std::string_view where) {
  if (code.empty()) return {};
  auto f = get_facility(code);
  if (!f) {
    return fail(ErrorKind::kBadInput, fmt::format("facility '{}' is not known", code), std::string(where),
                "see 'sawt facility list' for codes, or add the facility first");
  }
  return {};
}

Status Repository::check_person(const Person& p) {
  SAWT_CHECK(check_gender(p.gender, "gender"));
  SAWT_CHECK(check_code("person_statuses", p.status, "status"));
  SAWT_CHECK(check_code("nationalities", p.nationality, "nationality"));
  return check_facility(p.facility_code, "facility");
}

Status Repository::audit(std::string_view action, std::string_view entity, std::string_view entity_id,
                         const std::string& before, const std::string& after) {
  return store_.audit().append(
      AuditEntry{actor_, std::string(action), std::string(entity), std::string(entity_id), before, after});
}

// ---------------------------------------------------------------- sources

Result<Source> Repository::add_source(Source source) {
  if (source.name.empty()) {
    return fail(ErrorKind::kBadInput, "a source needs a name", "source", "give --source NAME");
  }
  if (source.reliability < 1 || source.reliability > 5) {
    return fail(ErrorKind::kBadInput, fmt::format("reliability {} is out of range", source.reliability),
                "reliability", "use 1 (unreliable) to 5 (fully reliable)");
  }
  if (source.kind.empty()) source.kind = "other";
  SAWT_CHECK(check_code("source_kinds", source.kind, "source kind"));
  auto sp = SAWT_TRY(Savepoint::begin(db_));
  auto ins = SAWT_TRY(db_.prepare(
      "INSERT INTO sources(name, kind, reliability, received, notes, created_at) VALUES (?,?,?,?,?,?)"));
  ins.bind(1, source.name).bind(2, source.kind).bind(3, source.reliability);
  ins.bind(4, source.received.to_string()).bind(5, source.notes).bind(6, now_timestamp());
  auto st = ins.run();
  if (!st) {
    if (st.error().kind == ErrorKind::kConflict) {
      return fail(ErrorKind::kConflict, fmt::format("a source named '{}' exists already", source.name),
                  "source");
    }
    return std::unexpected(st.error());
  }
  source.id = db_.last_insert_id();
  SAWT_CHECK(audit("create", "source", std::to_string(source.id), "", dump(source)));
  SAWT_CHECK(sp.release());
  return source;
}

Result<std::optional<Source>> Repository::find_source(std::string_view name) {
  auto q = SAWT_TRY(
      db_.prepare("SELECT id, name, kind, reliability, received, notes FROM sources WHERE name = ?"));
  q.bind(1, name);
  if (!SAWT_TRY(q.step())) return std::optional<Source>();
  Source s{
      q.int64(0), q.text(1), q.text(2), static_cast<int>(q.int64(3)), SAWT_TRY(date_column(q, 4, "date")),
      q.text(5)};
  return std::optional<Source>(std::move(s));
}

Result<std::vector<Source>> Repository::list_sources() {
  auto q =
      SAWT_TRY(db_.prepare("SELECT id, name, kind, reliability, received, notes FROM sources ORDER BY id"));
  std::vector<Source> out;
  while (SAWT_TRY(q.step())) {
    out.push_back(Source{q.int64(0), q.text(1), q.text(2), static_cast<int>(q.int64(3)),
                         SAWT_TRY(date_column(q, 4, "date")), q.text(5)});
  }
  return out;
}

Result<std::optional<ImportInfo>> Repository::find_import_by_hash(std::string_view content_hash) {
  auto q = SAWT_TRY(db_.prepare(
      "SELECT id, source_id, file_name, content_hash, format, imported_at, imported_by, rows_total, rows_ok, "
      "rows_quarantined FROM imports WHERE content_hash = ?"));
  q.bind(1, content_hash);
  if (!SAWT_TRY(q.step())) return std::optional<ImportInfo>();
  return std::optional<ImportInfo>(ImportInfo{q.int64(0), q.int64(1), q.text(2), q.text(3), q.text(4),
                                              q.text(5), q.text(6), static_cast<int>(q.int64(7)),
                                              static_cast<int>(q.int64(8)), static_cast<int>(q.int64(9))});
}

Result<Id> Repository::add_import(const ImportInfo& info) {
  auto sp = SAWT_TRY(Savepoint::begin(db_));
  auto ins = SAWT_TRY(db_.prepare(
      "INSERT INTO imports(source_id, file_name, content_hash, format, imported_at, imported_by, rows_total, "
      "rows_ok, rows_quarantined) VALUES (?,?,?,?,?,?,?,?,?)"));
  const std::string at = now_timestamp();
  ins.bind(1, info.source_id).bind(2, info.file_name).bind(3, info.content_hash).bind(4, info.format);
  ins.bind(5, at)
      .bind(6, actor_)
      .bind(7, info.rows_total)
      .bind(8, info.rows_ok)
      .bind(9, info.rows_quarantined);
  SAWT_CHECK(ins.run());
  const Id id = db_.last_insert_id();
  json after = {{"source_id", info.source_id},
                {"file_name", info.file_name},
                {"content_hash", info.content_hash},
                {"format", info.format},
                {"rows_total", info.rows_total},
                {"rows_ok", info.rows_ok},
                {"rows_quarantined", info.rows_quarantined}};
  SAWT_CHECK(audit("import", "import", std::to_string(id), "", after.dump()));
  SAWT_CHECK(sp.release());
  return id;
}

Result<Id> Repository::add_source_record(const SourceRecord& r) {
  if (r.name.empty()) return fail(ErrorKind::kBadInput, "a source record needs a name", "full_name");
  SAWT_CHECK(check_gender(r.gender, "gender"));
  auto sp = SAWT_TRY(Savepoint::begin(db_));
  auto ins = SAWT_TRY(db_.prepare(
      "INSERT INTO source_records(source_id, import_id, record_id, line, full_name, first_name, father_name, "
      "grandfather_name, family_name, mother_name, gender, birth_date, birth_place, nationality, id_number, "
      "arrest_date, facility, notes, extra, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"));
  json extra = r.extra;
  ins.bind(1, r.source_id).bind_id_or_null(2, r.import_id).bind(3, r.record_id).bind(4, r.line);
  ins.bind(5, r.name.full).bind(6, r.name.first).bind(7, r.name.father).bind(8, r.name.grandfather);
  ins.bind(9, r.name.family).bind(10, r.name.mother).bind(11, r.gender).bind(12, r.birth_date.to_string());
  ins.bind(13, r.birth_place)
      .bind(14, r.nationality)
      .bind(15, r.id_number)
      .bind(16, r.arrest_date.to_string());
  ins.bind(17, r.facility).bind(18, r.notes).bind(19, extra.dump()).bind(20, now_timestamp());
  SAWT_CHECK(ins.run());
  SourceRecord stored = r;
  stored.id = db_.last_insert_id();
  SAWT_CHECK(index_record(stored));
  SAWT_CHECK(audit("create", "source_record", std::to_string(stored.id), "", dump(stored)));
  SAWT_CHECK(sp.release());
  return stored.id;
}

Status Repository::add_quarantine(const QuarantinedRow& row) {
  auto sp = SAWT_TRY(Savepoint::begin(db_));
  auto ins = SAWT_TRY(db_.prepare("INSERT INTO quarantine(import_id, line, reason, raw) VALUES (?,?,?,?)"));
  SAWT_CHECK(ins.bind(1, row.import_id).bind(2, row.line).bind(3, row.reason).bind(4, row.raw).run());
  const Id id = db_.last_insert_id();
  json after = {{"import_id", row.import_id}, {"line", row.line}, {"reason", row.reason}, {"raw", row.raw}};
  SAWT_CHECK(audit("quarantine", "quarantine", std::to_string(id), "", after.dump()));
  return sp.release();
}

Result<std::vector<QuarantinedRow>> Repository::quarantine(Id import_id) {
  auto q = SAWT_TRY(
      db_.prepare("SELECT import_id, line, reason, raw FROM quarantine WHERE import_id = ? ORDER BY line"));
  q.bind(1, import_id);
  std::vector<QuarantinedRow> out;
  while (SAWT_TRY(q.step())) {
    out.push_back({q.int64(0), static_cast<int>(q.int64(1)), q.text(2), q.text(3)});
  }
  return out;
}

Result<std::vector<SourceRecord>> Repository::all_source_records() {
  auto q = SAWT_TRY(db_.prepare(fmt::format("SELECT {} FROM source_records ORDER BY id", kRecordColumns)));
  std::vector<SourceRecord> out;
  while (SAWT_TRY(q.step())) out.push_back(SAWT_TRY(read_record(q)));
  return out;
}

Result<SourceRecord> Repository::get_source_record(Id id) {
  auto q = SAWT_TRY(db_.prepare(fmt::format("SELECT {} FROM source_records WHERE id = ?", kRecordColumns)));
  q.bind(1, id);
  if (!SAWT_TRY(q.step())) return fail(ErrorKind::kNotFound, fmt::format("no source record {}", id));
  return read_record(q);
}

// ---------------------------------------------------------------- persons

Result<Person> Repository::add_person(Person p) { return insert_person(std::move(p), true); }

Result<Person> Repository::insert_person(Person p, bool index) {
  if (p.name_ar.empty() && p.name_lat.empty()) {
    return fail(ErrorKind::kBadInput, "a person needs a name in Arabic or Latin script", "name",
                "give at least a full name or a first and family name");
  }
  if (p.status.empty()) p.status = "unknown";
  SAWT_CHECK(check_person(p));
  auto sp = SAWT_TRY(Savepoint::begin(db_));
  const std::string now = now_timestamp();
  auto ins = SAWT_TRY(db_.prepare(
      "INSERT INTO persons(public_id, name_ar, name_lat, display_name, gender, birth_date, birth_place, "
      "nationality, id_number, status, facility_code, confidential, notes, created_at, updated_at) "
      "VALUES ('pending-' || hex(randomblob(8)),?,?,?,?,?,?,?,?,?,?,?,?,?,?)"));
  ins.bind(1, dump(p.name_ar)).bind(2, dump(p.name_lat)).bind(3, display_name(p)).bind(4, p.gender);
  ins.bind(5, p.birth_date.to_string()).bind(6, p.birth_place).bind(7, p.nationality).bind(8, p.id_number);
  ins.bind(9, p.status).bind(10, p.facility_code).bind(11, p.confidential ? 1 : 0).bind(12, p.notes);
  ins.bind(13, now).bind(14, now);
  SAWT_CHECK(ins.run());
  p.id = db_.last_insert_id();
  p.public_id = fmt::format("P-{:06}", p.id);
  auto upd = SAWT_TRY(db_.prepare("UPDATE persons SET public_id = ? WHERE id = ?"));
  SAWT_CHECK(upd.bind(1, p.public_id).bind(2, p.id).run());
  for (const auto& f : p.facts) SAWT_CHECK(add_fact(p.id, f));
  if (index) SAWT_CHECK(index_person(p.id, /*replace=*/false));
  SAWT_CHECK(audit("create", "person", p.public_id, "", dump(p)));
  SAWT_CHECK(sp.release());
  return p;
}

Status Repository::update_person(const Person& p) {
  auto before = SAWT_TRY(get_person(p.id));
  if (p.name_ar.empty() && p.name_lat.empty()) {
    return fail(ErrorKind::kBadInput, "a person needs a name in Arabic or Latin script", "name");
  }
  SAWT_CHECK(check_person(p));
  auto sp = SAWT_TRY(Savepoint::begin(db_));
  auto upd = SAWT_TRY(db_.prepare(
      "UPDATE persons SET name_ar=?, name_lat=?, display_name=?, gender=?, birth_date=?, birth_place=?, "
      "nationality=?, id_number=?, status=?, facility_code=?, confidential=?, notes=?, updated_at=? WHERE "
      "id=?"));
  upd.bind(1, dump(p.name_ar)).bind(2, dump(p.name_lat)).bind(3, display_name(p)).bind(4, p.gender);
  upd.bind(5, p.birth_date.to_string()).bind(6, p.birth_place).bind(7, p.nationality).bind(8, p.id_number);
  upd.bind(9, p.status).bind(10, p.facility_code).bind(11, p.confidential ? 1 : 0).bind(12, p.notes);
  upd.bind(13, now_timestamp()).bind(14, p.id);
  SAWT_CHECK(upd.run());
  SAWT_CHECK(index_person(p.id));
  auto after = SAWT_TRY(get_person(p.id));
  SAWT_CHECK(audit("update", "person", before.public_id, dump(before), dump(after)));
  return sp.release();
}

Result<Person> Repository::get_person(Id id) {
  auto q = SAWT_TRY(db_.prepare(fmt::format("SELECT {} FROM persons WHERE id = ?", kPersonColumns)));
  q.bind(1, id);
  if (!SAWT_TRY(q.step())) {
    return fail(ErrorKind::kNotFound, fmt::format("no person with id {}", id), "",
                "list persons with 'sawt person list'");
  }
  auto p = SAWT_TRY(read_person(q));
  auto facts =
      SAWT_TRY(db_.prepare("SELECT f.id, f.field, f.value, group_concat(s.source_id) FROM facts f LEFT JOIN "
                           "fact_sources s ON s.fact_id = f.id "
                           "WHERE f.person_id = ? GROUP BY f.id ORDER BY f.id"));
  facts.bind(1, id);
  while (SAWT_TRY(facts.step())) {
    Fact f{facts.text(1), facts.text(2), {}};
    for (const auto& part : split(facts.text(3), ',')) {
      Id sid = 0;
      std::from_chars(part.data(), part.data() + part.size(), sid);
      if (sid != 0) f.source_ids.push_back(sid);
    }
    p.facts.push_back(std::move(f));
  }
  return p;
}

Result<Person> Repository::find_person(std::string_view ref) {
  // A merged person's old id leads to the person it was merged into.
  return get_person(SAWT_TRY(current_person(SAWT_TRY(find_person_id(ref)))));
}

Result<Id> Repository::find_person_id(std::string_view ref) {
  auto q = SAWT_TRY(db_.prepare("SELECT id FROM persons WHERE public_id = ?"));
  q.bind(1, ref);
  if (SAWT_TRY(q.step())) return q.int64(0);
  std::string_view digits = ref;
  if (digits.starts_with("P-") || digits.starts_with("p-")) digits.remove_prefix(2);
  Id id = 0;
  const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), id);
  if (ec == std::errc() && ptr == digits.data() + digits.size() && id > 0 && SAWT_TRY(person_exists(id))) return id;
  return fail(ErrorKind::kNotFound, fmt::format("no person '{}'", ref), "",
              "use a person id such as P-000042 (see 'sawt person list' or 'sawt search')");
}

namespace {

// The WHERE condition for a person filter; binds ?1..?4.
std::string person_filter_sql(const PersonFilter& filter) {
  return fmt::format(
      "p.merged_into IS NULL AND (?1 = '' OR p.status = ?1) AND (?2 = '' OR p.facility_code = ?2) "
      "AND (?3 = '' OR EXISTS (SELECT 1 FROM person_risk r WHERE r.person_id = p.id AND r.level = ?3)) "
      "AND (?4 = '' OR EXISTS (SELECT 1 FROM person_records pr JOIN source_records sr ON sr.id = "
      "pr.record_id "
      "JOIN sources s ON s.id = sr.source_id WHERE pr.person_id = p.id AND s.name = ?4)) AND {}",
      filter.visible_to == nullptr ? std::string("1") : Repository::visibility_sql(*filter.visible_to));
}

}  // namespace

Result<std::vector<Person>> Repository::list_persons(const PersonFilter& filter) {
  auto q =
      SAWT_TRY(db_.prepare(fmt::format("SELECT {} FROM persons p WHERE {} ORDER BY p.id LIMIT ?5 OFFSET ?6",
                                       kPersonColumns, person_filter_sql(filter))));
  q.bind(1, filter.status)
      .bind(2, filter.facility_code)
      .bind(3, filter.risk_level)
      .bind(4, filter.source_name);
  q.bind(5, filter.limit).bind(6, filter.offset);
  std::vector<Person> out;
  while (SAWT_TRY(q.step())) out.push_back(SAWT_TRY(read_person(q)));
  return out;
}

Result<std::vector<Repository::PersonRow>> Repository::person_rows(const std::vector<Id>& ids) {
  std::vector<PersonRow> out;
  if (ids.empty()) return out;
  auto q = SAWT_TRY(db_.prepare(
      "SELECT p.id, p.public_id, p.name_ar, p.name_lat, p.gender, p.birth_date, p.birth_place, p.nationality, "
      "p.id_number, p.status, p.facility_code, p.confidential, p.notes, "
      "(SELECT r.level FROM person_risk r WHERE r.person_id = p.id) FROM json_each(?1) j "
      "CROSS JOIN persons p ON p.id = j.value ORDER BY j.key"));
  q.bind(1, json(ids).dump());
  while (SAWT_TRY(q.step())) out.push_back({SAWT_TRY(read_person(q)), q.text(13)});
  return out;
}

Result<std::int64_t> Repository::count_persons() {
  return db_.query_int("SELECT COUNT(*) FROM persons WHERE merged_into IS NULL");
}

Result<std::int64_t> Repository::count_persons(const PersonFilter& filter) {
  auto q = SAWT_TRY(db_.prepare(fmt::format("SELECT COUNT(*) FROM persons p WHERE {}", person_filter_sql(filter))));
  q.bind(1, filter.status).bind(2, filter.facility_code).bind(3, filter.risk_level).bind(4, filter.source_name);
  SAWT_CHECK(q.step());
  return q.int64(0);
}

Result<bool> Repository::person_exists(Id person_id) {
  auto q = SAWT_TRY(db_.prepare("SELECT 1 FROM persons WHERE id = ?"));
  q.bind(1, person_id);
  return q.step();
}

Status Repository::link_record(Id person_id, Id record_id, std::string_view method) {
  if (!SAWT_TRY(person_exists(person_id)))
    return fail(ErrorKind::kNotFound, fmt::format("no person with id {}", person_id));
  auto record = SAWT_TRY(get_source_record(record_id));
  auto sp = SAWT_TRY(Savepoint::begin(db_));
  auto prev = SAWT_TRY(db_.prepare("SELECT person_id FROM person_records WHERE record_id = ?"));
  prev.bind(1, record_id);
  std::string before;
  Id previous_person = 0;
  if (SAWT_TRY(prev.step())) {
    previous_person = prev.int64(0);
    before = json{{"record_id", record_id}, {"person_id", previous_person}}.dump();
  }
  auto ins = SAWT_TRY(db_.prepare(
      "INSERT INTO person_records(record_id, person_id, method, linked_by, linked_at) VALUES (?,?,?,?,?) "
      "ON CONFLICT(record_id) DO UPDATE SET person_id=excluded.person_id, method=excluded.method, "
      "linked_by=excluded.linked_by, linked_at=excluded.linked_at"));
  ins.bind(1, record_id).bind(2, person_id).bind(3, method).bind(4, actor_).bind(5, now_timestamp());
  SAWT_CHECK(ins.run());
  // The record is now found through its person, not on its own.
  auto del = SAWT_TRY(db_.prepare("DELETE FROM search_index WHERE rowid = ?"));
  SAWT_CHECK(del.bind(1, record_index_rowid(record.id)).run());
  SAWT_CHECK(index_person(person_id));
  if (previous_person != 0 && previous_person != person_id) SAWT_CHECK(index_person(previous_person));
  SAWT_CHECK(audit("link", "person_record", std::to_string(record_id), before,
                   json{{"record_id", record_id}, {"person_id", person_id}, {"method", method}}.dump()));
  return sp.release();
}

Result<std::vector<SourceRecord>> Repository::person_records(Id person_id) {
  auto q =
      SAWT_TRY(db_.prepare(fmt::format("SELECT {} FROM source_records WHERE id IN (SELECT record_id FROM "
                                       "person_records WHERE person_id = ?) ORDER BY id",
                                       kRecordColumns)));
  q.bind(1, person_id);
  std::vector<SourceRecord> out;
  while (SAWT_TRY(q.step())) out.push_back(SAWT_TRY(read_record(q)));
  return out;
}

Status Repository::add_fact(Id person_id, const Fact& fact) {
  auto sp = SAWT_TRY(Savepoint::begin(db_));
  auto ins = SAWT_TRY(db_.prepare("INSERT INTO facts(person_id, field, value, created_at) VALUES (?,?,?,?)"));
  SAWT_CHECK(ins.bind(1, person_id).bind(2, fact.field).bind(3, fact.value).bind(4, now_timestamp()).run());
  const Id fact_id = db_.last_insert_id();
  auto src = SAWT_TRY(db_.prepare("INSERT OR IGNORE INTO fact_sources(fact_id, source_id) VALUES (?,?)"));
  for (Id sid : fact.source_ids) SAWT_CHECK(src.bind(1, fact_id).bind(2, sid).run());
  json after = fact;
  after["person_id"] = person_id;
  SAWT_CHECK(audit("create", "fact", std::to_string(fact_id), "", after.dump()));
  return sp.release();
}

Status Repository::index_person(Id person_id, bool replace) {
  auto person = SAWT_TRY(get_person(person_id));
  auto records = SAWT_TRY(person_records(person_id));
  std::vector<const NameParts*> names = {&person.name_ar, &person.name_lat};
  std::string notes = person.notes;
  for (const auto& r : records) {
    names.push_back(&r.name);
    if (!r.notes.empty()) notes += "\n" + r.notes;
  }
  if (replace) {  // a person just created has no entry yet
    auto del = SAWT_TRY(db_.prepare("DELETE FROM search_index WHERE rowid = ?"));
    SAWT_CHECK(del.bind(1, person_index_rowid(person_id)).run());
  }
  auto ins = SAWT_TRY(db_.prepare(
      "INSERT INTO search_index(kind, ref, names, notes, variants, rowid) VALUES ('p', ?, ?, ?, ?, ?)"));
  ins.bind(5, person_index_rowid(person_id));
  const IndexedNames indexed = index_names(names);
  return ins.bind(1, person_id)
      .bind(2, indexed.terms)
      .bind(3, index_text(notes))
      .bind(4, indexed.variants)
      .run();
}

Status Repository::index_record(const SourceRecord& record) {
  auto ins = SAWT_TRY(db_.prepare(
      "INSERT INTO search_index(kind, ref, names, notes, variants, rowid) VALUES ('r', ?, ?, ?, ?, ?)"));
  ins.bind(5, record_index_rowid(record.id));
  const IndexedNames indexed = index_names({&record.name});
  return ins.bind(1, record.id)
      .bind(2, indexed.terms)
      .bind(3, index_text(record.notes))
      .bind(4, indexed.variants)
      .run();
}

// ---------------------------------------------------------------- facilities

Status Repository::upsert_facility(const Facility& f) {
  if (f.code.empty()) return fail(ErrorKind::kBadInput, "a facility needs a code", "code");
  if (f.name_ar.empty() || f.name_en.empty()) {
    return fail(ErrorKind::kBadInput, "a facility needs a name in Arabic and in English", f.code);
  }
  SAWT_CHECK(check_code("facility_types", f.type, "type"));
  SAWT_CHECK(check_code("authorities", f.authority, "authority"));
  auto sp = SAWT_TRY(Savepoint::begin(db_));
  std::string before;
  if (auto old = get_facility(f.code)) before = dump(*old);
  auto ins =
      SAWT_TRY(db_.prepare("INSERT INTO facilities(code, name_ar, name_en, type, authority, country, city, "
                           "capacity) VALUES (?,?,?,?,?,?,?,?) "
                           "ON CONFLICT(code) DO UPDATE SET name_ar=excluded.name_ar, "
                           "name_en=excluded.name_en, type=excluded.type, "
                           "authority=excluded.authority, country=excluded.country, city=excluded.city, "
                           "capacity=excluded.capacity"));
  ins.bind(1, f.code).bind(2, f.name_ar).bind(3, f.name_en).bind(4, f.type).bind(5, f.authority);
  ins.bind(6, f.country).bind(7, f.city).bind(8, f.capacity);
  SAWT_CHECK(ins.run());
  const std::string after = dump(f);
  if (before != after)
    SAWT_CHECK(audit(before.empty() ? "create" : "update", "facility", f.code, before, after));
  return sp.release();
}

Result<std::vector<Facility>> Repository::list_facilities() {
  auto q =
      SAWT_TRY(db_.prepare("SELECT id, code, name_ar, name_en, type, authority, country, city, capacity FROM "
                           "facilities ORDER BY code"));
  std::vector<Facility> out;
  while (SAWT_TRY(q.step())) {
    out.push_back(Facility{q.int64(0), q.text(1), q.text(2), q.text(3), q.text(4), q.text(5), q.text(6),
                           q.text(7), static_cast<int>(q.int64(8))});
  }
  return out;
}

Result<Facility> Repository::get_facility(std::string_view code) {
  auto q =
      SAWT_TRY(db_.prepare("SELECT id, code, name_ar, name_en, type, authority, country, city, capacity FROM "
                           "facilities WHERE code = ?"));
  q.bind(1, code);
  if (!SAWT_TRY(q.step())) {
    return fail(ErrorKind::kNotFound, fmt::format("no facility '{}'", code), "", "see 'sawt facility list'");
  }
  return Facility{q.int64(0), q.text(1), q.text(2),
                  q.text(3),  q.text(4), q.text(5),
                  q.text(6),  q.text(7), static_cast<int>(q.int64(8))};
}

// ---------------------------------------------------------------- detention and cases

Result<Id> Repository::add_arrest(Arrest a) {
  if (!SAWT_TRY(person_exists(a.person_id)))
    return fail(ErrorKind::kNotFound, fmt::format("no person with id {}", a.person_id));
  SAWT_CHECK(check_code("authorities", a.authority, "authority"));
  auto sp = SAWT_TRY(Savepoint::begin(db_));
  auto ins = SAWT_TRY(
      db_.prepare("INSERT INTO arrests(person_id, date, place, authority, notes) VALUES (?,?,?,?,?)"));
  ins.bind(1, a.person_id).bind(2, a.date.to_string()).bind(3, a.place).bind(4, a.authority).bind(5, a.notes);
  SAWT_CHECK(ins.run());
  a.id = db_.last_insert_id();
  json after = a;
  after["person_id"] = a.person_id;
  SAWT_CHECK(audit("create", "arrest", std::to_string(a.id), "", after.dump()));
  SAWT_CHECK(sp.release());
  return a.id;
}

Result<std::vector<Arrest>> Repository::arrests(Id person_id) {
  auto q = SAWT_TRY(db_.prepare(
      "SELECT id, date, place, authority, notes FROM arrests WHERE person_id = ? ORDER BY date, id"));
  q.bind(1, person_id);
  std::vector<Arrest> out;
  while (SAWT_TRY(q.step())) {
    out.push_back(Arrest{q.int64(0), person_id, SAWT_TRY(date_column(q, 1, "arrest date")), q.text(2),
                         q.text(3), q.text(4)});
  }
  return out;
}

Result<Id> Repository::add_custody(Custody c) {
  if (!SAWT_TRY(person_exists(c.person_id)))
    return fail(ErrorKind::kNotFound, fmt::format("no person with id {}", c.person_id));
  SAWT_CHECK(check_facility(c.facility_code, "facility"));
  if (c.facility_code.empty())
    return fail(ErrorKind::kBadInput, "a custody period needs a facility", "facility");
  auto sp = SAWT_TRY(Savepoint::begin(db_));
  auto ins = SAWT_TRY(
      db_.prepare("INSERT INTO custody(person_id, facility_code, from_date, to_date) VALUES (?,?,?,?)"));
  ins.bind(1, c.person_id).bind(2, c.facility_code).bind(3, c.from.to_string()).bind(4, c.to.to_string());
  SAWT_CHECK(ins.run());
  c.id = db_.last_insert_id();
  json after = c;
  after["person_id"] = c.person_id;
  SAWT_CHECK(audit("create", "custody", std::to_string(c.id), "", after.dump()));
  SAWT_CHECK(sp.release());
  return c.id;
}

Result<std::vector<Custody>> Repository::custody(Id person_id) {
  auto q =
      SAWT_TRY(db_.prepare("SELECT id, facility_code, from_date, to_date FROM custody WHERE person_id = ? "
                           "ORDER BY from_date, id"));
  q.bind(1, person_id);
  std::vector<Custody> out;
  while (SAWT_TRY(q.step())) {
    out.push_back(Custody{q.int64(0), person_id, q.text(1), SAWT_TRY(date_column(q, 2, "custody start")),
                          SAWT_TRY(date_column(q, 3, "custody end"))});
  }
  return out;
}

Result<Id> Repository::add_case(CaseFile c) {
  if (!SAWT_TRY(person_exists(c.person_id)))
    return fail(ErrorKind::kNotFound, fmt::format("no person with id {}", c.person_id));
  if (c.sentence_months < -2) {
    return fail(ErrorKind::kBadInput, "sentence length is negative", "sentence_months",
                "give months (0 = none yet), -1 for life or -2 for death");
  }
  SAWT_CHECK(check_code("courts", c.court, "court"));
  for (const auto& ch : c.charges) SAWT_CHECK(check_code("charges", ch, "charge"));
  for (const auto& a : c.allegations) SAWT_CHECK(check_code("allegations", a, "allegation"));
  for (const auto& st : c.statuses) SAWT_CHECK(check_code("case_statuses", st.status, "status"));
  for (const auto& h : c.hearings) SAWT_CHECK(check_code("hearing_outcomes", h.outcome, "hearing outcome"));
  auto sp = SAWT_TRY(Savepoint::begin(db_));
  auto ins =
      SAWT_TRY(db_.prepare("INSERT INTO cases(person_id, court, case_number, sentence_months, "
                           "sentence_start, lawyer, notes) VALUES (?,?,?,?,?,?,?)"));
  ins.bind(1, c.person_id).bind(2, c.court).bind(3, c.case_number).bind(4, c.sentence_months);
  ins.bind(5, c.sentence_start.to_string()).bind(6, c.lawyer).bind(7, c.notes);
  SAWT_CHECK(ins.run());
  c.id = db_.last_insert_id();
  auto charge = SAWT_TRY(db_.prepare("INSERT OR IGNORE INTO case_charges(case_id, charge) VALUES (?,?)"));
  for (const auto& ch : c.charges) SAWT_CHECK(charge.bind(1, c.id).bind(2, ch).run());
  auto alleg = SAWT_TRY(db_.prepare("INSERT OR IGNORE INTO allegations(case_id, code) VALUES (?,?)"));
  for (const auto& a : c.allegations) SAWT_CHECK(alleg.bind(1, c.id).bind(2, a).run());
  auto status = SAWT_TRY(db_.prepare("INSERT INTO case_statuses(case_id, status, date) VALUES (?,?,?)"));
  for (const auto& s : c.statuses)
    SAWT_CHECK(status.bind(1, c.id).bind(2, s.status).bind(3, s.date.to_string()).run());
  auto hearing =
      SAWT_TRY(db_.prepare("INSERT INTO hearings(case_id, date, outcome, notes) VALUES (?,?,?,?)"));
  for (const auto& h : c.hearings) {
    SAWT_CHECK(hearing.bind(1, c.id).bind(2, h.date.to_string()).bind(3, h.outcome).bind(4, h.notes).run());
  }
  SAWT_CHECK(audit("create", "case", std::to_string(c.id), "", dump(c)));
  SAWT_CHECK(sp.release());
  return c.id;
}

Result<Id> Repository::add_hearing(Id case_id, const Hearing& h) {
  SAWT_CHECK(check_code("hearing_outcomes", h.outcome, "outcome"));
  auto sp = SAWT_TRY(Savepoint::begin(db_));
  auto ins = SAWT_TRY(db_.prepare("INSERT INTO hearings(case_id, date, outcome, notes) VALUES (?,?,?,?)"));
  auto st = ins.bind(1, case_id).bind(2, h.date.to_string()).bind(3, h.outcome).bind(4, h.notes).run();
  if (!st) {
    if (st.error().kind == ErrorKind::kConflict)
      return fail(ErrorKind::kNotFound, fmt::format("no case {}", case_id));
    return std::unexpected(st.error());
  }
  const Id id = db_.last_insert_id();
  json after = h;
  after["case_id"] = case_id;
  SAWT_CHECK(audit("create", "hearing", std::to_string(id), "", after.dump()));
  SAWT_CHECK(sp.release());
  return id;
}

Result<Id> Repository::add_case_status(Id case_id, const StatusChange& s) {
  SAWT_CHECK(check_code("case_statuses", s.status, "status"));
  auto sp = SAWT_TRY(Savepoint::begin(db_));
  auto ins = SAWT_TRY(db_.prepare("INSERT INTO case_statuses(case_id, status, date) VALUES (?,?,?)"));
  auto st = ins.bind(1, case_id).bind(2, s.status).bind(3, s.date.to_string()).run();
  if (!st) {
    if (st.error().kind == ErrorKind::kConflict)
      return fail(ErrorKind::kNotFound, fmt::format("no case {}", case_id));
    return std::unexpected(st.error());
  }
  const Id id = db_.last_insert_id();
  json after = s;
  after["case_id"] = case_id;
  SAWT_CHECK(audit("create", "case_status", std::to_string(id), "", after.dump()));
  SAWT_CHECK(sp.release());
  return id;
}

Result<std::vector<CaseFile>> Repository::cases(Id person_id) {
  auto q =
      SAWT_TRY(db_.prepare("SELECT id, court, case_number, sentence_months, sentence_start, lawyer, notes "
                           "FROM cases WHERE person_id = ? ORDER BY id"));
  q.bind(1, person_id);
  std::vector<CaseFile> out;
  while (SAWT_TRY(q.step())) {
    CaseFile c;
    c.id = q.int64(0);
    c.person_id = person_id;
    c.court = q.text(1);
    c.case_number = q.text(2);
    c.sentence_months = static_cast<int>(q.int64(3));
    c.sentence_start = SAWT_TRY(date_column(q, 4, "sentence start"));
    c.lawyer = q.text(5);
    c.notes = q.text(6);
    out.push_back(std::move(c));
  }
  auto charges = SAWT_TRY(db_.prepare("SELECT charge FROM case_charges WHERE case_id = ? ORDER BY charge"));
  auto alleg = SAWT_TRY(db_.prepare("SELECT code FROM allegations WHERE case_id = ? ORDER BY code"));
  auto statuses =
      SAWT_TRY(db_.prepare("SELECT status, date FROM case_statuses WHERE case_id = ? ORDER BY date, id"));
  auto hearings = SAWT_TRY(
      db_.prepare("SELECT id, date, outcome, notes FROM hearings WHERE case_id = ? ORDER BY date, id"));
  for (auto& c : out) {
    charges.bind(1, c.id);
    while (SAWT_TRY(charges.step())) c.charges.push_back(charges.text(0));
    charges.reset();
    alleg.bind(1, c.id);
    while (SAWT_TRY(alleg.step())) c.allegations.push_back(alleg.text(0));
    alleg.reset();
    statuses.bind(1, c.id);
    while (SAWT_TRY(statuses.step()))
      c.statuses.push_back({statuses.text(0), SAWT_TRY(date_column(statuses, 1, "status date"))});
    statuses.reset();
    hearings.bind(1, c.id);
    while (SAWT_TRY(hearings.step())) {
      c.hearings.push_back({hearings.int64(0), SAWT_TRY(date_column(hearings, 1, "hearing date")),
                            hearings.text(2), hearings.text(3)});
    }
    hearings.reset();
  }
  return out;
}

Result<Id> Repository::add_event(Event e) {
  if (e.type.empty()) return fail(ErrorKind::kBadInput, "an event needs a type", "type");
  SAWT_CHECK(check_code("event_types", e.type, "type"));
  SAWT_CHECK(check_facility(e.facility_code, "facility"));
  if (e.person_id != 0 && !SAWT_TRY(person_exists(e.person_id))) {
    return fail(ErrorKind::kNotFound, fmt::format("no person with id {}", e.person_id));
  }
  auto sp = SAWT_TRY(Savepoint::begin(db_));
  auto ins =
      SAWT_TRY(db_.prepare("INSERT INTO events(person_id, facility_code, type, date, description, source_id) "
                           "VALUES (?,?,?,?,?,?)"));
  ins.bind_id_or_null(1, e.person_id).bind(2, e.facility_code).bind(3, e.type).bind(4, e.date.to_string());
  ins.bind(5, e.description).bind_id_or_null(6, e.source_id);
  SAWT_CHECK(ins.run());
  e.id = db_.last_insert_id();
  SAWT_CHECK(audit("create", "event", std::to_string(e.id), "", dump(e)));
  SAWT_CHECK(sp.release());
  return e.id;
}

Result<std::vector<Event>> Repository::events(Id person_id) {
  auto q =
      SAWT_TRY(db_.prepare("SELECT id, facility_code, type, date, description, source_id FROM events WHERE "
                           "person_id = ? ORDER BY date, id"));
  q.bind(1, person_id);
  std::vector<Event> out;
  while (SAWT_TRY(q.step())) {
    out.push_back(Event{q.int64(0), person_id, q.text(1), q.text(2),
                        SAWT_TRY(date_column(q, 3, "event date")), q.text(4), q.is_null(5) ? 0 : q.int64(5)});
  }
  return out;
}

Result<Id> Repository::add_consent(ConsentRecord c) {
  if (!SAWT_TRY(person_exists(c.person_id)))
    return fail(ErrorKind::kNotFound, fmt::format("no person with id {}", c.person_id));
  if (c.scope.empty()) return fail(ErrorKind::kBadInput, "a consent record needs a scope", "scope");
  SAWT_CHECK(check_code("consent_scopes", c.scope, "scope"));
  if (c.scope == "share_partner" && c.partner.empty()) {
    return fail(ErrorKind::kBadInput, "consent to share needs the partner's name", "partner");
  }
  if (c.recorded_by.empty()) c.recorded_by = actor_;
  auto sp = SAWT_TRY(Savepoint::begin(db_));
  auto ins =
      SAWT_TRY(db_.prepare("INSERT INTO consents(person_id, scope, partner, decision, given_by, witness, "
                           "recorded_by, date, notes, created_at) "
                           "VALUES (?,?,?,?,?,?,?,?,?,?)"));
  ins.bind(1, c.person_id).bind(2, c.scope).bind(3, c.partner).bind(4, static_cast<int>(c.decision));
  ins.bind(5, c.given_by)
      .bind(6, c.witness)
      .bind(7, c.recorded_by)
      .bind(8, c.date.to_string())
      .bind(9, c.notes);
  ins.bind(10, now_timestamp());
  SAWT_CHECK(ins.run());
  c.id = db_.last_insert_id();
  SAWT_CHECK(audit("create", "consent", std::to_string(c.id), "", dump(c)));
  SAWT_CHECK(sp.release());
  return c.id;
}

Result<std::vector<ConsentRecord>> Repository::consents(Id person_id) {
  auto q = SAWT_TRY(db_.prepare(
      "SELECT id, scope, partner, decision, given_by, witness, recorded_by, date, notes FROM consents "
      "WHERE person_id = ? ORDER BY id"));
  q.bind(1, person_id);
  std::vector<ConsentRecord> out;
  while (SAWT_TRY(q.step())) {
    ConsentRecord c;
    c.id = q.int64(0);
    c.person_id = person_id;
    c.scope = q.text(1);
    c.partner = q.text(2);
    c.decision = static_cast<Consent>(q.int64(3));
    c.given_by = q.text(4);
    c.witness = q.text(5);
    c.recorded_by = q.text(6);
    c.date = SAWT_TRY(date_column(q, 7, "consent date"));
    c.notes = q.text(8);
    out.push_back(std::move(c));
  }
  return out;
}

// ---------------------------------------------------------------- flags, advocacy, alerts

Result<Id> Repository::add_flag(PersonFlag f) {
  if (!SAWT_TRY(person_exists(f.person_id)))
    return fail(ErrorKind::kNotFound, fmt::format("no person with id {}", f.person_id));
  if (f.code.empty()) return fail(ErrorKind::kBadInput, "a profile flag needs a code", "code");
  SAWT_CHECK(check_code("profile_flags", f.code, "code"));
  SAWT_CHECK(check_code("nationalities", f.destination, "destination"));
  auto sp = SAWT_TRY(Savepoint::begin(db_));
  auto ins =
      SAWT_TRY(db_.prepare("INSERT INTO person_flags(person_id, code, destination, note, created_by, "
                           "created_at) VALUES (?,?,?,?,?,?)"));
  ins.bind(1, f.person_id)
      .bind(2, f.code)
      .bind(3, f.destination)
      .bind(4, f.note)
      .bind(5, actor_)
      .bind(6, now_timestamp());
  SAWT_CHECK(ins.run());
  f.id = db_.last_insert_id();
  SAWT_CHECK(audit("create", "person_flag", std::to_string(f.id), "", dump(f)));
  SAWT_CHECK(sp.release());
  return f.id;
}

Result<std::vector<PersonFlag>> Repository::flags(Id person_id) {
  auto q = SAWT_TRY(
      db_.prepare("SELECT id, code, destination, note FROM person_flags WHERE person_id = ? ORDER BY id"));
  q.bind(1, person_id);
  std::vector<PersonFlag> out;
  while (SAWT_TRY(q.step())) out.push_back({q.int64(0), person_id, q.text(1), q.text(2), q.text(3)});
  return out;
}

Result<Id> Repository::add_advocacy(AdvocacyAction a) {
  if (!SAWT_TRY(person_exists(a.person_id)))
    return fail(ErrorKind::kNotFound, fmt::format("no person with id {}", a.person_id));
  if (a.action.empty()) return fail(ErrorKind::kBadInput, "an advocacy entry needs an action", "action");
  SAWT_CHECK(check_code("advocacy_actions", a.action, "action"));
  if (a.date.empty()) return fail(ErrorKind::kBadInput, "an advocacy entry needs a date", "date");
  a.created_by = actor_;
  auto sp = SAWT_TRY(Savepoint::begin(db_));
  auto ins =
      SAWT_TRY(db_.prepare("INSERT INTO advocacy(person_id, action, addressee, date, reference, response, "
                           "follow_up, act_until, notes, "
                           "created_by, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)"));
  ins.bind(1, a.person_id)
      .bind(2, a.action)
      .bind(3, a.addressee)
      .bind(4, a.date.to_string())
      .bind(5, a.reference);
  ins.bind(6, a.response).bind(7, a.follow_up.to_string()).bind(8, a.act_until.to_string()).bind(9, a.notes);
  ins.bind(10, actor_).bind(11, now_timestamp());
  SAWT_CHECK(ins.run());
  a.id = db_.last_insert_id();
  SAWT_CHECK(audit("create", "advocacy", std::to_string(a.id), "", dump(a)));
  SAWT_CHECK(sp.release());
  return a.id;
}

Result<std::vector<AdvocacyAction>> Repository::advocacy(Id person_id) {
  auto q =
      SAWT_TRY(db_.prepare("SELECT id, action, addressee, date, reference, response, follow_up, act_until, "
                           "notes, created_by FROM advocacy "
                           "WHERE person_id = ? ORDER BY date, id"));
  q.bind(1, person_id);
  std::vector<AdvocacyAction> out;
  while (SAWT_TRY(q.step())) {
    AdvocacyAction a;
    a.id = q.int64(0);
    a.person_id = person_id;
    a.action = q.text(1);
    a.addressee = q.text(2);
    a.date = SAWT_TRY(date_column(q, 3, "advocacy date"));
    a.reference = q.text(4);
    a.response = q.text(5);
    a.follow_up = SAWT_TRY(date_column(q, 6, "follow-up date"));
    a.act_until = SAWT_TRY(date_column(q, 7, "act-until date"));
    a.notes = q.text(8);
    a.created_by = q.text(9);
    out.push_back(std::move(a));
  }
  return out;
}

Status Repository::sync_alerts(Id person_id, const std::vector<Alert>& computed) {
  auto sp = SAWT_TRY(Savepoint::begin(db_));
  auto stale = SAWT_TRY(db_.prepare("UPDATE alerts SET current = 0 WHERE person_id = ?"));
  SAWT_CHECK(stale.bind(1, person_id).run());
  auto up = SAWT_TRY(db_.prepare(
      "INSERT INTO alerts(key, person_id, kind, due_earliest, due_latest, stage, explanation_en, "
      "explanation_ar, "
      "first_seen, updated_at, current) VALUES (?,?,?,?,?,?,?,?,?,?,1) "
      "ON CONFLICT(key) DO UPDATE SET kind=excluded.kind, due_earliest=excluded.due_earliest, "
      "due_latest=excluded.due_latest, stage=excluded.stage, explanation_en=excluded.explanation_en, "
      "explanation_ar=excluded.explanation_ar, updated_at=excluded.updated_at, current=1"));
  const std::string now = now_timestamp();
  for (const auto& a : computed) {
    up.bind(1, a.key)
        .bind(2, person_id)
        .bind(3, a.kind)
        .bind(4, a.due_earliest)
        .bind(5, a.due_latest)
        .bind(6, a.stage);
    up.bind(7, a.explanation_en).bind(8, a.explanation_ar).bind(9, now).bind(10, now);
    SAWT_CHECK(up.run());
  }
  // Computed state is derived data: not audited row by row (users' decisions are).
  return sp.release();
}

Status Repository::set_alert_state(std::string_view key, std::string_view state, std::string_view note) {
  if (state != "open" && state != "acknowledged" && state != "resolved") {
    return fail(ErrorKind::kBadInput, fmt::format("'{}' is not an alert state", state), "state",
                "use open, acknowledged or resolved");
  }
  auto q = SAWT_TRY(db_.prepare("SELECT state, state_note FROM alerts WHERE key = ?"));
  q.bind(1, key);
  if (!SAWT_TRY(q.step())) {
    return fail(ErrorKind::kNotFound, fmt::format("no alert '{}'", key), "",
                "list alerts with 'sawt alerts'");
  }
  const json before = {{"state", q.text(0)}, {"note", q.text(1)}};
  auto sp = SAWT_TRY(Savepoint::begin(db_));
  auto upd = SAWT_TRY(
      db_.prepare("UPDATE alerts SET state = ?, state_by = ?, state_at = ?, state_note = ? WHERE key = ?"));
  SAWT_CHECK(upd.bind(1, state).bind(2, actor_).bind(3, now_timestamp()).bind(4, note).bind(5, key).run());
  SAWT_CHECK(audit("update", "alert", key, before.dump(), json{{"state", state}, {"note", note}}.dump()));
  return sp.release();
}

Result<std::vector<Alert>> Repository::alerts(const AlertFilter& f) {
  const auto horizon = PartialDate::from_days(today() + std::chrono::days{f.due_within_days}).to_string();
  auto q =
      SAWT_TRY(db_.prepare("SELECT key, person_id, kind, due_earliest, due_latest, stage, explanation_en, "
                           "explanation_ar, state, state_by, "
                           "state_at, state_note FROM alerts WHERE current = 1 AND due_earliest <= ?1 AND "
                           "(?2 OR state != 'resolved') "
                           "AND person_id " +
                           std::string(f.person_id == 0 ? "!= ?3" : "= ?3") + " ORDER BY due_earliest, key"));
  q.bind(1, horizon).bind(2, f.include_resolved ? 1 : 0).bind(3, f.person_id);
  std::vector<Alert> out;
  while (SAWT_TRY(q.step())) {
    out.push_back({q.text(0), q.int64(1), q.text(2), q.text(3), q.text(4), q.text(5), q.text(6), q.text(7),
                   q.text(8), q.text(9), q.text(10), q.text(11)});
  }
  return out;
}

// ---------------------------------------------------------------- search

Result<SearchResults> Repository::search(std::string_view query, int limit, SearchOptions options) {
  if (limit < 1) {
    return fail(ErrorKind::kUsage, fmt::format("a search shows at least one hit, not {}", limit), "limit",
                "give --limit 1 or more");
  }
  const std::string match = match_expression(query);
  if (match.empty()) {
    return fail(ErrorKind::kUsage, "the search has no words to look for", "",
                "give a name or a word, e.g. sawt search محمد");
  }
  // Candidates share every query word's consonant skeleton. They are read in
  // the index's order (persons newest first, then unlinked records), at most
  // kSearchCandidates of them, and ranked here by how well the written names
  // match the query (Mahmoud is not Mohammed); weak ones are dropped unless
  // the words were found in the notes. FTS5's own ranking (bm25) was not
  // used: it reads every match's sizes, 0.15 s for a name as common as محمد
  // among 100,000 persons, and ranks by term counts, which says little about
  // names. Only the index is read while ranking (a person's or a record's row
  // is read for the hits kept): joining every candidate's rows made a search
  // for a common name read thousands of pages.
  auto q = SAWT_TRY(
      db_.prepare(fmt::format("SELECT rowid, variants, notes FROM search_index WHERE search_index "
                              "MATCH ?1 {} ORDER BY rowid DESC LIMIT ?2",
                              options.persons_only || options.persons != nullptr ? "AND rowid > 0" : "")));
  q.bind(1, match).bind(2, kSearchCandidates + 1);
  const auto parsed_query = names::parse_name(query);
  // The filter is checked for each hit that passes on its names (one indexed
  // lookup), unless it lets every person through (an admin, no filters).
  const PersonFilter* filter = options.persons;
  const bool check_filter =
      filter != nullptr && ((filter->visible_to != nullptr && visibility_sql(*filter->visible_to) != "1") ||
                            !filter->status.empty() || !filter->facility_code.empty() ||
                            !filter->risk_level.empty() || !filter->source_name.empty());
  std::optional<Stmt> passes;
  if (check_filter) {
    passes = SAWT_TRY(db_.prepare(
        fmt::format("SELECT 1 FROM persons p WHERE p.id = ?5 AND {}", person_filter_sql(*filter))));
  }
  SearchResults out;
  int candidates = 0;
  int perfect = 0;  // hits that found every query word as written (score 1)
  while (SAWT_TRY(q.step())) {
    if (++candidates > kSearchCandidates) {
      out.partial = true;
      break;
    }
    // LIMIT perfect hits are the answer: nothing later in the index can rank
    // above them, and among equal scores the index order stands. For a
    // common name this reads a few hundred entries instead of thousands.
    if (perfect >= limit) {
      out.partial = true;
      break;
    }
    ++out.ranked;
    const double name_score = query_match(parsed_query, q.text(1));
    const bool in_notes = name_score < kSearchThreshold && notes_match(match, q.text(2));
    if (name_score < kSearchThreshold && !in_notes) continue;
    const std::int64_t rowid = q.int64(0);
    if (filter != nullptr && rowid <= 0) continue;  // an unlinked record, not a person
    if (passes) {
      passes->reset();
      passes->bind(1, filter->status).bind(2, filter->facility_code).bind(3, filter->risk_level);
      passes->bind(4, filter->source_name).bind(5, rowid);
      if (!SAWT_TRY(passes->step())) continue;
    }
    SearchHit h;
    h.kind = rowid > 0 ? 'p' : 'r';
    h.id = rowid > 0 ? rowid : -rowid;  // person_index_rowid, record_index_rowid
    h.score = in_notes ? 0.5 : name_score;
    if (h.score >= 1.0) ++perfect;
    out.hits.push_back(std::move(h));
  }
  // Best first; among equals, in index order.
  std::stable_sort(out.hits.begin(), out.hits.end(),
                   [](const SearchHit& a, const SearchHit& b) { return a.score > b.score; });
  if (out.hits.size() > static_cast<size_t>(limit)) out.hits.resize(static_cast<size_t>(limit));
  if (options.ids_only) return out;

  auto person = SAWT_TRY(
      db_.prepare("SELECT public_id, display_name FROM persons WHERE id = ? AND merged_into IS NULL"));
  auto record = SAWT_TRY(db_.prepare(
      "SELECT r.record_id, CASE WHEN r.full_name != '' THEN r.full_name ELSE trim(r.first_name || ' ' || "
      "r.father_name || ' ' || r.grandfather_name || ' ' || r.family_name) END, s.name "
      "FROM source_records r JOIN sources s ON s.id = r.source_id WHERE r.id = ?"));
  std::vector<SearchHit> described;
  for (auto& h : out.hits) {
    auto& row = h.kind == 'p' ? person : record;
    row.reset();
    row.bind(1, h.id);
    if (!SAWT_TRY(row.step())) continue;  // a person merged into another is found as that one
    h.public_id = row.text(0);
    h.display = row.text(1);
    if (h.kind == 'r') h.source = row.text(2);
    described.push_back(std::move(h));
  }
  out.hits = std::move(described);
  return out;
}

Status Repository::optimize_search() {
  return db_.exec("INSERT INTO search_index(search_index) VALUES('optimize')");
}

Result<std::size_t> Repository::refresh_search_index() {
  const std::string engine = engine_fingerprint();
  {
    auto get = SAWT_TRY(db_.prepare("SELECT value FROM meta WHERE key = 'search_engine'"));
    if (SAWT_TRY(get.step()) && get.text(0) == engine) return std::size_t{0};
  }
  auto sp = SAWT_TRY(Savepoint::begin(db_));
  std::vector<std::pair<std::string, Id>> entries;
  {
    auto q = SAWT_TRY(db_.prepare("SELECT kind, ref FROM search_index"));
    while (SAWT_TRY(q.step())) entries.emplace_back(q.text(0), q.int64(1));
  }
  auto del = SAWT_TRY(db_.prepare("DELETE FROM search_index WHERE rowid = ?"));
  for (const auto& [kind, ref] : entries) {
    const bool person = kind == "p";
    // An entry whose person or record is gone is dropped, not an error: one
    // stale row must not keep the whole index on the old engine.
    const auto gone = [](const Status& st) { return !st && st.error().kind == ErrorKind::kNotFound; };
    if (person) {
      const Status st = index_person(ref);
      if (gone(st)) {
        SAWT_CHECK(del.bind(1, person_index_rowid(ref)).run());
        continue;
      }
      SAWT_CHECK(st);
    } else {
      SAWT_CHECK(del.bind(1, record_index_rowid(ref)).run());
      auto record = get_source_record(ref);
      if (!record && record.error().kind == ErrorKind::kNotFound) continue;
      SAWT_CHECK(index_record(SAWT_TRY(std::move(record))));
    }
  }
  auto put = SAWT_TRY(db_.prepare("INSERT OR REPLACE INTO meta(key, value) VALUES ('search_engine', ?)"));
  SAWT_CHECK(put.bind(1, engine).run());
  SAWT_CHECK(sp.release());
  return entries.size();
}

}  // namespace sawt::store
