// Wiring the protection engine (a pure library) to a store: assembling each
// person's CaseView, loading the rules in force (shipped, or the store's own
// edited copies under reference/, keeping the last good version when an edit
// is broken), refreshing the alert queue, screening transfers, assessing risk.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "protection/case_view.h"
#include "protection/deadlines.h"
#include "protection/risk.h"
#include "protection/rules.h"
#include "protection/transfer.h"
#include "store/repository.h"

namespace sawt::app {

struct ProtectionRules {
  protection::Rules rules;
  protection::RiskRules risk;
  protection::Agreement agreement;
  // Edited rule files that failed to load (file:line: problem), whose last
  // good version (or the shipped one) stays in force.
  std::vector<Error> problems;
};

// Loads the rules for `store`: for each of rules/lb.json, rules/risk.json and
// agreements/lb-sy-2026.json, the store's reference/ copy when it parses and
// its codes exist, else the last good copy recorded in the store, else the
// shipped one.
[[nodiscard]] Result<ProtectionRules> load_protection_rules(store::Repository& repo);

// A fingerprint of the store's edited rule files (each one's presence, size
// and modification time): while it stays the same, load_protection_rules gives
// the same rules, so a server may keep them instead of parsing them for every
// request.
[[nodiscard]] std::string protection_rules_stamp(store::Repository& repo);

[[nodiscard]] Result<protection::CaseView> load_case_view(store::Repository& repo, Id person_id);

// Recomputes one person's alerts and cached risk level (after an edit).
[[nodiscard]] Status refresh_person(store::Repository& repo, const ProtectionRules& rules, Id person_id,
                                    std::chrono::sys_days today);
[[nodiscard]] Status cache_risk(store::Repository& repo, const ProtectionRules& rules,
                                const protection::CaseView& view, std::chrono::sys_days today);

// Recomputes the deadlines and cached risk of every person and syncs the alert
// queue. Returns the number of current alerts.
[[nodiscard]] Result<int> refresh_alerts(store::Repository& repo, const ProtectionRules& rules,
                                         std::chrono::sys_days today);

struct ScreenedPerson {
  Person person;
  protection::TransferScreening screening;
};
[[nodiscard]] Result<std::vector<ScreenedPerson>> screen_all(store::Repository& repo,
                                                             const ProtectionRules& rules,
                                                             std::chrono::sys_days today);

struct AssessedPerson {
  Person person;
  protection::RiskAssessment risk;
};
// Risk for every person held (destination: each person's nationality, or `destination`).
[[nodiscard]] Result<std::vector<AssessedPerson>> assess_all(store::Repository& repo,
                                                             const ProtectionRules& rules,
                                                             std::string_view destination,
                                                             std::chrono::sys_days today);

// JSON forms for the CLI and the API.
[[nodiscard]] nlohmann::json to_json(const protection::TransferScreening& s);
[[nodiscard]] nlohmann::json to_json(const protection::RiskAssessment& r);

}  // namespace sawt::app
