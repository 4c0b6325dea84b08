#include "app/protection.h"

#include <fmt/format.h>

#include <array>

#include "util/embedded.h"
#include "util/fs.h"

namespace sawt::app {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// One rule file: the store's edited copy if good, else the last good copy,
// else the shipped one.
template <typename T, typename Parse, typename Check>
Result<T> load_one(store::Repository& repo, std::string_view path, Parse parse, Check check,
                   std::vector<Error>& problems) {
  auto& db = repo.store().db();
  const std::string meta_key = fmt::format("last_good:{}", path);
  const fs::path edited = repo.store().dir() / "reference" / path;
  if (fs::exists(edited)) {
    auto text = SAWT_TRY(read_file(edited));
    auto parsed = parse(text, edited.string());
    if (parsed) {
      auto codes = check(*parsed, repo.store().vocab());
      if (codes) {
        auto put =
            SAWT_TRY(db.prepare("INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET "
                                "value = excluded.value"));
        SAWT_CHECK(put.bind(1, meta_key).bind(2, text).run());
        return std::move(*parsed);
      }
      problems.push_back(codes.error());
    } else {
      problems.push_back(parsed.error());
    }
  }
  auto get = SAWT_TRY(db.prepare("SELECT value FROM meta WHERE key = ?"));
  get.bind(1, meta_key);
  if (SAWT_TRY(get.step())) {
    auto last = parse(get.text(0), fmt::format("{} (last good copy)", path));
    if (last) return std::move(*last);
  }
  auto shipped = embedded_file(path);
  if (!shipped) return fail(ErrorKind::kInternal, fmt::format("the shipped rule file {} is missing", path));
  return parse(*shipped, fmt::format("shipped {}", path));
}

Alert to_alert(const protection::Deadline& d) {
  Alert a;
  a.key = d.key;
  a.kind = d.kind;
  a.due_earliest = PartialDate::from_days(d.due.earliest).to_string();
  a.due_latest = PartialDate::from_days(d.due.latest).to_string();
  a.stage = protection::stage_name(d.stage);
  a.explanation_en = d.explanation.en;
  a.explanation_ar = d.explanation.ar;
  return a;
}

json reasons_json(const std::vector<protection::Reason>& reasons) {
  json out = json::array();
  for (const auto& r : reasons) out.push_back({{"code", r.code}, {"en", r.en}, {"ar", r.ar}});
  return out;
}

}  // namespace

namespace {
constexpr std::array<std::string_view, 3> kRuleFiles = {"rules/lb.json", "rules/risk.json",
                                                        "agreements/lb-sy-2026.json"};
}  // namespace

std::string protection_rules_stamp(store::Repository& repo) {
  std::string out;
  for (const auto path : kRuleFiles) {
    std::error_code ec;
    const fs::path edited = repo.store().dir() / "reference" / path;
    const auto size = fs::file_size(edited, ec);
    if (ec) {
      out += "-;";
      continue;
    }
    const auto mtime = fs::last_write_time(edited, ec).time_since_epoch().count();
    out += fmt::format("{}:{};", size, mtime);
  }
  return out;
}

Result<ProtectionRules> load_protection_rules(store::Repository& repo) {
  ProtectionRules out;
  out.rules = SAWT_TRY(load_one<protection::Rules>(
      repo, kRuleFiles[0], protection::parse_rules,
      [](const protection::Rules& r, const Vocabularies& v) { return protection::check_codes(r, v); },
      out.problems));
  out.risk = SAWT_TRY(load_one<protection::RiskRules>(
      repo, kRuleFiles[1], protection::parse_risk_rules,
      [](const protection::RiskRules& r, const Vocabularies& v) { return protection::check_codes(r, v); },
      out.problems));
  out.agreement = SAWT_TRY(load_one<protection::Agreement>(
      repo, kRuleFiles[2], protection::parse_agreement,
      [](const protection::Agreement& a, const Vocabularies& v) { return protection::check_codes(a, v); },
      out.problems));
  return out;
}

Result<protection::CaseView> load_case_view(store::Repository& repo, Id person_id) {
  protection::CaseView v;
  v.person = SAWT_TRY(repo.get_person(person_id));
  v.arrests = SAWT_TRY(repo.arrests(person_id));
  v.custody = SAWT_TRY(repo.custody(person_id));
  v.cases = SAWT_TRY(repo.cases(person_id));
  v.events = SAWT_TRY(repo.events(person_id));
  v.consents = SAWT_TRY(repo.consents(person_id));
  for (const auto& f : SAWT_TRY(repo.flags(person_id)))
    v.profile_flags.push_back({f.code, f.destination, f.note});
  for (const auto& a : SAWT_TRY(repo.advocacy(person_id))) {
    const std::string title = fmt::format("{} — {}", a.action, a.addressee);
    const std::string ref = fmt::format("advocacy-{}", a.id);
    if (!a.follow_up.empty()) v.actions.push_back({"follow_up", a.follow_up, title, ref});
    if (!a.act_until.empty()) v.actions.push_back({"act_until", a.act_until, title, ref});
  }
  return v;
}

