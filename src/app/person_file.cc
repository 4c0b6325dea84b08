#include "app/person_file.h"

#include <map>

#include "domain/json.h"

namespace sawt::app {

using nlohmann::json;

Result<json> person_file_json(store::Repository& repo, const ProtectionRules& rules, Id person_id,
                              std::chrono::sys_days today) {
  auto view = SAWT_TRY(load_case_view(repo, person_id));
  const auto& p = view.person;
  auto records = SAWT_TRY(repo.person_records(p.id));
  std::map<Id, std::string> source_names;
  for (const auto& s : SAWT_TRY(repo.list_sources())) source_names[s.id] = s.name;
  json j = p;
  j["records"] = json::array();
  for (const auto& r : records) {
    json rj = r;
    rj["source"] = source_names[r.source_id];
    j["records"].push_back(std::move(rj));
  }
  j["arrests"] = view.arrests;
  j["custody"] = view.custody;
  j["cases"] = view.cases;
  j["events"] = view.events;
  j["consents"] = view.consents;
  j["flags"] = SAWT_TRY(repo.flags(p.id));
  j["advocacy"] = SAWT_TRY(repo.advocacy(p.id));
  j["teams"] = SAWT_TRY(repo.person_teams(p.id));
  // Which partners hold this person's data, and whether the consent to share
  // with each is still in force (a withdrawn one means asking the partner to
  // delete what they received).
  j["shares"] = json::array();
  for (const auto& s : SAWT_TRY(repo.shares_of_person(p.id))) {
    const ConsentRecord* now = protection::partner_consent_in_force(view, s.partner);
    j["shares"].push_back(
        {{"bundle_id", s.bundle_id},
         {"partner", s.partner},
         {"at", s.at},
         {"by", s.actor},
         {"consent_now", now == nullptr ? "none" : std::string(consent_name(now->decision))},
         {"consent_date", now == nullptr ? "" : now->date.to_string()}});
  }
  j["risk"] = to_json(protection::assess_risk(view, "", rules.rules, rules.risk, today));
  j["transfer"] = to_json(protection::screen_transfer(view, rules.agreement, today));
  store::Repository::AlertFilter f;
  f.person_id = p.id;
  f.due_within_days = 3650;
  j["alerts"] = SAWT_TRY(repo.alerts(f));
  return j;
}

json person_summary_json(const Person& p, std::string_view risk_level) {
  return {{"public_id", p.public_id},   {"name_ar", p.name_ar.display()}, {"name_lat", p.name_lat.display()},
          {"status", p.status},         {"facility", p.facility_code},    {"gender", p.gender},
          {"birth_date", p.birth_date}, {"confidential", p.confidential}, {"risk", risk_level}};
}

}  // namespace sawt::app
