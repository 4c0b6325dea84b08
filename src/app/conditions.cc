#include "app/conditions.h"

#include <fmt/format.h>

#include "domain/json.h"
#include "util/strings.h"

namespace sawt::app {

using nlohmann::json;

Result<Id> ensure_source(store::Repository& repo, std::string_view name, std::string_view kind,
                         int reliability) {
  if (name.empty()) {
    return fail(ErrorKind::kBadInput, "the source is missing", "source",
                "name who reported it (--source NAME): figures differ by source and date");
  }
  if (auto existing = SAWT_TRY(repo.find_source(name))) return existing->id;
  Source s;
  s.name = std::string(name);
  s.kind = kind.empty() ? "other" : std::string(kind);
  s.reliability = reliability;
  s.received = PartialDate::from_days(today());
  return SAWT_TRY(repo.add_source(s)).id;
}

Result<IndicatorRating> parse_indicator(std::string_view spec) {
  const auto eq = spec.find('=');
  if (eq == std::string_view::npos || eq == 0 || eq + 1 == spec.size()) {
    return fail(ErrorKind::kBadInput, fmt::format("'{}' is not INDICATOR=RATING", spec), "--rate",
                "e.g. --rate overcrowding=critical or --rate \"food=poor:two meals a day\"");
  }
  IndicatorRating r;
  r.indicator = trim(spec.substr(0, eq));
  auto rest = spec.substr(eq + 1);
  const auto colon = rest.find(':');
  r.rating = trim(rest.substr(0, colon));
  if (colon != std::string_view::npos) r.note = trim(rest.substr(colon + 1));
  return r;
}

Result<json> facility_conditions(store::Repository& repo, std::string_view code) {
  const auto f = SAWT_TRY(repo.get_facility(code));
  json out = f;
  out["figures"] = SAWT_TRY(repo.facility_figures(code));
  out["visits"] = SAWT_TRY(repo.visits(code));
  json incidents = json::array();
  for (const auto& i : SAWT_TRY(repo.incidents(code))) {
    json j = i;
    json persons = json::array();
    for (Id id : i.person_ids)
      persons.push_back({{"id", id}, {"public_id", SAWT_TRY(repo.get_person(id)).public_id}});
    j["persons"] = persons;
    j.erase("person_ids");
    incidents.push_back(std::move(j));
  }
  out["incidents"] = incidents;
  auto q = SAWT_TRY(repo.store().db().prepare(
      "SELECT COUNT(*) FROM persons WHERE facility_code = ? AND merged_into IS NULL"));
  q.bind(1, code);
  (void)SAWT_TRY(q.step());  // COUNT(*): always one row
  out["persons_held"] = q.int64(0);
  return out;
}

}  // namespace sawt::app
