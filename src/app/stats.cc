#include "app/stats.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <functional>

#include "domain/json.h"
#include "protection/case_view.h"

namespace sawt::app {

using nlohmann::json;
using std::chrono::sys_days;

namespace {

constexpr double kDaysPerYear = 365.2425;
constexpr double kDaysPerMonth = kDaysPerYear / 12;

// The middle day of what a partial date denotes.
sys_days midpoint(const PartialDate& d) { return d.earliest() + (d.latest() - d.earliest()) / 2; }

// When the person's detention began, if any date says so.
std::optional<sys_days> detention_start(const protection::CaseView& v) {
  std::optional<sys_days> start;
  auto consider = [&](const PartialDate& d) {
    if (d.empty()) return;
    const auto m = midpoint(d);
    if (!start || m < *start) start = m;
  };
  for (const auto& a : v.arrests) consider(a.date);
  for (const auto& c : v.custody) consider(c.from);
  return start;
}

// Rows from counts by code, labelled from VOCAB (or LABELS), largest first, "" as "unknown" last.
Breakdown breakdown(const std::map<std::string, std::int64_t>& counts, std::int64_t denominator,
                    const std::function<std::pair<std::string, std::string>(const std::string&)>& labels) {
  Breakdown b;
  b.denominator = denominator;
  std::optional<CountRow> unknown;
  for (const auto& [code, n] : counts) {
    if (code.empty() || code == "unknown") {
      if (!unknown) unknown = CountRow{"unknown", "غير معروف", "Unknown", 0};
      unknown->count += n;
      continue;
    }
    auto [ar, en] = labels(code);
    b.rows.push_back({code, ar, en, n});
  }
  std::stable_sort(b.rows.begin(), b.rows.end(),
                   [](const CountRow& a, const CountRow& c) { return a.count > c.count; });
  if (unknown) b.rows.push_back(*unknown);
  return b;
}

json share_json(const Share& s, const std::string& as_of) {
  return {{"numerator", s.numerator}, {"denominator", s.denominator}, {"share", s.ratio()}, {"as_of", as_of}};
}

json breakdown_json(const Breakdown& b, const std::string& as_of) {
  json rows = json::array();
  for (const auto& r : b.rows)
    rows.push_back({{"code", r.code}, {"ar", r.ar}, {"en", r.en}, {"count", r.count}});
  return {{"denominator", b.denominator}, {"as_of", as_of}, {"rows", rows}};
}

json durations_json(const Durations& d, const std::string& as_of) {
  json bins = json::array();
  // Whole-unit bins: months in steps of 6, years in steps of 1.
  const double step = d.unit == "months" ? 6 : 1;
  std::map<int, std::int64_t> counts;
  for (double v : d.values) ++counts[static_cast<int>(v / step)];
  for (const auto& [k, n] : counts)
    bins.push_back({{"from", k * step}, {"to", (k + 1) * step}, {"count", n}});
  return {{"unit", d.unit},
          {"known", d.values.size()},
          {"unknown", d.unknown},
          {"denominator", d.denominator},
          {"median", d.values.empty() ? json(nullptr) : json(d.median())},
          {"bins", bins},
          {"as_of", as_of}};
}

}  // namespace

double Durations::median() const {
  if (values.empty()) return 0;
  auto v = values;
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

std::optional<double> occupancy(const FacilityFigure& figure, const Facility& facility, std::string* basis) {
  if (!figure.population) return std::nullopt;
  int capacity = 0;
  if (figure.capacity) {
    capacity = *figure.capacity;
    if (basis != nullptr) *basis = "source";
  } else if (facility.capacity > 0) {
    capacity = facility.capacity;
    if (basis != nullptr) *basis = "official";
  }
  if (capacity <= 0) return std::nullopt;
  return static_cast<double>(*figure.population) / capacity;
}

Result<Stats> compute_stats(store::Repository& repo, const ProtectionRules& rules, sys_days as_of) {
  Stats s;
  s.as_of = PartialDate::from_days(as_of).to_string();
  s.agreement = rules.agreement.code;
  const Vocabularies& vocab = repo.store().vocab();
  std::map<std::string, Facility> facilities;
  for (auto& f : SAWT_TRY(repo.list_facilities())) facilities[f.code] = f;
  auto vocab_labels = [&](std::string_view list) {
    return [&vocab, list](const std::string& code) {
      const auto* v = vocab.get(list);
      return v != nullptr ? std::pair{v->label(code, "ar"), v->label(code, "en")} : std::pair{code, code};
    };
  };

  std::map<std::string, std::int64_t> status, nationality, facility, eligibility;
  auto ids =
      SAWT_TRY(repo.store().db().prepare("SELECT id FROM persons WHERE merged_into IS NULL ORDER BY id"));
  std::vector<Id> person_ids;
  while (SAWT_TRY(ids.step())) person_ids.push_back(ids.int64(0));
  for (Id id : person_ids) {
    const auto view = SAWT_TRY(load_case_view(repo, id));
    const Person& p = view.person;
    const auto screening = protection::screen_transfer(view, rules.agreement, as_of);
    ++s.persons;
    ++status[p.status];
    ++nationality[p.nationality];
    ++facility[p.facility_code];
    ++eligibility[std::string(protection::eligibility_name(screening.eligibility))];
    bool torture = false;
    bool forced = false;
    for (const auto& c : view.cases) {
      for (const auto& a : c.allegations) {
        torture |= a == "torture";
        forced |= a == "forced_statement" || a == "coerced_statement";
      }
    }
    s.torture.numerator += torture ? 1 : 0;
    s.forced_statement.numerator += forced ? 1 : 0;
    s.torture_or_forced.numerator += (torture || forced) ? 1 : 0;

    const bool pretrial = p.status == "pretrial";
    const bool held = pretrial || p.status == "sentenced";
    if (!held) continue;
    const auto start = detention_start(view);
    const bool known = start && *start <= as_of;
    const double days = known ? static_cast<double>((as_of - *start).count()) : 0;
    if (pretrial) {
      ++s.pretrial.denominator;
      if (known)
        s.pretrial.values.push_back(days / kDaysPerMonth);
      else
        ++s.pretrial.unknown;
    }
    ++s.years_detained.denominator;
    if (known)
      s.years_detained.values.push_back(days / kDaysPerYear);
    else
      ++s.years_detained.unknown;
  }
  s.pretrial.unit = "months";
  s.years_detained.unit = "years";
  s.torture.denominator = s.forced_statement.denominator = s.torture_or_forced.denominator = s.persons;
  s.by_status = breakdown(status, s.persons, vocab_labels("person_statuses"));
  s.by_nationality = breakdown(nationality, s.persons, vocab_labels("nationalities"));
  s.by_facility = breakdown(facility, s.persons, [&](const std::string& code) {
    auto it = facilities.find(code);
    return it == facilities.end() ? std::pair{code, code} : std::pair{it->second.name_ar, it->second.name_en};
  });
  s.transfer = breakdown(eligibility, s.persons, [](const std::string& code) {
    for (auto e : {protection::Eligibility::kEligible, protection::Eligibility::kNotYet,
                   protection::Eligibility::kIneligible, protection::Eligibility::kUndetermined}) {
      if (protection::eligibility_name(e) == code) {
        std::string en = code == "not_yet" ? "Not yet" : code;
        en[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(en[0])));
        return std::pair{std::string(protection::eligibility_ar(e)), en};
      }
    }
    return std::pair{code, code};
  });

  // Incidents and deaths, by year of the incident's date.
  std::map<std::pair<int, std::string>, std::int64_t> per_year;
  for (const auto& i : SAWT_TRY(repo.incidents())) {
    if (i.date.earliest() > as_of) continue;
    ++s.incidents;
    ++per_year[{i.date.year(), i.type}];
    if (i.deaths > 0) s.deaths_per_year[i.date.year()] += i.deaths;
  }
  for (const auto& [key, n] : per_year) s.incidents_per_year.push_back({key.first, key.second, n});
  for (const auto& v : SAWT_TRY(repo.visits())) s.visits += v.date.earliest() <= as_of ? 1 : 0;

  // Open health needs, per person.
  auto needs = SAWT_TRY(repo.store().db().prepare(
      "SELECT COUNT(DISTINCT h.person_id) FROM health_needs h JOIN persons p ON p.id = h.person_id "
      "WHERE h.met = 0 AND p.merged_into IS NULL"));
  (void)SAWT_TRY(needs.step());  // COUNT: always one row
  s.with_health_needs = {needs.int64(0), s.persons};

  // Figures over time, per facility.
  std::map<std::string, FacilityOccupancy> occ;
  for (auto& f : SAWT_TRY(repo.facility_figures())) {
    if (f.date.earliest() > as_of) continue;
    auto it = facilities.find(f.facility_code);
    if (it == facilities.end()) continue;
    auto& o = occ[f.facility_code];
    o.facility = it->second;
    o.figures.push_back(std::move(f));
  }
  for (auto& [code, o] : occ) {
    auto it = facility.find(code);
    o.persons_recorded = it == facility.end() ? 0 : it->second;
    s.occupancy.push_back(std::move(o));
  }
  return s;
}

json to_json(const Stats& s) {
  const auto& d = s.as_of;
  json incidents = json::array();
  for (const auto& y : s.incidents_per_year)
    incidents.push_back({{"year", y.year}, {"type", y.type}, {"count", y.count}});
  json deaths = json::array();
  for (const auto& [year, n] : s.deaths_per_year) deaths.push_back({{"year", year}, {"count", n}});
  json occupancy_j = json::array();
  for (const auto& o : s.occupancy) {
    json figures = json::array();
    for (const auto& f : o.figures) {
      json j = f;
      std::string basis;
      const auto r = occupancy(f, o.facility, &basis);
      j["occupancy"] = r ? json(*r) : json(nullptr);
      if (r) j["capacity_basis"] = basis;
      figures.push_back(std::move(j));
    }
    occupancy_j.push_back(
        {{"facility", o.facility.code},
         {"name_ar", o.facility.name_ar},
         {"name_en", o.facility.name_en},
         {"official_capacity", o.facility.capacity > 0 ? json(o.facility.capacity) : json(nullptr)},
         {"persons_recorded", o.persons_recorded},
         {"figures", figures}});
  }
  json transfer = breakdown_json(s.transfer, d);
  transfer["agreement"] = s.agreement;
  return {{"as_of", d},
          {"persons", {{"count", s.persons}, {"as_of", d}}},
          {"by_status", breakdown_json(s.by_status, d)},
          {"by_nationality", breakdown_json(s.by_nationality, d)},
          {"by_facility", breakdown_json(s.by_facility, d)},
          {"transfer", transfer},
          {"torture", share_json(s.torture, d)},
          {"forced_statement", share_json(s.forced_statement, d)},
          {"torture_or_forced_statement", share_json(s.torture_or_forced, d)},
          {"pretrial_months", durations_json(s.pretrial, d)},
          {"years_detained", durations_json(s.years_detained, d)},
          {"incidents", {{"count", s.incidents}, {"as_of", d}, {"per_year", incidents}}},
          {"deaths_per_year", {{"as_of", d}, {"rows", deaths}}},
          {"visits", {{"count", s.visits}, {"as_of", d}}},
          {"health_needs", share_json(s.with_health_needs, d)},
          {"occupancy", occupancy_j}};
}

}  // namespace sawt::app
