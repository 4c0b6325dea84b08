// A person's whole file as JSON (the CLI's `person show --json` and the API's
// GET /api/persons/{id}): identity, name variants with their sources,
// detention, cases, timeline, consent, flags, advocacy, risk and transfer.
#pragma once

#include <nlohmann/json.hpp>

#include "app/protection.h"

namespace sawt::app {

[[nodiscard]] Result<nlohmann::json> person_file_json(store::Repository& repo, const ProtectionRules& rules,
                                                      Id person_id, std::chrono::sys_days today);

// The list form: id, names, status, facility, cached risk level.
[[nodiscard]] nlohmann::json person_summary_json(const Person& p, std::string_view risk_level);

}  // namespace sawt::app