namespace {

Result<std::vector<Id>> all_person_ids(store::Repository& repo) {
  auto q =
      SAWT_TRY(repo.store().db().prepare("SELECT id FROM persons WHERE merged_into IS NULL ORDER BY id"));
  std::vector<Id> ids;
  while (SAWT_TRY(q.step())) ids.push_back(q.int64(0));
  return ids;
}

}  // namespace

Status cache_risk(store::Repository& repo, const ProtectionRules& rules, const protection::CaseView& view,
                  std::chrono::sys_days today) {
  const auto r = protection::assess_risk(view, "", rules.rules, rules.risk, today);
  return repo.set_person_risk(view.person.id, protection::risk_level_name(r.level), r.score, r.explanation.en,
                              r.explanation.ar);
}

Status refresh_person(store::Repository& repo, const ProtectionRules& rules, Id person_id,
                      std::chrono::sys_days today) {
  auto view = SAWT_TRY(load_case_view(repo, person_id));
  std::vector<Alert> alerts;
  for (const auto& d : protection::compute_deadlines(view, rules.rules, today)) alerts.push_back(to_alert(d));
  SAWT_CHECK(repo.sync_alerts(person_id, alerts));
  return cache_risk(repo, rules, view, today);
}

Result<int> refresh_alerts(store::Repository& repo, const ProtectionRules& rules,
                           std::chrono::sys_days today) {
  auto tx = SAWT_TRY(store::Transaction::begin(repo.store().db()));
  int count = 0;
  for (Id id : SAWT_TRY(all_person_ids(repo))) {
    auto view = SAWT_TRY(load_case_view(repo, id));
    std::vector<Alert> alerts;
    for (const auto& d : protection::compute_deadlines(view, rules.rules, today))
      alerts.push_back(to_alert(d));
    count += static_cast<int>(alerts.size());
    SAWT_CHECK(repo.sync_alerts(id, alerts));
    SAWT_CHECK(cache_risk(repo, rules, view, today));
  }
  SAWT_CHECK(tx.commit());
  return count;
}

Result<std::vector<ScreenedPerson>> screen_all(store::Repository& repo, const ProtectionRules& rules,
                                               std::chrono::sys_days today) {
  std::vector<ScreenedPerson> out;
  for (Id id : SAWT_TRY(all_person_ids(repo))) {
    auto view = SAWT_TRY(load_case_view(repo, id));
    auto screening = protection::screen_transfer(view, rules.agreement, today);
    out.push_back({std::move(view.person), std::move(screening)});
  }
  return out;
}

Result<std::vector<AssessedPerson>> assess_all(store::Repository& repo, const ProtectionRules& rules,
                                               std::string_view destination, std::chrono::sys_days today) {
  std::vector<AssessedPerson> out;
  for (Id id : SAWT_TRY(all_person_ids(repo))) {
    auto view = SAWT_TRY(load_case_view(repo, id));
    if (protection::status_means_not_held(view.person.status)) continue;
    auto risk = protection::assess_risk(view, destination, rules.rules, rules.risk, today);
    out.push_back({std::move(view.person), std::move(risk)});
  }
  return out;
}

json to_json(const protection::TransferScreening& s) {
  json j = {{"agreement", s.agreement_code},
            {"agreement_version", s.agreement_version},
            {"eligibility", protection::eligibility_name(s.eligibility)},
            {"eligibility_ar", protection::eligibility_ar(s.eligibility)},
            {"required_prison_years", s.required_prison_years},
            {"reasons", reasons_json(s.reasons)},
            {"met", reasons_json(s.met)}};
  if (s.served) j["prison_years_served"] = {{"min", s.served->min}, {"max", s.served->max}};
  if (s.eligible_from) {
    j["eligible_from"] = {{"earliest", PartialDate::from_days(s.eligible_from->earliest).to_string()},
                          {"latest", PartialDate::from_days(s.eligible_from->latest).to_string()},
                          {"text", s.eligible_from->to_string()}};
  }
  return j;
}

json to_json(const protection::RiskAssessment& r) {
  json factors = json::array();
  for (const auto& f : r.factors) {
    factors.push_back({{"id", f.id},
                       {"weight", f.weight},
                       {"level", protection::risk_level_name(f.level)},
                       {"en", f.reason.en},
                       {"ar", f.reason.ar}});
  }
  return {{"destination", r.destination},
          {"rules_version", r.rules_version},
          {"level", protection::risk_level_name(r.level)},
          {"level_ar", protection::risk_level_ar(r.level)},
          {"score", r.score},
          {"factors", factors},
          {"gaps", reasons_json(r.gaps)},
          {"explanation", r.explanation.en},
          {"explanation_ar", r.explanation.ar}};
}

}  // namespace sawt::app
