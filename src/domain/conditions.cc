#include "domain/conditions.h"

#include "domain/json.h"

namespace sawt {

using nlohmann::json;

void to_json(json& j, const FacilityFigure& f) {
  j = {{"id", f.id},
       {"facility", f.facility_code},
       {"date", f.date},
       {"source_id", f.source_id},
       {"source", f.source_name},
       {"scope", f.scope},
       {"notes", f.notes}};
  j["population"] = f.population ? json(*f.population) : json(nullptr);
  j["capacity"] = f.capacity ? json(*f.capacity) : json(nullptr);
}

void to_json(json& j, const IndicatorRating& r) {
  j = {{"indicator", r.indicator}, {"rating", r.rating}, {"note", r.note}};
}

void to_json(json& j, const Visit& v) {
  j = {{"id", v.id},           {"facility", v.facility_code}, {"date", v.date},
       {"visitor", v.visitor}, {"indicators", v.indicators},  {"notes", v.notes}};
}

void to_json(json& j, const Incident& i) {
  j = {{"id", i.id},
       {"facility", i.facility_code},
       {"type", i.type},
       {"date", i.date},
       {"deaths", i.deaths},
       {"affected", i.affected},
       {"description", i.description},
       {"source_id", i.source_id},
       {"source", i.source_name},
       {"person_ids", i.person_ids}};
}

void to_json(json& j, const HealthNeed& h) {
  j = {{"id", h.id},     {"person_id", h.person_id},
       {"need", h.need}, {"severity", h.severity},
       {"date", h.date}, {"met", h.met},
       {"note", h.note}};
}

}  // namespace sawt
