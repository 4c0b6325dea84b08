// Prison-conditions monitoring: what monitors record about places of
// detention over time. Population and capacity figures come from sources that
// disagree, so every figure keeps its source, date and scope and none
// replaces another. Visits rate a checklist of indicators (vocab
// "condition_indicators", ratings from "condition_ratings"), incidents (vocab
// "incident_types") are tied to a facility and optionally to persons, and a
// person's health needs (vocab "health_needs", "health_severities") are kept
// with the person.
//
// Plain value types; the store validates codes (store/repository.h).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "domain/model.h"

namespace sawt {

// One reported figure: a facility's population and/or capacity on a date,
// as one source gave it. scope says what was counted ("all prisoners",
// "Syrian nationals", "Block B only").
struct FacilityFigure {
  Id id = 0;
  std::string facility_code;
  PartialDate date;
  std::optional<int> population;
  std::optional<int> capacity;
  Id source_id = 0;
  std::string source_name;  // filled when read
  std::string scope;
  std::string notes;
};

// One indicator of a visit's checklist.
struct IndicatorRating {
  std::string indicator;  // vocab "condition_indicators"
  std::string rating;     // vocab "condition_ratings"
  std::string note;
};

struct Visit {
  Id id = 0;
  std::string facility_code;
  PartialDate date;
  std::string visitor;  // who visited (organisation or monitor)
  std::vector<IndicatorRating> indicators;
  std::string notes;
};

// An incident at a facility. deaths and affected are counts reported for the
// incident (0 when not known or none); person_ids are the registry's persons
// involved, when known.
struct Incident {
  Id id = 0;
  std::string facility_code;
  std::string type;  // vocab "incident_types"
  PartialDate date;
  int deaths = 0;
  int affected = 0;
  std::string description;
  Id source_id = 0;
  std::string source_name;  // filled when read
  std::vector<Id> person_ids;
};

struct HealthNeed {
  Id id = 0;
  Id person_id = 0;
  std::string need;      // vocab "health_needs"
  std::string severity;  // vocab "health_severities", or ""
  PartialDate date;      // when recorded or observed
  bool met = false;      // the need has been addressed
  std::string note;
};

void to_json(nlohmann::json& j, const FacilityFigure& f);
void to_json(nlohmann::json& j, const IndicatorRating& r);
void to_json(nlohmann::json& j, const Visit& v);
void to_json(nlohmann::json& j, const Incident& i);
void to_json(nlohmann::json& j, const HealthNeed& h);

}  // namespace sawt
