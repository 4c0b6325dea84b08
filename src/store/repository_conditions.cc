// Conditions monitoring in the repository: facility figures, visits with
// their indicator checklist, incidents and persons' health needs. Same rules
// as every repository write: validate, write in a SAVEPOINT, audit in the
// same transaction.
#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "store/repository.h"
#include "store/savepoint.h"
#include "util/clock.h"

namespace sawt::store {

using nlohmann::json;

namespace {

Result<PartialDate> stored_date(const Stmt& s, int col) {
  auto d = PartialDate::parse(s.text(col));
  if (!d) return fail(ErrorKind::kIntegrity, fmt::format("stored date '{}' is not a date", s.text(col)));
  return *d;
}

Status need_date(const PartialDate& date, std::string_view what) {
  if (!date.empty()) return {};
  return fail(ErrorKind::kBadInput, fmt::format("{} needs a date", what), "date",
              "give the date as YYYY, YYYY-MM or YYYY-MM-DD (with a leading ~ when approximate)");
}

// " WHERE facility_code = ?" when CODE is given.
std::string facility_filter(std::string_view code) { return code.empty() ? "" : " WHERE facility_code = ?1"; }

}  // namespace

Result<Id> Repository::add_facility_figure(FacilityFigure f) {
  if (f.facility_code.empty()) return fail(ErrorKind::kBadInput, "a figure needs a facility", "facility");
  SAWT_CHECK(check_facility(f.facility_code, "facility"));
  SAWT_CHECK(need_date(f.date, "a figure"));
  if (!f.population && !f.capacity) {
    return fail(ErrorKind::kBadInput, "a figure needs a population or a capacity", "population",
                "give --population N, --capacity N or both");
  }
  if (f.population && *f.population < 0) {
    return fail(ErrorKind::kBadInput, fmt::format("population {} is negative", *f.population), "population");
  }
  if (f.capacity && *f.capacity <= 0) {
    return fail(ErrorKind::kBadInput, fmt::format("capacity {} is not positive", *f.capacity), "capacity",
                "leave the capacity out when the source gives none");
  }
  auto src = SAWT_TRY(db_.prepare("SELECT name FROM sources WHERE id = ?"));
  src.bind(1, f.source_id);
  if (f.source_id == 0 || !SAWT_TRY(src.step())) {
    return fail(ErrorKind::kBadInput, "a figure needs its source", "source",
                "name the source that reported it: figures differ by source and date");
  }
  f.source_name = src.text(0);
  auto sp = SAWT_TRY(Savepoint::begin(db_));
  auto ins =
      SAWT_TRY(db_.prepare("INSERT INTO facility_figures(facility_code, date, population, capacity, "
                           "source_id, scope, notes, created_by, "
                           "created_at) VALUES (?,?,?,?,?,?,?,?,?)"));
  ins.bind(1, f.facility_code).bind(2, f.date.to_string());
  if (f.population)
    ins.bind(3, *f.population);
  else
    ins.bind_null(3);
  if (f.capacity)
    ins.bind(4, *f.capacity);
  else
    ins.bind_null(4);
  ins.bind(5, f.source_id).bind(6, f.scope).bind(7, f.notes).bind(8, actor_).bind(9, now_timestamp());
  SAWT_CHECK(ins.run());
  f.id = db_.last_insert_id();
  SAWT_CHECK(audit("create", "facility_figure", std::to_string(f.id), "", dump(f)));
  SAWT_CHECK(sp.release());
  return f.id;
}

Result<std::vector<FacilityFigure>> Repository::facility_figures(std::string_view facility_code) {
  auto q = SAWT_TRY(db_.prepare(
      "SELECT f.id, f.facility_code, f.date, f.population, f.capacity, f.source_id, s.name, f.scope, f.notes "
      "FROM facility_figures f JOIN sources s ON s.id = f.source_id" +
      std::string(facility_code.empty() ? "" : " WHERE f.facility_code = ?1") + " ORDER BY f.date, f.id"));
  if (!facility_code.empty()) q.bind(1, facility_code);
  std::vector<FacilityFigure> out;
  while (SAWT_TRY(q.step())) {
    FacilityFigure f;
    f.id = q.int64(0);
    f.facility_code = q.text(1);
    f.date = SAWT_TRY(stored_date(q, 2));
    if (!q.is_null(3)) f.population = static_cast<int>(q.int64(3));
    if (!q.is_null(4)) f.capacity = static_cast<int>(q.int64(4));
    f.source_id = q.int64(5);
    f.source_name = q.text(6);
    f.scope = q.text(7);
    f.notes = q.text(8);
    out.push_back(std::move(f));
  }
  return out;
}

Result<Id> Repository::add_visit(Visit v) {
  if (v.facility_code.empty()) return fail(ErrorKind::kBadInput, "a visit needs a facility", "facility");
  SAWT_CHECK(check_facility(v.facility_code, "facility"));
  SAWT_CHECK(need_date(v.date, "a visit"));
  std::vector<std::string> seen;
  for (const auto& r : v.indicators) {
    if (r.indicator.empty() || r.rating.empty()) {
      return fail(ErrorKind::kBadInput, "each indicator needs a code and a rating", "indicator",
                  "write INDICATOR=RATING, e.g. overcrowding=critical");
    }
    SAWT_CHECK(check_code("condition_indicators", r.indicator, "indicator"));
    SAWT_CHECK(check_code("condition_ratings", r.rating, fmt::format("rating of {}", r.indicator)));
    if (std::find(seen.begin(), seen.end(), r.indicator) != seen.end()) {
      return fail(ErrorKind::kBadInput, fmt::format("indicator '{}' is rated twice", r.indicator),
                  "indicator", "rate each indicator once per visit");
    }
    seen.push_back(r.indicator);
  }
  auto sp = SAWT_TRY(Savepoint::begin(db_));
  auto ins =
      SAWT_TRY(db_.prepare("INSERT INTO visits(facility_code, date, visitor, notes, created_by, created_at) "
                           "VALUES (?,?,?,?,?,?)"));
  ins.bind(1, v.facility_code).bind(2, v.date.to_string()).bind(3, v.visitor).bind(4, v.notes);
  ins.bind(5, actor_).bind(6, now_timestamp());
  SAWT_CHECK(ins.run());
  v.id = db_.last_insert_id();
  auto rate = SAWT_TRY(
      db_.prepare("INSERT INTO visit_indicators(visit_id, indicator, rating, note) VALUES (?,?,?,?)"));
  for (const auto& r : v.indicators) {
    rate.reset();
    SAWT_CHECK(rate.bind(1, v.id).bind(2, r.indicator).bind(3, r.rating).bind(4, r.note).run());
  }
  SAWT_CHECK(audit("create", "visit", std::to_string(v.id), "", dump(v)));
  SAWT_CHECK(sp.release());
  return v.id;
}

Result<std::vector<Visit>> Repository::visits(std::string_view facility_code) {
  auto q = SAWT_TRY(db_.prepare("SELECT id, facility_code, date, visitor, notes FROM visits" +
                                facility_filter(facility_code) + " ORDER BY date, id"));
  if (!facility_code.empty()) q.bind(1, facility_code);
  std::vector<Visit> out;
  while (SAWT_TRY(q.step())) {
    out.push_back(Visit{q.int64(0), q.text(1), SAWT_TRY(stored_date(q, 2)), q.text(3), {}, q.text(4)});
  }
  auto r = SAWT_TRY(
      db_.prepare("SELECT indicator, rating, note FROM visit_indicators WHERE visit_id = ? ORDER BY rowid"));
  for (auto& v : out) {
    r.reset();
    r.bind(1, v.id);
    while (SAWT_TRY(r.step())) v.indicators.push_back({r.text(0), r.text(1), r.text(2)});
  }
  return out;
}

Result<Id> Repository::add_incident(Incident i) {
  if (i.facility_code.empty()) return fail(ErrorKind::kBadInput, "an incident needs a facility", "facility");
  SAWT_CHECK(check_facility(i.facility_code, "facility"));
  if (i.type.empty()) {
    return fail(ErrorKind::kBadInput, "an incident needs a type", "type",
                "e.g. death_in_custody, disease_outbreak, hunger_strike, violence, denial_of_care");
  }
  SAWT_CHECK(check_code("incident_types", i.type, "type"));
  SAWT_CHECK(need_date(i.date, "an incident"));
  if (i.deaths < 0 || i.affected < 0) {
    return fail(ErrorKind::kBadInput, "deaths and affected are counts and cannot be negative", "deaths");
  }
  for (Id p : i.person_ids) {
    if (!SAWT_TRY(person_exists(p)))
      return fail(ErrorKind::kNotFound, fmt::format("no person with id {}", p), "person");
  }
  if (i.source_id != 0) {
    auto src = SAWT_TRY(db_.prepare("SELECT name FROM sources WHERE id = ?"));
    src.bind(1, i.source_id);
    if (!SAWT_TRY(src.step()))
      return fail(ErrorKind::kBadInput, fmt::format("no source with id {}", i.source_id), "source");
    i.source_name = src.text(0);
  }
  std::sort(i.person_ids.begin(), i.person_ids.end());
  i.person_ids.erase(std::unique(i.person_ids.begin(), i.person_ids.end()), i.person_ids.end());
  // A death in custody is at least one death, and one per person named.
  if (i.type == "death_in_custody") i.deaths = std::max({i.deaths, 1, static_cast<int>(i.person_ids.size())});
  auto sp = SAWT_TRY(Savepoint::begin(db_));
  auto ins =
      SAWT_TRY(db_.prepare("INSERT INTO incidents(facility_code, type, date, deaths, affected, description, "
                           "source_id, created_by, "
                           "created_at) VALUES (?,?,?,?,?,?,?,?,?)"));
  ins.bind(1, i.facility_code)
      .bind(2, i.type)
      .bind(3, i.date.to_string())
      .bind(4, i.deaths)
      .bind(5, i.affected);
  ins.bind(6, i.description).bind_id_or_null(7, i.source_id).bind(8, actor_).bind(9, now_timestamp());
  SAWT_CHECK(ins.run());
  i.id = db_.last_insert_id();
  auto link = SAWT_TRY(db_.prepare("INSERT INTO incident_persons(incident_id, person_id) VALUES (?,?)"));
  for (Id p : i.person_ids) {
    link.reset();
    SAWT_CHECK(link.bind(1, i.id).bind(2, p).run());
  }
  SAWT_CHECK(audit("create", "incident", std::to_string(i.id), "", dump(i)));
  SAWT_CHECK(sp.release());
  return i.id;
}

Result<std::vector<Incident>> Repository::incidents(std::string_view facility_code) {
  auto q = SAWT_TRY(db_.prepare(
      "SELECT i.id, i.facility_code, i.type, i.date, i.deaths, i.affected, i.description, i.source_id, "
      "COALESCE(s.name, '') FROM incidents i LEFT JOIN sources s ON s.id = i.source_id" +
      std::string(facility_code.empty() ? "" : " WHERE i.facility_code = ?1") + " ORDER BY i.date, i.id"));
  if (!facility_code.empty()) q.bind(1, facility_code);
  std::vector<Incident> out;
  while (SAWT_TRY(q.step())) {
    Incident i;
    i.id = q.int64(0);
    i.facility_code = q.text(1);
    i.type = q.text(2);
    i.date = SAWT_TRY(stored_date(q, 3));
    i.deaths = static_cast<int>(q.int64(4));
    i.affected = static_cast<int>(q.int64(5));
    i.description = q.text(6);
    i.source_id = q.is_null(7) ? 0 : q.int64(7);
    i.source_name = q.text(8);
    out.push_back(std::move(i));
  }
  auto persons = SAWT_TRY(
      db_.prepare("SELECT person_id FROM incident_persons WHERE incident_id = ? ORDER BY person_id"));
  for (auto& i : out) {
    persons.reset();
    persons.bind(1, i.id);
    while (SAWT_TRY(persons.step())) i.person_ids.push_back(persons.int64(0));
  }
  return out;
}

Result<Id> Repository::add_health_need(HealthNeed h) {
  if (!SAWT_TRY(person_exists(h.person_id))) {
    return fail(ErrorKind::kNotFound, fmt::format("no person with id {}", h.person_id));
  }
  if (h.need.empty()) {
    return fail(ErrorKind::kBadInput, "a health need needs a code", "need",
                "e.g. chronic_illness, medication, surgery, mental_health");
  }
  SAWT_CHECK(check_code("health_needs", h.need, "need"));
  SAWT_CHECK(check_code("health_severities", h.severity, "severity"));
  auto sp = SAWT_TRY(Savepoint::begin(db_));
  auto ins = SAWT_TRY(db_.prepare(
      "INSERT INTO health_needs(person_id, need, severity, date, met, note, created_by, created_at) "
      "VALUES (?,?,?,?,?,?,?,?)"));
  ins.bind(1, h.person_id)
      .bind(2, h.need)
      .bind(3, h.severity)
      .bind(4, h.date.to_string())
      .bind(5, h.met ? 1 : 0);
  ins.bind(6, h.note).bind(7, actor_).bind(8, now_timestamp());
  SAWT_CHECK(ins.run());
  h.id = db_.last_insert_id();
  SAWT_CHECK(audit("create", "health_need", std::to_string(h.id), "", dump(h)));
  SAWT_CHECK(sp.release());
  return h.id;
}

Status Repository::set_health_need_met(Id need_id, bool met) {
  auto q = SAWT_TRY(db_.prepare("SELECT met FROM health_needs WHERE id = ?"));
  q.bind(1, need_id);
  if (!SAWT_TRY(q.step()))
    return fail(ErrorKind::kNotFound, fmt::format("no health need with id {}", need_id));
  const bool before = q.int64(0) != 0;
  if (before == met) return {};
  auto sp = SAWT_TRY(Savepoint::begin(db_));
  auto up = SAWT_TRY(db_.prepare("UPDATE health_needs SET met = ? WHERE id = ?"));
  SAWT_CHECK(up.bind(1, met ? 1 : 0).bind(2, need_id).run());
  SAWT_CHECK(audit("update", "health_need", std::to_string(need_id), json{{"met", before}}.dump(),
                   json{{"met", met}}.dump()));
  return sp.release();
}

Result<std::vector<HealthNeed>> Repository::health_needs(Id person_id) {
  auto q = SAWT_TRY(db_.prepare(
      "SELECT id, need, severity, date, met, note FROM health_needs WHERE person_id = ? ORDER BY date, id"));
  q.bind(1, person_id);
  std::vector<HealthNeed> out;
  while (SAWT_TRY(q.step())) {
    out.push_back(HealthNeed{q.int64(0), person_id, q.text(1), q.text(2), SAWT_TRY(stored_date(q, 3)),
                             q.int64(4) != 0, q.text(5)});
  }
  return out;
}

}  // namespace sawt::store
